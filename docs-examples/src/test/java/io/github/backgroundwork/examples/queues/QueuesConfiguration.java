package io.github.backgroundwork.examples.queues;

import io.github.backgroundwork.DefaultBackgroundWorkQueue;
import io.github.backgroundwork.autoconfigure.BackgroundWorkQueueConfigurer;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Two queues of one's own, each configured like the auto-configured one, with settings of
 * its own. docs/several-queues.md shows this class; {@link SeveralQueuesTests} runs it.
 */
@Configuration(proxyBeanMethods = false)
class QueuesConfiguration {

	@Bean
	DefaultBackgroundWorkQueue mailQueue(BackgroundWorkQueueConfigurer configurer) {
		return configurer.configure(DefaultBackgroundWorkQueue.builder())
			.concurrency(2)
			.threadNamePrefix("mail-")
			.build();
	}

	@Bean
	DefaultBackgroundWorkQueue exportQueue(BackgroundWorkQueueConfigurer configurer) {
		return configurer.configure(DefaultBackgroundWorkQueue.builder())
			.concurrency(1)
			.threadNamePrefix("export-")
			.build();
	}

}
