package io.github.backgroundwork.console;

import java.time.Clock;
import java.util.Map;

import io.github.backgroundwork.BackgroundWorkQueue;
import io.github.backgroundwork.actuate.BackgroundWorkEndpoint;
import io.github.backgroundwork.actuate.DurableWorkDescriber;
import io.github.backgroundwork.actuate.WorkActions;
import io.github.backgroundwork.jdbc.JdbcWorkStore;
import io.github.backgroundwork.recurring.RecurringScheduler;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication.Type;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.servlet.DispatcherServlet;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.ServerResponse;

/**
 * Auto-configuration of the background work console at
 * {@code background-work.console.path}, in a servlet web application where
 * {@code background-work.console.enabled=true}. It builds its own
 * {@link BackgroundWorkEndpoint} of the queues, so it works whether the actuator's
 * endpoint is exposed or not, and on the application's port. Without Spring Security, a
 * {@link LoopbackGuard} lets only loopback clients in unless
 * {@code background-work.console.allow-remote=true}; with it, the application's filter
 * chain decides.
 *
 * @since 0.1.0
 */
// By name: the console depends on the endpoint's module, never on the
// auto-configuration's
@AutoConfiguration(afterName = { "io.github.backgroundwork.autoconfigure.BackgroundWorkAutoConfiguration",
		"io.github.backgroundwork.autoconfigure.BackgroundWorkJdbcAutoConfiguration",
		"io.github.backgroundwork.autoconfigure.BackgroundWorkRecurringAutoConfiguration",
		"io.github.backgroundwork.autoconfigure.BackgroundWorkEndpointAutoConfiguration" })
@ConditionalOnWebApplication(type = Type.SERVLET)
@ConditionalOnClass({ DispatcherServlet.class, RouterFunction.class })
@ConditionalOnProperty(name = "background-work.console.enabled", havingValue = "true")
@ConditionalOnBean(BackgroundWorkQueue.class)
@EnableConfigurationProperties(BackgroundWorkConsoleProperties.class)
public final class BackgroundWorkConsoleAutoConfiguration {

	/**
	 * The bean Spring Security's filter chain is registered under, whichever way it is
	 * configured.
	 */
	private static final String SPRING_SECURITY_FILTER_CHAIN = "springSecurityFilterChain";

	@Bean
	ThroughputHistory backgroundWorkConsoleThroughput(Map<String, BackgroundWorkQueue> queues) {
		return new ThroughputHistory(queues, Clock.systemUTC());
	}

	@Bean
	ConsoleApi backgroundWorkConsoleApi(Map<String, BackgroundWorkQueue> queues,
			ObjectProvider<DurableWorkDescriber> durable, ObjectProvider<RecurringScheduler> recurring,
			ThroughputHistory throughput, BackgroundWorkConsoleProperties properties) {
		DurableWorkDescriber describer = durable.getIfAvailable();
		RecurringScheduler scheduler = recurring.getIfUnique();
		// An endpoint of its own: the actuator's may be absent, unexposed or elsewhere
		BackgroundWorkEndpoint endpoint = new BackgroundWorkEndpoint(queues, describer, scheduler);
		return new ConsoleApi(queues, endpoint, describer != null, new WorkActions(queues, scheduler), throughput,
				properties);
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(JdbcTemplate.class)
	static class DurableWorkConfiguration {

		// The endpoint's auto-configuration defines it only where the endpoint is
		// available; the console reads the store whether it is or not
		@Bean
		@ConditionalOnBean(JdbcWorkStore.class)
		@ConditionalOnMissingBean
		DurableWorkDescriber backgroundWorkDurableWorkDescriber(JdbcWorkStore store) {
			return new DurableWorkDescriber(store.reader());
		}

	}

	@Bean
	RouterFunction<ServerResponse> backgroundWorkConsoleRoutes(ConsoleApi api) {
		return api.routes();
	}

	@Bean
	FilterRegistrationBean<LoopbackGuard> backgroundWorkConsoleLoopbackGuard(BackgroundWorkConsoleProperties properties,
			ConfigurableListableBeanFactory beanFactory) {
		FilterRegistrationBean<LoopbackGuard> registration = new FilterRegistrationBean<>(new LoopbackGuard());
		registration.addUrlPatterns(properties.getPath(), properties.getPath() + "/*");
		// After Boot's ForwardedHeaderFilter (server.forward-headers-strategy=framework),
		// which is first, so that the client is the forwarded one
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
		// With Spring Security the application's chain decides who may use the console
		registration.setEnabled(!properties.isAllowRemote() && !beanFactory.containsBean(SPRING_SECURITY_FILTER_CHAIN));
		return registration;
	}

}
