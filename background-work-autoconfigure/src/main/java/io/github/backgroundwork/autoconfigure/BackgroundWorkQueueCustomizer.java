package io.github.backgroundwork.autoconfigure;

import io.github.backgroundwork.DefaultBackgroundWorkQueue;

/**
 * Callback that customizes the builder of every queue the
 * {@link BackgroundWorkQueueConfigurer} configures: the auto-configured queue and the
 * queues an application builds with the configurer. Customizers run in order, after the
 * properties, decorators and listeners are applied.
 *
 * @since 0.2.0
 */
@FunctionalInterface
public interface BackgroundWorkQueueCustomizer {

	/**
	 * Customize a queue's builder.
	 * @param builder the builder
	 */
	void customize(DefaultBackgroundWorkQueue.Builder builder);

}
