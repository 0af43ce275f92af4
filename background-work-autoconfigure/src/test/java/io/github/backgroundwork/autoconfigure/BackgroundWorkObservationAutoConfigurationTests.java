package io.github.backgroundwork.autoconfigure;

import java.util.List;

import io.github.backgroundwork.WorkDecorator;
import io.github.backgroundwork.observation.ContextPropagatingWorkDecorator;
import io.github.backgroundwork.observation.ObservationWorkDecorator;
import io.micrometer.context.ContextSnapshotFactory;
import io.micrometer.observation.ObservationRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link BackgroundWorkObservationAutoConfiguration}.
 */
class BackgroundWorkObservationAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(BackgroundWorkAutoConfiguration.class,
				BackgroundWorkObservationAutoConfiguration.class, ObservationAutoConfiguration.class));

	@Test
	void observationAndPropagationDecoratorsAreAutoConfigured() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasSingleBean(ObservationRegistry.class)
				.hasSingleBean(ObservationWorkDecorator.class)
				.hasSingleBean(ContextPropagatingWorkDecorator.class);
			List<WorkDecorator> ordered = context.getBeanProvider(WorkDecorator.class).orderedStream().toList();
			assertThat(ordered).as("context is restored before the observation starts")
				.extracting((decorator) -> (Object) decorator.getClass())
				.containsExactly(ContextPropagatingWorkDecorator.class, ObservationWorkDecorator.class);
		});
	}

	@Test
	void noObservationDecoratorWithoutAnObservationRegistry() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(BackgroundWorkAutoConfiguration.class,
					BackgroundWorkObservationAutoConfiguration.class))
			.run((context) -> assertThat(context).doesNotHaveBean(ObservationWorkDecorator.class)
				.hasSingleBean(ContextPropagatingWorkDecorator.class));
	}

	@Test
	void noObservationDecoratorWithoutMicrometerObservation() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(ObservationRegistry.class))
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(ObservationWorkDecorator.class));
	}

	@Test
	void noPropagationWhenTurnedOff() {
		this.contextRunner.withPropertyValues("background-work.propagate-context=false")
			.run((context) -> assertThat(context).doesNotHaveBean(ContextPropagatingWorkDecorator.class)
				.hasSingleBean(ObservationWorkDecorator.class));
	}

	@Test
	void noPropagationWithoutTheContextPropagationLibrary() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(ContextSnapshotFactory.class))
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean(ContextPropagatingWorkDecorator.class)
				.hasSingleBean(ObservationWorkDecorator.class));
	}

	@Test
	void nothingWithoutAQueue() {
		this.contextRunner.withPropertyValues("background-work.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(ObservationWorkDecorator.class)
				.doesNotHaveBean(ContextPropagatingWorkDecorator.class));
	}

	@Test
	void decoratorsBackOffWhenUserDefinesThem() {
		ContextPropagatingWorkDecorator propagation = new ContextPropagatingWorkDecorator();
		ObservationWorkDecorator observation = new ObservationWorkDecorator(ObservationRegistry.NOOP, null);
		this.contextRunner.withBean(ContextPropagatingWorkDecorator.class, () -> propagation)
			.withBean(ObservationWorkDecorator.class, () -> observation)
			.run((context) -> {
				assertThat(context).getBean(ContextPropagatingWorkDecorator.class).isSameAs(propagation);
				assertThat(context).getBean(ObservationWorkDecorator.class).isSameAs(observation);
			});
	}

}
