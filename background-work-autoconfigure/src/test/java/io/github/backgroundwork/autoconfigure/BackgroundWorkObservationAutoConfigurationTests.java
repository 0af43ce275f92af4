package io.github.backgroundwork.autoconfigure;

import java.util.List;

import io.github.backgroundwork.WorkDecorator;
import io.github.backgroundwork.observation.ContextPropagatingWorkDecorator;
import io.github.backgroundwork.observation.ObservationWorkDecorator;
import io.micrometer.context.ContextSnapshotFactory;
import io.micrometer.observation.ObservationRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Isolated;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.parallel.ResourceLock;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link BackgroundWorkObservationAutoConfiguration}.
 */
@ExtendWith(OutputCaptureExtension.class)
// Log lines are read: no application may reset logging meanwhile
// Output is captured from System.out, which tests running in parallel share
@Isolated
@ResourceLock("spring-boot-logging-system")
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
	void propagationAskedForWithoutTheLibrarySaysSoOnceAtStartup(CapturedOutput output) {
		this.contextRunner.withClassLoader(new FilteredClassLoader(ContextSnapshotFactory.class))
			.run((context) -> assertThat(context).hasNotFailed());
		assertThat(output.getAll())
			.containsOnlyOnce("background-work.propagate-context is true, but context "
					+ "propagation is inactive: io.micrometer:context-propagation is not on the classpath")
			.contains("Add io.micrometer:context-propagation");
	}

	@Test
	void noWordOnPropagationWhenTheLibraryIsPresentOrPropagationIsOff(CapturedOutput output) {
		this.contextRunner.run((context) -> assertThat(context).hasSingleBean(ContextPropagatingWorkDecorator.class));
		this.contextRunner.withClassLoader(new FilteredClassLoader(ContextSnapshotFactory.class))
			.withPropertyValues("background-work.propagate-context=false")
			.run((context) -> assertThat(context).hasNotFailed());
		assertThat(output.getAll()).doesNotContain("context propagation is inactive");
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
