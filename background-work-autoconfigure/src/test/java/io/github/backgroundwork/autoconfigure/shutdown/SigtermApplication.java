package io.github.backgroundwork.autoconfigure.shutdown;

import java.util.concurrent.CountDownLatch;

import io.github.backgroundwork.BackgroundWorkQueue;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;

/**
 * A small application run in a child JVM by {@link SigtermTests}: it enqueues work, says
 * READY, and waits to be terminated.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
public class SigtermApplication {

	static final int ITEMS = 20;

	@Bean
	DestroyReporter destroyReporter(BackgroundWorkQueue queue) {
		return new DestroyReporter(queue);
	}

	@EventListener
	void closing(ContextClosedEvent event) {
		System.out.println("CLOSING");
	}

	public static void main(String[] args) throws InterruptedException {
		ConfigurableApplicationContext context = SpringApplication.run(SigtermApplication.class, args);
		BackgroundWorkQueue queue = context.getBean(BackgroundWorkQueue.class);
		for (int i = 1; i <= ITEMS; i++) {
			int number = i;
			queue.enqueue("item", (work) -> {
				Thread.sleep(100); // simulates slow work
				System.out.println("DONE " + number);
			});
		}
		System.out.println("READY");
		new CountDownLatch(1).await();
	}

	/**
	 * Says, as the context destroys its beans, what the queue did.
	 */
	static class DestroyReporter implements AutoCloseable {

		private final BackgroundWorkQueue queue;

		DestroyReporter(BackgroundWorkQueue queue) {
			this.queue = queue;
		}

		@Override
		public void close() {
			System.out.println("DESTROYING succeeded=" + this.queue.statistics().totals().succeeded());
		}

	}

}
