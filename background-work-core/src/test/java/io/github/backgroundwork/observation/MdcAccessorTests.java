package io.github.backgroundwork.observation;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import ch.qos.logback.classic.util.LogbackMDCAdapter;
import io.github.backgroundwork.WorkInfo;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;
import static org.mockito.Mockito.mock;

/**
 * The MDC as the default decorator carries it: read once per change of the enqueuing
 * thread's MDC rather than copied per item, and still a snapshot of the moment of the
 * enqueue, which neither later changes there nor the work's own changes alter.
 */
class MdcAccessorTests {

	private final MdcAccessor accessor = new MdcAccessor();

	/**
	 * Wait for SLF4J's backend: while another thread initializes logging (test classes
	 * run in parallel), SLF4J hands out a temporary MDC adapter and replaces it with
	 * Logback's once initialization has completed, so that a value put before the switch
	 * is gone after it.
	 */
	@BeforeEach
	void logbackMdc() {
		await().atMost(Duration.ofSeconds(10)).until(() -> MDC.getMDCAdapter() instanceof LogbackMDCAdapter);
	}

	@AfterEach
	void clear() {
		MDC.clear();
	}

	@Test
	void anUnchangedMdcIsReadWithoutACopyPerItem() {
		MDC.put("requestId", "42");
		Map<String, String> first = this.accessor.getValue();
		assertThat(first).containsExactly(Map.entry("requestId", "42"));
		assertThat(this.accessor.getValue()).as("Logback's read-only copy, not a new one").isSameAs(first);
		assertThatExceptionOfType(UnsupportedOperationException.class).isThrownBy(() -> first.put("other", "x"));
		MDC.put("requestId", "43");
		assertThat(this.accessor.getValue()).containsExactly(Map.entry("requestId", "43"));
		assertThat(first).as("what was read before the change").containsExactly(Map.entry("requestId", "42"));
	}

	@Test
	void workSeesTheMdcOfTheEnqueueWhateverChangesAfterIt() throws Exception {
		ContextPropagatingWorkDecorator decorator = new ContextPropagatingWorkDecorator();
		MDC.put("requestId", "42");
		CompletableFuture<String> seen = new CompletableFuture<>();
		Runnable work = decorator.decorate(mock(WorkInfo.class), () -> {
			seen.complete(MDC.get("requestId"));
			MDC.put("requestId", "changed by the work");
		});
		MDC.put("requestId", "changed after the enqueue");
		Thread worker = new Thread(work);
		worker.start();
		worker.join(30_000);
		assertThat(seen.get()).isEqualTo("42");
		assertThat(MDC.get("requestId")).isEqualTo("changed after the enqueue");
		MDC.put("requestId", "42");
		Runnable again = decorator.decorate(mock(WorkInfo.class), () -> seen.obtrudeValue(MDC.get("requestId")));
		again.run();
		assertThat(seen.get()).as("the work's change did not reach the map carried").isEqualTo("42");
	}

}
