package io.github.backgroundwork.jdbc;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.github.backgroundwork.BackgroundWorkHandler;
import io.github.backgroundwork.jdbc.DurableHandlers.Mail;

/**
 * Counts the runs of each mail, each taking a while.
 */
class CountingMails {

	final Map<Integer, Integer> runs = new ConcurrentHashMap<>();

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
		Thread.sleep(this.takes.toMillis());
	}

}
