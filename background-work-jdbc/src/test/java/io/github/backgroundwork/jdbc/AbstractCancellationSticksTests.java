package io.github.backgroundwork.jdbc;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static io.github.backgroundwork.jdbc.Items.item;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A cancellation requested while an item runs sticks, whatever its owner does next: a
 * retry, a release, a release of an item it cannot read end it cancelled, and no claim
 * takes it. An item an instance cannot read goes back, attempt not consumed, saying why.
 */
abstract class AbstractCancellationSticksTests {

	abstract TestDatabase database();

	private JdbcWorkStore store;

	@BeforeEach
	void setUp() {
		database().clear();
		this.store = database().store();
	}

	@Test
	void retryOfAnItemWhoseCancellationWasRequestedEndsItCancelled() {
		NewWork item = item("n", "k");
		this.store.insert(item);
		this.store.claim("a", 1);
		assertThat(this.store.requestCancellation(item.id())).isTrue();
		assertThat(this.store.retryLater("a", item.id(), Duration.ZERO, "boom")).as("not scheduled").isFalse();
		assertEndedCancelled(item);
		assertThat(this.store.claim("a", 10)).extracting(ClaimedWork::id).doesNotContain(item.id());
	}

	@Test
	void releaseOfAnItemWhoseCancellationWasRequestedEndsItCancelled() {
		NewWork cancelled = item("n", "k");
		NewWork released = item("n");
		this.store.insertAll(List.of(cancelled, released));
		assertThat(this.store.claim("a", 2)).hasSize(2);
		assertThat(this.store.requestCancellation(cancelled.id())).isTrue();
		assertThat(this.store.release("a", List.of(cancelled.id(), released.id()))).containsExactly(released.id());
		assertEndedCancelled(cancelled);
		assertThat(this.store.claim("b", 10)).extracting(ClaimedWork::id)
			.contains(released.id())
			.doesNotContain(cancelled.id());
	}

	@Test
	void claimNeverTakesAWaitingItemWhoseCancellationWasRequested() {
		// As a version that released such items left them
		NewWork item = item("n");
		this.store.insert(item);
		database().jdbc().update("UPDATE background_work SET cancel_requested = TRUE WHERE id = ?", item.id());
		assertThat(this.store.claim("a", 1)).isEmpty();
	}

	@Test
	void unreadableItemGoesBackForAnotherInstanceSayingWhy() {
		NewWork item = item("n", "k");
		this.store.insert(item);
		this.store.claim("a", 1);
		assertThat(this.store.releaseUnreadable("b", item.id(), "not mine")).as("only the owner").isFalse();
		assertThat(this.store.releaseUnreadable("a", item.id(), "No class com.example.Thumbnail here")).isTrue();
		assertThat(this.store.reader().findById(item.id())).hasValueSatisfying((row) -> {
			assertThat(row.state()).isEqualTo(StoredState.QUEUED);
			assertThat(row.attempts()).as("attempt not consumed").isZero();
			assertThat(row.owner()).isNull();
			assertThat(row.leaseUntil()).isNull();
			assertThat(row.startedAt()).isNull();
			assertThat(row.unreadableBy()).isEqualTo("a");
			assertThat(row.unreadableReason()).isEqualTo("No class com.example.Thumbnail here");
		});
		assertThat(this.store.insert(item("n", "k")).duplicate()).as("it keeps its key").isTrue();
		assertThat(this.store.claim("b", 1)).extracting(ClaimedWork::attempts).containsExactly(1);
		assertThat(this.store.reader().findById(item.id())).hasValueSatisfying((row) -> {
			assertThat(row.unreadableBy()).as("cleared when claimed").isNull();
			assertThat(row.unreadableReason()).isNull();
		});
	}

	@Test
	void unreadableItemWhoseCancellationWasRequestedEndsCancelled() {
		NewWork item = item("n", "k");
		this.store.insert(item);
		this.store.claim("a", 1);
		assertThat(this.store.requestCancellation(item.id())).isTrue();
		assertThat(this.store.releaseUnreadable("a", item.id(), "unreadable")).isFalse();
		assertEndedCancelled(item);
	}

	private void assertEndedCancelled(NewWork item) {
		assertThat(this.store.reader().findById(item.id())).hasValueSatisfying((row) -> {
			assertThat(row.state()).isEqualTo(StoredState.CANCELLED);
			assertThat(row.finishedAt()).isNotNull();
			assertThat(row.owner()).isNull();
			assertThat(row.leaseUntil()).isNull();
		});
		assertThat(this.store.insert(item(item.name(), item.key())).duplicate()).as("its key is free").isFalse();
	}

}
