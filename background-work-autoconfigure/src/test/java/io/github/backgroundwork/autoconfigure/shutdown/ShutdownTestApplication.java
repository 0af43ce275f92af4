package io.github.backgroundwork.autoconfigure.shutdown;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.github.backgroundwork.BackgroundWorkAbandonedEvent;

import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.event.EventListener;

/**
 * A real application for the shutdown tests: full auto-configuration, an H2 DataSource,
 * and a record of what happened in which order.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
public class ShutdownTestApplication {

	/**
	 * Events in the order they happened, shared by work and beans.
	 */
	@Bean
	Journal journal() {
		return new Journal();
	}

	@Bean
	DestroyedLast destroyedLast(Journal journal) {
		return new DestroyedLast(journal);
	}

	@EventListener
	void abandoned(BackgroundWorkAbandonedEvent event) {
		journal().abandoned.addAll(event.items().stream().map((item) -> item.name()).toList());
	}

	static ConfigurableApplicationContext start(String... properties) {
		return new SpringApplicationBuilder(ShutdownTestApplication.class)
			.web(org.springframework.boot.WebApplicationType.NONE)
			.properties("spring.datasource.generate-unique-name=true", "spring.main.banner-mode=off")
			.properties(properties)
			.run();
	}

	/**
	 * What happened, in order.
	 */
	static class Journal {

		final List<String> events = new CopyOnWriteArrayList<>();

		final List<String> abandoned = new CopyOnWriteArrayList<>();

	}

	/**
	 * A bean that notes when it is destroyed.
	 */
	static class DestroyedLast implements AutoCloseable {

		private final Journal journal;

		DestroyedLast(Journal journal) {
			this.journal = journal;
		}

		@Override
		public void close() {
			this.journal.events.add("bean destroyed");
		}

	}

}
