package io.github.backgroundwork.autoconfigure;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import io.github.backgroundwork.BackgroundWorkHandler;
import io.github.backgroundwork.BackgroundWorkQueue;
import io.github.backgroundwork.WorkHandle;
import io.github.backgroundwork.WorkRequest;
import io.github.backgroundwork.durable.DurableWorkTracing;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration;
import org.springframework.boot.micrometer.tracing.autoconfigure.MicrometerTracingAutoConfiguration;
import org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.OpenTelemetryTracingAutoConfiguration;
import org.springframework.boot.opentelemetry.autoconfigure.OpenTelemetrySdkAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two applications with real tracing (Micrometer Tracing over OpenTelemetry, as Spring
 * Boot configures it) on one database: work enqueued inside a span on the first runs on
 * the second, in the same trace.
 */
class DurableTracingIntegrationTests {

	private final String url = "jdbc:h2:mem:tracing-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";

	private ApplicationContextRunner application() {
		return new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class,
					ObservationAutoConfiguration.class, OpenTelemetrySdkAutoConfiguration.class,
					OpenTelemetryTracingAutoConfiguration.class, MicrometerTracingAutoConfiguration.class,
					BackgroundWorkAutoConfiguration.class, BackgroundWorkJdbcAutoConfiguration.class,
					BackgroundWorkObservationAutoConfiguration.class))
			.withUserConfiguration(HandlerConfiguration.class)
			.withPropertyValues("spring.datasource.url=" + this.url, "spring.datasource.generate-unique-name=false",
					"background-work.store=jdbc", "background-work.jdbc.poll-interval=100ms",
					"background-work.concurrency=1", "management.tracing.sampling.probability=1.0");
	}

	@Test
	void workEnqueuedInASpanRunsOnAnotherInstanceInTheSameTrace() {
		application().withPropertyValues("background-work.thread-name-prefix=a-").run((a) -> {
			assertThat(a).hasSingleBean(DurableWorkTracing.class);
			BackgroundWorkQueue queueA = a.getBean(BackgroundWorkQueue.class);
			// A's one worker is busy: its claimer takes nothing, so that B runs the item
			CountDownLatch release = new CountDownLatch(1);
			CountDownLatch busy = new CountDownLatch(1);
			queueA.enqueue("busy", (context) -> {
				busy.countDown();
				release.await();
			});
			assertThat(busy.await(10, TimeUnit.SECONDS)).isTrue();
			try {
				Tracer tracerA = a.getBean(Tracer.class);
				String[] enqueuingTraceId = new String[1];
				WorkHandle handle = Observation.createNotStarted("checkout", a.getBean(ObservationRegistry.class))
					.observe(() -> {
						Span span = tracerA.currentSpan();
						assertThat(span).isNotNull();
						enqueuingTraceId[0] = span.context().traceId();
						return queueA.enqueue(WorkRequest.of("traced", "order-1"));
					});
				String traceId = enqueuingTraceId[0];
				String stored = new JdbcTemplate(a.getBean(DataSource.class)).queryForObject(
						"SELECT trace_context FROM background_work WHERE id = ?", String.class, handle.id());
				assertThat(stored).startsWith("traceparent=00-" + traceId + "-");

				application().withPropertyValues("background-work.thread-name-prefix=b-").run((b) -> {
					TracedHandler handlerB = b.getBean(TracedHandler.class);
					await().atMost(Duration.ofSeconds(10)).until(() -> handlerB.runs.containsKey("order-1"));
					Run run = handlerB.runs.get("order-1");
					assertThat(run.thread()).startsWith("b-");
					assertThat(run.traceId()).isEqualTo(traceId);
				});
				assertThat(a.getBean(TracedHandler.class).runs).isEmpty();
			}
			finally {
				release.countDown();
			}
		});
	}

	@Configuration(proxyBeanMethods = false)
	static class HandlerConfiguration {

		@Bean
		TracedHandler tracedHandler(Tracer tracer) {
			return new TracedHandler(tracer);
		}

	}

	record Run(String thread, @Nullable String traceId) {
	}

	static class TracedHandler {

		private final Tracer tracer;

		final Map<String, Run> runs = new ConcurrentHashMap<>();

		TracedHandler(Tracer tracer) {
			this.tracer = tracer;
		}

		@BackgroundWorkHandler("traced")
		void run(String order) {
			Span span = this.tracer.currentSpan();
			this.runs.put(order,
					new Run(Thread.currentThread().getName(), (span != null) ? span.context().traceId() : null));
		}

	}

}
