package io.github.backgroundwork.examples.queues;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.github.backgroundwork.BackgroundWorkHandler;
import io.github.backgroundwork.BackgroundWorkQueue;
import io.github.backgroundwork.WorkRequest;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;

/**
 * Mails customers on the queue it names; also the handler of the stored work both queues
 * run (handlers are the application's, shared by every queue).
 */
@Component
class CustomerNotifier {

	private final BackgroundWorkQueue queue;

	final List<String> ran = new CopyOnWriteArrayList<>();

	CustomerNotifier(@Qualifier("mailQueue") BackgroundWorkQueue queue) {
		this.queue = queue;
	}

	void notify(long customerId) {
		this.queue.enqueue(WorkRequest.of("customer-mail", new Mail(customerId)));
	}

	@BackgroundWorkHandler("customer-mail")
	void mail(Mail mail) {
		this.ran.add("mail " + mail.customerId() + " on " + Thread.currentThread().getName());
	}

	@BackgroundWorkHandler("customer-export")
	void export(Export export) {
		this.ran.add("export " + export.customerId() + " on " + Thread.currentThread().getName());
	}

	/**
	 * A mail to send.
	 *
	 * @param customerId to whom
	 */
	record Mail(long customerId) {

	}

	/**
	 * A customer's data to export.
	 *
	 * @param customerId whose
	 */
	record Export(long customerId) {

	}

}
