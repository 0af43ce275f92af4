package io.github.backgroundwork.autoconfigure;

import io.github.backgroundwork.DefaultBackgroundWorkQueue;

/**
 * Callback that customizes the builder of every queue the
 * {@link BackgroundWorkQueueConfigurer} configures: the auto-configured queue and the
 * queues an application builds with the configurer. Customizers run in order, after the
 * properties, decorators and listeners are applied, when the queue starts (or takes its
 * first work before that) rather than when it is created, so a class that injects the
 * queue may declare one; settings made on the builder after
 * {@code BackgroundWorkQueueConfigurer.configure} still win.
 *
 * @since 0.1.0
 */
@FunctionalInterface
public interface BackgroundWorkQueueCustomizer {

	/**
	 * Customize a queue's builder.
	 * @param builder the builder
	 */
	void customize(DefaultBackgroundWorkQueue.Builder builder);

}
