package io.github.backgroundwork.examples.schema;

import java.util.concurrent.CountDownLatch;

import io.github.backgroundwork.BackgroundWorkHandler;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

/**
 * An application on PostgreSQL whose schema a migration tool manages, with one handler of
 * typed work.
 */
@SpringBootApplication
class SchemaMigrationApplication {

	@Bean
	Greetings greetings() {
		return new Greetings();
	}

	/**
	 * The handler of {@code greeting} items.
	 */
	static class Greetings {

		final CountDownLatch greeted = new CountDownLatch(1);

		@BackgroundWorkHandler("greeting")
		void greet(Greeting greeting) {
			this.greeted.countDown();
		}

	}

	/**
	 * A payload.
	 *
	 * @param to whom to greet
	 */
	record Greeting(String to) {

	}

}
