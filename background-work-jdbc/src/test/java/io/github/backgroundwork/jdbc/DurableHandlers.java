package io.github.backgroundwork.jdbc;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.backgroundwork.BackgroundWorkHandler;
import io.github.backgroundwork.WorkContext;

/**
 * Handlers of durable typed work, recording which thread ran what.
 */
public class DurableHandlers {

	/**
	 * A mail to send.
	 *
	 * @param customer the customer
	 */
	public record Mail(int customer) {
	}

	/**
	 * A payload Jackson cannot write: its one property throws.
	 */
	public static class Unwritable {

		public String getValue() {
			throw new IllegalStateException("not today");
		}

	}

	final Map<Integer, String> ranOn = new ConcurrentHashMap<>();

	final AtomicInteger runs = new AtomicInteger();

	final AtomicInteger failures = new AtomicInteger();

	final CountDownLatch blockedStarted = new CountDownLatch(2);

	final CountDownLatch unblock = new CountDownLatch(1);

	@BackgroundWorkHandler("mail")
	void mail(Mail mail) {
		this.runs.incrementAndGet();
		String previous = this.ranOn.putIfAbsent(mail.customer(), Thread.currentThread().getName());
		if (previous != null) {
			throw new IllegalStateException("customer " + mail.customer() + " mailed twice");
		}
	}

	final Set<String> sharedBy = ConcurrentHashMap.newKeySet();

	final CountDownLatch sharedByTwo = new CountDownLatch(2);

	/**
	 * A mail, held until two queues (by thread name prefix) have each started one, so
	 * that a queue woken first cannot run them all before the other polls.
	 */
	@BackgroundWorkHandler("shared")
	void shared(Mail mail) throws InterruptedException {
		String thread = Thread.currentThread().getName();
		if (this.sharedBy.add(thread.substring(0, thread.indexOf('-') + 1))) {
			this.sharedByTwo.countDown();
		}
		this.sharedByTwo.await(10, TimeUnit.SECONDS);
		mail(mail);
	}

	@BackgroundWorkHandler("flaky")
	void flaky(Mail mail) {
		this.failures.incrementAndGet();
		throw new IllegalStateException("SMTP down for " + mail.customer());
	}

	volatile boolean healed;

	/**
	 * A mail that fails until {@link #healed}.
	 */
	@BackgroundWorkHandler("healing")
	void healing(Mail mail) {
		if (!this.healed) {
			throw new IllegalStateException("SMTP down for " + mail.customer());
		}
	}

	@BackgroundWorkHandler("anything")
	void anything(Object payload) {
		this.runs.incrementAndGet();
	}

	final CountDownLatch patientStarted = new CountDownLatch(1);

	@BackgroundWorkHandler("patient")
	void patient(Mail mail, WorkContext context) throws InterruptedException {
		CountDownLatch cancelled = new CountDownLatch(1);
		context.onCancellation(cancelled::countDown);
		this.patientStarted.countDown();
		// Runs until it is cancelled, as long work that honours cancellation does
		cancelled.await();
		context.throwIfCancellationRequested();
	}

	@BackgroundWorkHandler("stuck")
	void stuck(Mail mail) {
		this.blockedStarted.countDown();
		// Ignores interrupts, as badly behaved work does, until the test lets it go
		while (true) {
			try {
				this.unblock.await();
				return;
			}
			catch (InterruptedException ex) {
				// keep blocking
			}
		}
	}

}
