package io.github.backgroundwork.examples.queues;

import io.github.backgroundwork.autoconfigure.BackgroundWorkQueueCustomizer;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * A customizer that every queue the configurer builds gets: here, a listener that audits
 * each item's start. docs/several-queues.md shows the bean.
 */
@Configuration(proxyBeanMethods = false)
class AuditConfiguration {

	@Bean
	BackgroundWorkQueueCustomizer auditListener(AuditLog audit) {
		return (builder) -> builder.listener(new AuditingWorkListener(audit));
	}

}
