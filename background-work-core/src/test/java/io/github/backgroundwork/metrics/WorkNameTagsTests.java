package io.github.backgroundwork.metrics;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.github.backgroundwork.DefaultBackgroundWorkQueue;
import io.github.backgroundwork.WorkHandle;
import io.github.backgroundwork.WorkInfo;
import io.github.backgroundwork.WorkItemSnapshot;
import io.github.backgroundwork.WorkState;
import io.github.backgroundwork.observation.DefaultWorkObservationConvention;
import io.github.backgroundwork.observation.WorkObservationContext;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Isolated;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.parallel.ResourceLock;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests that {@link WorkNameTags} bounds the names that become tag values.
 */
@ExtendWith(OutputCaptureExtension.class)
// The warning is read from the log: no application may reset logging meanwhile
// Output is captured from System.out, which tests running in parallel share
@Isolated
@ResourceLock("spring-boot-logging-system")
class WorkNameTagsTests {

	private static final String PROPERTY = "background-work.metrics.max-names";

	@Test
	void thousandsOfNamesMakeABoundedNumberOfMetersAndOneWarning(CapturedOutput output) throws Exception {
		SimpleMeterRegistry registry = new SimpleMeterRegistry();
		WorkNameTags names = new WorkNameTags(100, PROPERTY);
		try (DefaultBackgroundWorkQueue queue = DefaultBackgroundWorkQueue.builder()
			.threadNamePrefix("name-tags-tests-")
			.listener(new BackgroundWorkMetricsListener(registry, "queue", names))
			.build()) {
			queue.start();
			new BackgroundWorkMeterBinder("queue", queue).bindTo(registry);
			List<CompletableFuture<Void>> completions = new ArrayList<>();
			for (int i = 0; i < 5_000; i++) {
				WorkHandle item = queue.enqueue("customer-" + i, (context) -> {
				});
				completions.add(item.completion().toCompletableFuture());
			}
			CompletableFuture.allOf(completions.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
		}
		// 4 queue meters, 7 per tag value: the first 100 names and OTHER
		assertThat(registry.getMeters()).hasSize(5 + 8 * 101);
		assertThat(registry.get("background.work.completed")
			.tags("name", WorkNameTags.OVERFLOW, "outcome", "success")
			.counter()
			.count()).isEqualTo(4_900);
		assertThat(registry.get("background.work.completed").tags("outcome", "success").counters())
			.allSatisfy((counter) -> assertThat(counter.getId().getTag("name")).matches("customer-\\d+|OTHER"));
		assertThat(count(output.getAll(), "WARN.*distinct names of background work.*" + Pattern.quote(PROPERTY)))
			.isEqualTo(1);
	}

	@Test
	void observationsAndMetersShareTheNamesTheyAdmit() {
		WorkNameTags names = new WorkNameTags(2, PROPERTY);
		DefaultWorkObservationConvention convention = new DefaultWorkObservationConvention(names);
		assertThat(names.tagValue("mail")).isEqualTo("mail");
		assertThat(lowCardinalityName(convention, "thumbnail")).isEqualTo("thumbnail");
		assertThat(lowCardinalityName(convention, "order-4711")).isEqualTo(WorkNameTags.OVERFLOW);
		assertThat(names.tagValue("order-4712")).isEqualTo(WorkNameTags.OVERFLOW);
		assertThat(lowCardinalityName(convention, "mail")).isEqualTo("mail");
		assertThat(convention.getContextualName(context("order-4711"))).as("tracing keeps the real name")
			.isEqualTo("background-work order-4711");
	}

	private static String lowCardinalityName(DefaultWorkObservationConvention convention, String name) {
		return convention.getLowCardinalityKeyValues(context(name))
			.stream()
			.filter((keyValue) -> keyValue.getKey().equals("background.work.name"))
			.findFirst()
			.orElseThrow()
			.getValue();
	}

	private static WorkObservationContext context(String name) {
		return new WorkObservationContext(new NamedItem(name));
	}

	private static int count(String text, String regex) {
		Matcher matcher = Pattern.compile(regex).matcher(text);
		int count = 0;
		while (matcher.find()) {
			count++;
		}
		return count;
	}

	private record NamedItem(String name) implements WorkInfo {

		@Override
		public String id() {
			return "id-of-" + this.name;
		}

		@Override
		public WorkState state() {
			return WorkState.SUCCEEDED;
		}

		@Override
		public Duration waitTime() {
			return Duration.ZERO;
		}

		@Override
		public Duration runTime() {
			return Duration.ZERO;
		}

		@Override
		public WorkItemSnapshot snapshot() {
			return new WorkItemSnapshot(id(), this.name, state(), Instant.EPOCH, null, null, null, null, null, false);
		}

	}

}
