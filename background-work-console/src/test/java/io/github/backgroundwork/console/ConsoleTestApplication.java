package io.github.backgroundwork.console;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.backgroundwork.BackgroundWorkHandler;
import io.github.backgroundwork.WorkContext;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

/**
 * An application whose work the console's tests watch and act on: {@code invoice} items
 * fail while {@link Handlers#broken} says so, without retries, {@code report} items run
 * until released or cancelled, and {@code cleanup} is recurring work, due every hour.
 */
@SpringBootApplication
public class ConsoleTestApplication {

	@Bean
	Handlers handlers() {
		return new Handlers();
	}

	/**
	 * The test application's handlers.
	 */
	public static class Handlers {

		/**
		 * Whether {@code invoice} work fails now.
		 */
		public final AtomicBoolean broken = new AtomicBoolean(true);

		/**
		 * Released to let every running {@code report} end.
		 */
		public volatile CountDownLatch reportsMayEnd = new CountDownLatch(1);

		@BackgroundWorkHandler(value = "invoice", maxRetries = 0)
		void invoice(String customer) {
			if (this.broken.get()) {
				throw new IllegalStateException("No invoice address for customer " + customer);
			}
		}

		/**
		 * How many times {@code cleanup} ran.
		 */
		public final AtomicInteger cleanups = new AtomicInteger();

		@BackgroundWorkHandler(value = "cleanup", every = "1h")
		void cleanup() {
			this.cleanups.incrementAndGet();
		}

		@BackgroundWorkHandler("report")
		void report(String title, WorkContext context) throws InterruptedException {
			while (!context.isCancellationRequested() && !this.reportsMayEnd.await(20, TimeUnit.MILLISECONDS)) {
				// runs until released or cancelled
			}
		}

	}

}
