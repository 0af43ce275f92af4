package io.github.backgroundwork.typed;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.backgroundwork.BackgroundWorkHandler;
import io.github.backgroundwork.WorkContext;

/**
 * Handlers of typed work for the engine's tests, recording what they were given.
 */
public class TestHandlers {

	/**
	 * A mail to send.
	 *
	 * @param campaign the campaign
	 * @param customer the customer
	 */
	public record Mail(String campaign, int customer) {
	}

	/**
	 * A picture to shrink.
	 *
	 * @param path where it is
	 */
	public record Picture(String path) {
	}

	final List<Mail> sent = new CopyOnWriteArrayList<>();

	final ConcurrentHashMap<String, AtomicInteger> attempts = new ConcurrentHashMap<>();

	final AtomicInteger running = new AtomicInteger();

	final AtomicInteger mostRunning = new AtomicInteger();

	volatile int failuresBeforeSuccess;

	volatile CountDownLatch release = new CountDownLatch(0);

	final List<String> startedNames = new CopyOnWriteArrayList<>();

	final List<Integer> contextAttempts = new CopyOnWriteArrayList<>();

	@BackgroundWorkHandler("mail")
	void mail(Mail mail, WorkContext context) throws Exception {
		this.startedNames.add("mail");
		this.contextAttempts.add(context.attempt());
		int attempt = this.attempts.computeIfAbsent(mail.campaign() + ":" + mail.customer(), (k) -> new AtomicInteger())
			.incrementAndGet();
		if (attempt <= this.failuresBeforeSuccess) {
			throw new IllegalStateException("SMTP down, attempt " + attempt);
		}
		this.release.await();
		this.sent.add(mail);
	}

	@BackgroundWorkHandler(value = "picture", concurrency = 2)
	void picture(Picture picture) throws InterruptedException {
		this.startedNames.add("picture");
		int now = this.running.incrementAndGet();
		this.mostRunning.accumulateAndGet(now, Math::max);
		try {
			this.release.await();
		}
		finally {
			this.running.decrementAndGet();
		}
	}

	@BackgroundWorkHandler(value = "always-fails", maxRetries = 2)
	void alwaysFails(String payload) {
		this.attempts.computeIfAbsent(payload, (k) -> new AtomicInteger()).incrementAndGet();
		throw new IllegalArgumentException("bad payload " + payload);
	}

	@BackgroundWorkHandler("async-mail")
	CompletionStage<Void> asyncMail(Mail mail) {
		int attempt = this.attempts.computeIfAbsent("async:" + mail.customer(), (k) -> new AtomicInteger())
			.incrementAndGet();
		if (attempt <= this.failuresBeforeSuccess) {
			return CompletableFuture.failedFuture(new IllegalStateException("async failure " + attempt));
		}
		this.sent.add(mail);
		return CompletableFuture.completedFuture(null);
	}

}
