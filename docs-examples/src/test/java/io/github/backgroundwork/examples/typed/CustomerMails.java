package io.github.backgroundwork.examples.typed;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.github.backgroundwork.BackgroundWorkHandler;
import io.github.backgroundwork.BackgroundWorkQueue;
import io.github.backgroundwork.WorkContext;
import io.github.backgroundwork.WorkHandle;
import io.github.backgroundwork.WorkRequest;

import org.springframework.stereotype.Component;

/**
 * Typed customer mails: the handler and the requests the README and docs/typed-work.md
 * show; {@link TypedWorkTests} runs them.
 */
@Component
class CustomerMails {

	final List<Mail> sent = new CopyOnWriteArrayList<>();

	@BackgroundWorkHandler(value = "customer-mail", concurrency = 2) // at most 2 at once
	void send(Mail mail, WorkContext context) {
		this.sent.add(mail);
	}

	static void mailLater(BackgroundWorkQueue queue, String campaign, long customerId) {
		queue.enqueue(WorkRequest.builder("customer-mail", new Mail(campaign, customerId))
			.key(campaign + ":" + customerId) // while that item is live, adds nothing
			.delay(Duration.ofMinutes(5)) // SCHEDULED until then, holding no thread
			.build());
	}

	// Thumbnail sits in Thumbnails.java, next to its handler, as the docs show them
	@SuppressWarnings("auxiliaryclass")
	static List<WorkHandle> enqueueEach(BackgroundWorkQueue queue, String path, String campaign, long customerId,
			List<WorkRequest> requests) {
		queue.enqueue(WorkRequest.of("thumbnail", new Thumbnail(path)));
		queue.enqueue(WorkRequest.builder("customer-mail", new Mail(campaign, customerId))
			.key(campaign + ":" + customerId)
			.delay(Duration.ofMinutes(5))
			.maxRetries(5)
			.build());
		List<WorkHandle> handles = queue.enqueueAll(requests); // all or none
		return handles;
	}

	/**
	 * A payload: which campaign, to whom.
	 *
	 * @param campaign the campaign
	 * @param customerId the customer
	 */
	record Mail(String campaign, long customerId) {

	}

}
