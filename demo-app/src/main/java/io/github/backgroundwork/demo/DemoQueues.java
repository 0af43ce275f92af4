package io.github.backgroundwork.demo;

import io.github.backgroundwork.DefaultBackgroundWorkQueue;
import io.github.backgroundwork.autoconfigure.BackgroundWorkQueueConfigurer;
import io.github.backgroundwork.demo.mail.CustomerMailDelivery;
import io.github.backgroundwork.demo.mail.DailyDigest;
import io.github.backgroundwork.demo.pictures.PictureUploads;
import io.github.backgroundwork.demo.pictures.Thumbnailer;
import io.github.backgroundwork.handler.WorkHandlers;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;

/**
 * The demo's two queues, each configured like the auto-configured one (properties,
 * listeners, meters, the durable store) and each given only the typed work it runs. Items
 * of one queue are taken in one first-in-first-out order, whatever their name, so a
 * thumbnail queued behind a 300-customer mailing would wait for it: thumbnails get a
 * queue of their own, {@code pictureQueue}, whose two workers a mailing never occupies.
 * Defining these makes the auto-configured queue back off; {@code backgroundWorkQueue}
 * keeps its name, and is the one injected where no name is given.
 *
 * @since 0.1.0
 */
@Configuration(proxyBeanMethods = false)
public class DemoQueues {

	/**
	 * The application's queue: the mailings, and any work queued without a name. It runs
	 * only the durable mailing's typed work and the daily digest (recurring names run in
	 * the primary queue), so that with {@code background-work.store=jdbc} it claims only
	 * those rows.
	 * @param configurer configures it as the auto-configured queue would be
	 * @param mails the handler of the durable mailing's items
	 * @param digest the handler of the daily digest
	 * @return the queue
	 */
	@Bean
	@Primary
	DefaultBackgroundWorkQueue backgroundWorkQueue(BackgroundWorkQueueConfigurer configurer, CustomerMailDelivery mails,
			DailyDigest digest) {
		return configurer.configure(DefaultBackgroundWorkQueue.builder())
			.handlers(WorkHandlers.of(mails, digest))
			.build();
	}

	/**
	 * The thumbnails' queue: two workers, whatever {@code background-work.concurrency}
	 * says, and only the thumbnail handler, so that it neither runs nor claims anything
	 * else.
	 * @param configurer configures it as the auto-configured queue would be
	 * @param thumbnailer the handler of thumbnail work
	 * @return the queue
	 */
	@Bean(PictureUploads.QUEUE)
	DefaultBackgroundWorkQueue pictureQueue(BackgroundWorkQueueConfigurer configurer, Thumbnailer thumbnailer) {
		return configurer.configure(DefaultBackgroundWorkQueue.builder())
			.concurrency(2)
			.threadNamePrefix("bgwork-picture-")
			.handlers(WorkHandlers.of(thumbnailer))
			.build();
	}

}
