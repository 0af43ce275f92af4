package io.github.backgroundwork.autoconfigure;

import io.github.backgroundwork.DefaultBackgroundWorkQueue;

/**
 * Customizes a queue's builder knowing the queue's name: how the integrations that tag
 * what they record with the queue (meters) reach every queue the configurer configures.
 */
@FunctionalInterface
interface NamedQueueCustomizer {

	/**
	 * Customize a queue's builder.
	 * @param queueName the queue's name, its bean name in the application
	 * @param builder the builder
	 */
	void customize(String queueName, DefaultBackgroundWorkQueue.Builder builder);

}
