package io.github.backgroundwork.demo.mail;

import io.github.backgroundwork.WorkHandle;
import io.github.backgroundwork.demo.web.AcceptedWork;
import io.github.backgroundwork.demo.web.WorkLocations;
import jakarta.validation.Valid;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /customers/notifications}: queues a mail to every customer and answers
 * {@code 202 Accepted} at once, with the item's id and a {@code Location} where its
 * progress can be watched.
 *
 * @since 0.1.0
 */
@RestController
public class NotificationController {

	private final CustomerNotifier notifier;

	private final WorkLocations locations;

	/**
	 * Create a controller.
	 * @param notifier the notifier
	 * @param locations where queued items can be watched
	 */
	public NotificationController(CustomerNotifier notifier, WorkLocations locations) {
		this.notifier = notifier;
		this.locations = locations;
	}

	/**
	 * Queue a notification posted as JSON.
	 * @param notification the notification
	 * @return the queued item
	 */
	@PostMapping(path = "/customers/notifications", consumes = MediaType.APPLICATION_JSON_VALUE)
	public ResponseEntity<AcceptedWork> notifyFromJson(@Valid @RequestBody Notification notification) {
		return accepted(this.notifier.notifyCustomers(notification));
	}

	/**
	 * Queue a notification posted from an HTML form.
	 * @param notification the notification
	 * @return the queued item
	 */
	@PostMapping(path = "/customers/notifications", consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE)
	public ResponseEntity<AcceptedWork> notifyFromForm(@Valid @ModelAttribute Notification notification) {
		return accepted(this.notifier.notifyCustomers(notification));
	}

	private ResponseEntity<AcceptedWork> accepted(WorkHandle work) {
		return this.locations.accepted(work).body(AcceptedWork.of(work, this.locations));
	}

}
