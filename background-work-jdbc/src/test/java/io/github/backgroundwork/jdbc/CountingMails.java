package io.github.backgroundwork.jdbc;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;

import io.github.backgroundwork.BackgroundWorkHandler;
import io.github.backgroundwork.jdbc.DurableHandlers.Mail;

/**
 * Counts the runs of each mail, each taking a while.
 */
class CountingMails {

	final Map<Integer, Integer> runs = new ConcurrentHashMap<>();

	/**
	 * A permit per run, for a test that acts after so many runs.
	 */
	final Semaphore ran = new Semaphore(0);

	private final Duration takes;

	CountingMails(Duration takes) {
		this.takes = takes;
	}

	boolean ranTwice() {
		return this.runs.values().stream().anyMatch((runs) -> runs > 1);
	}

	@BackgroundWorkHandler("mail")
	void mail(Mail mail) throws InterruptedException {
		this.runs.merge(mail.customer(), 1, Integer::sum);
		this.ran.release();
		Thread.sleep(this.takes.toMillis());
	}

}
