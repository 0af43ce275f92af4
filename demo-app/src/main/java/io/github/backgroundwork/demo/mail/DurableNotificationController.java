package io.github.backgroundwork.demo.mail;

import java.util.regex.Pattern;

import io.github.backgroundwork.demo.mail.DurableCustomerMailing.Mailing;

import jakarta.validation.Valid;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * {@code POST /customers/notifications/durable}: queues one stored item per customer and
 * answers {@code 202 Accepted} at once with the campaign and how many items were queued.
 *
 * @since 0.1.0
 */
@RestController
public class DurableNotificationController {

	private static final String PATH = "/customers/notifications/durable";

	private static final Pattern CAMPAIGN = Pattern.compile("[A-Za-z0-9_-]{1,40}");

	private final DurableCustomerMailing mailing;

	/**
	 * Create a controller.
	 * @param mailing the durable mailing
	 */
	public DurableNotificationController(DurableCustomerMailing mailing) {
		this.mailing = mailing;
	}

	/**
	 * Queue a notification posted as JSON.
	 * @param notification the notification
	 * @param campaign the campaign's name; a new one if absent
	 * @return the queued mailing
	 */
	@PostMapping(path = PATH, consumes = MediaType.APPLICATION_JSON_VALUE)
	public ResponseEntity<Mailing> notifyFromJson(@Valid @RequestBody Notification notification,
			@RequestParam(required = false) @Nullable String campaign) {
		return ResponseEntity.accepted().body(this.mailing.notifyCustomers(notification, checked(campaign)));
	}

	/**
	 * Queue a notification posted from an HTML form.
	 * @param notification the notification
	 * @param campaign the campaign's name; a new one if absent
	 * @return the queued mailing
	 */
	@PostMapping(path = PATH, consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE)
	public ResponseEntity<Mailing> notifyFromForm(@Valid @ModelAttribute Notification notification,
			@RequestParam(required = false) @Nullable String campaign) {
		return ResponseEntity.accepted().body(this.mailing.notifyCustomers(notification, checked(campaign)));
	}

	private static @Nullable String checked(@Nullable String campaign) {
		if (campaign != null && !CAMPAIGN.matcher(campaign).matches()) {
			// The campaign is part of every item's key, campaign:customer
			throw new ResponseStatusException(HttpStatus.BAD_REQUEST,
					"campaign: must be 1 to 40 letters, digits, " + "'-' or '_', but was '" + campaign + "'");
		}
		return campaign;
	}

}
