package io.github.backgroundwork.examples.usage;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.github.backgroundwork.BackgroundWorkQueue;
import io.github.backgroundwork.WorkHandle;

/**
 * A mailing handed to the queue as a lambda, which stops between customers when the
 * application goes down or someone cancels it. The README and docs/usage.md show these
 * lines; {@link LambdaWorkTests} runs them.
 */
class CustomerMailing {

	final List<Customer> sent = new CopyOnWriteArrayList<>();

	WorkHandle mailEveryone(BackgroundWorkQueue queue, List<Customer> customers) {
		WorkHandle handle = queue.enqueue("customer-mail", (context) -> {
			for (Customer customer : customers) {
				if (context.isCancellationRequested()) {
					return; // the application is going down
				}
				send(customer);
			}
		});
		return handle;
	}

	WorkHandle mailEveryoneUntilCancelled(BackgroundWorkQueue queue, List<Customer> customers) {
		WorkHandle handle = queue.enqueue("customer-mail", (context) -> {
			for (Customer customer : customers) {
				// The application is going down, or someone cancelled
				context.throwIfCancellationRequested();
				send(customer);
			}
		});
		return handle;
	}

	void send(Customer customer) {
		this.sent.add(customer);
	}

	/**
	 * A customer to mail.
	 *
	 * @param email where to
	 */
	record Customer(String email) {

	}

}
