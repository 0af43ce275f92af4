package io.github.backgroundwork.observation;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import io.github.backgroundwork.BackgroundWork;
import io.github.backgroundwork.BackgroundWorkQueue;
import io.github.backgroundwork.autoconfigure.BackgroundWorkAutoConfiguration;
import io.github.backgroundwork.autoconfigure.BackgroundWorkObservationAutoConfiguration;
import io.micrometer.context.ContextRegistry;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.ObservationView;
import io.micrometer.observation.tck.TestObservationRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for carrying context from the enqueuing thread to the work, as auto-configured.
 */
class ContextPropagationTests {

	private static final ThreadLocal<String> SECRET = new ThreadLocal<>();

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(BackgroundWorkAutoConfiguration.class,
				BackgroundWorkObservationAutoConfiguration.class))
		.withPropertyValues("background-work.thread-name-prefix=propagation-tests-");

	@AfterEach
	void clear() {
		MDC.clear();
		SECRET.remove();
	}

	@Test
	void mdcSetAtEnqueueIsVisibleInTheWorkByDefault() {
		this.contextRunner.run((context) -> {
			BackgroundWorkQueue queue = context.getBean(BackgroundWorkQueue.class);
			MDC.put("requestId", "42");
			assertThat(valueInWork(queue, (seen) -> seen.set(MDC.get("requestId")))).isEqualTo("42");
			MDC.clear();
			assertThat(valueInWork(queue, (seen) -> seen.set(MDC.get("requestId"))))
				.as("the worker does not keep the previous item's MDC")
				.isNull();
		});
	}

	@Test
	void mdcIsNotCarriedWhenPropagationIsOff() {
		this.contextRunner.withPropertyValues("background-work.propagate-context=false").run((context) -> {
			BackgroundWorkQueue queue = context.getBean(BackgroundWorkQueue.class);
			MDC.put("requestId", "42");
			assertThat(valueInWork(queue, (seen) -> seen.set(MDC.get("requestId")))).isNull();
		});
	}

	@Test
	void enqueuingObservationIsCurrentInTheWorkAndParentOfItsObservation() {
		TestObservationRegistry registry = TestObservationRegistry.create();
		this.contextRunner.withBean(ObservationRegistry.class, () -> registry).run((context) -> {
			BackgroundWorkQueue queue = context.getBean(BackgroundWorkQueue.class);
			Observation request = Observation.start("http.server.requests", registry);
			AtomicReference<ObservationView> parentInWork = new AtomicReference<>();
			request.scoped(() -> valueInWork(queue, (seen) -> {
				Observation current = registry.getCurrentObservation();
				parentInWork.set((current != null) ? current.getContextView().getParentObservation() : null);
			}));
			request.stop();
			assertThat(parentInWork.get()).isSameAs(request);
		});
	}

	@Test
	void otherRegisteredThreadLocalsAreNotCarried() {
		// Spring Security registers its context like this; it must not reach the work
		ContextRegistry.getInstance()
			.registerThreadLocalAccessor("test.secret", SECRET::get, SECRET::set, SECRET::remove);
		try {
			this.contextRunner.run((context) -> {
				BackgroundWorkQueue queue = context.getBean(BackgroundWorkQueue.class);
				SECRET.set("principal");
				MDC.put("requestId", "42");
				assertThat(valueInWork(queue, (seen) -> seen.set(SECRET.get()))).isNull();
			});
		}
		finally {
			ContextRegistry.getInstance().removeThreadLocalAccessor("test.secret");
		}
	}

	@Test
	void aDecoratorWithItsOwnRegistryCarriesWhatItKnows() {
		ContextRegistry registry = ContextPropagatingWorkDecorator.defaultContextRegistry()
			.registerThreadLocalAccessor("test.secret", SECRET::get, SECRET::set, SECRET::remove);
		this.contextRunner
			.withBean(ContextPropagatingWorkDecorator.class, () -> new ContextPropagatingWorkDecorator(registry))
			.run((context) -> {
				BackgroundWorkQueue queue = context.getBean(BackgroundWorkQueue.class);
				SECRET.set("tenant-7");
				assertThat(valueInWork(queue, (seen) -> seen.set(SECRET.get()))).isEqualTo("tenant-7");
			});
	}

	private static String valueInWork(BackgroundWorkQueue queue, Capture capture) {
		AtomicReference<String> seen = new AtomicReference<>();
		BackgroundWork work = (context) -> capture.capture(seen);
		try {
			queue.enqueue("probe", work).completion().toCompletableFuture().get(5, TimeUnit.SECONDS);
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
		return seen.get();
	}

	@FunctionalInterface
	interface Capture {

		void capture(AtomicReference<String> seen);

	}

}
