package io.github.backgroundwork.jdbc;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.github.backgroundwork.BackgroundWorkHandler;

/**
 * Handlers for {@link AbstractQueueIsolationAndLimitsTests}: each records the thread that
 * ran each item; {@code limited} runs one at a time and waits until released.
 */
class QueueIsolationHandlers {

	final Map<Integer, String> ranOn = new ConcurrentHashMap<>();

	final CountDownLatch release = new CountDownLatch(1);

	@BackgroundWorkHandler("export")
	void export(Mail mail) {
		this.ranOn.put(mail.customer(), Thread.currentThread().getName());
	}

	@BackgroundWorkHandler("mail")
	void mail(Mail mail) {
		this.ranOn.put(mail.customer(), Thread.currentThread().getName());
	}

	@BackgroundWorkHandler(value = "limited", concurrency = 1)
	void limited(Mail mail) throws InterruptedException {
		this.ranOn.put(mail.customer(), Thread.currentThread().getName());
		this.release.await(30, TimeUnit.SECONDS);
	}

	/**
	 * A payload.
	 *
	 * @param customer whom it is for
	 */
	record Mail(int customer) {

	}

}
