package io.github.backgroundwork.jdbc;

import java.util.concurrent.CountDownLatch;

import io.github.backgroundwork.BackgroundWorkHandler;
import io.github.backgroundwork.BackgroundWorkQueue;
import io.github.backgroundwork.WorkRequest;
import io.github.backgroundwork.jdbc.DurableHandlers.Mail;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;

/**
 * A small application run in a child JVM by {@link DurableCrashTests}: with
 * {@code background-work.store=jdbc} it enqueues {@link #ITEMS} durable items whose
 * handler never returns, says STARTED for each one that runs, and waits to be killed.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
public class DurableCrashApplication {

	static final int ITEMS = 2;

	static final String NAME = "crash-mail";

	@Bean
	BlockingMail blockingMail() {
		return new BlockingMail();
	}

	public static void main(String[] args) throws InterruptedException {
		ConfigurableApplicationContext context = SpringApplication.run(DurableCrashApplication.class, args);
		BackgroundWorkQueue queue = context.getBean(BackgroundWorkQueue.class);
		for (int i = 1; i <= ITEMS; i++) {
			System.out.println("ENQUEUED " + queue.enqueue(WorkRequest.of(NAME, new Mail(i))).id());
		}
		// Workers may be daemon threads: keep the JVM alive until it is killed
		new CountDownLatch(1).await();
	}

	/**
	 * Starts each mail and never finishes it.
	 */
	static class BlockingMail {

		private final CountDownLatch never = new CountDownLatch(1);

		@BackgroundWorkHandler(NAME)
		void send(Mail mail) throws InterruptedException {
			System.out.println("STARTED " + mail.customer());
			this.never.await();
		}

	}

}
