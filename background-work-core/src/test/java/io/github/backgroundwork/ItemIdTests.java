package io.github.backgroundwork;

import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests that item ids are unique across queues and restarts, short and URL-safe, and that
 * finding any string never throws.
 */
class ItemIdTests {

	private final DefaultBackgroundWorkQueue first = TestQueues.started(DefaultBackgroundWorkQueue.builder());

	private final DefaultBackgroundWorkQueue second = TestQueues.started(DefaultBackgroundWorkQueue.builder());

	@AfterEach
	void close() {
		this.first.close();
		this.second.close();
	}

	@Test
	void idsAreUniqueAcrossQueuesAndRestartsShortAndUrlSafe() throws Exception {
		Set<String> ids = new HashSet<>();
		for (int round = 0; round < 2; round++) {
			for (int i = 0; i < 100; i++) {
				ids.add(this.first.enqueue("first", (context) -> {
				}).id());
				ids.add(this.second.enqueue("second", (context) -> {
				}).id());
			}
			this.first.stop();
			this.first.start();
		}
		assertThat(ids).hasSize(400);
		assertThat(ids).allSatisfy((id) -> assertThat(id).matches("[A-Za-z0-9_-]{3,22}"));
		// A new queue, as after a restart of the JVM, does not repeat them either
		DefaultBackgroundWorkQueue again = TestQueues.started(DefaultBackgroundWorkQueue.builder());
		try {
			WorkHandle handle = again.enqueue("again", (context) -> {
			});
			assertThat(ids).doesNotContain(handle.id());
			handle.completion().toCompletableFuture().get(5, TimeUnit.SECONDS);
		}
		finally {
			again.close();
		}
	}

	@Test
	void anIdIsFoundOnlyInTheQueueThatGaveIt() throws Exception {
		WorkHandle handle = this.first.enqueue("mine", (context) -> {
		});
		handle.completion().toCompletableFuture().get(5, TimeUnit.SECONDS);
		assertThat(this.first.find(handle.id())).containsSame(handle);
		assertThat(this.second.find(handle.id())).isEmpty();
	}

	@ParameterizedTest
	@NullAndEmptySource
	@ValueSource(strings = { " ", "1", "-1", "abc", "abcdefgh-", "abcdefgh-zzzzzzzzzzzzzzzzzzzz", "../../etc", "%00",
			"abcdefgh-ZZ", "\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9-1" })
	void findingAnyStringNeverThrows(String id) {
		assertThat(this.first.find(id)).isEmpty();
	}

}
