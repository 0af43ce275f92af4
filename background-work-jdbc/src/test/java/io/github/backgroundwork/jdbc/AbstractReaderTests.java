package io.github.backgroundwork.jdbc;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static io.github.backgroundwork.jdbc.Items.item;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The read side: counts per name and state for the cluster, pages, one item by id.
 */
abstract class AbstractReaderTests {

	abstract TestDatabase database();

	private JdbcWorkStore store;

	private StoredWorkReader reader;

	private final List<NewWork> mails = new ArrayList<>();

	@BeforeEach
	void setUp() {
		database().clear();
		this.store = database().store();
		this.reader = this.store.reader();
		for (int i = 0; i < 5; i++) {
			NewWork mail = item("mail");
			this.mails.add(mail);
			this.store.insert(mail);
		}
		this.store
			.insertAll(List.of(item("thumbnail"), item("thumbnail"), item("report").withDelay(Duration.ofHours(1))));
		// Two mails run on two instances; one of them fails
		List<ClaimedWork> claimed = this.store.claim("a", 2);
		this.store.fail("a", claimed.get(0).id(), "boom");
	}

	@Test
	void countsLiveItemsAndItemsEndedWithinTheWindowPerNameAndState() {
		assertThat(this.reader.countByNameAndState(Duration.ofHours(1))).containsExactly(
				new WorkCount("mail", StoredState.QUEUED, 3), new WorkCount("mail", StoredState.RUNNING, 1),
				new WorkCount("mail", StoredState.FAILED, 1), new WorkCount("report", StoredState.SCHEDULED, 1),
				new WorkCount("thumbnail", StoredState.QUEUED, 2));
	}

	@Test
	void countsLeaveOutItemsThatEndedBeforeTheWindow() {
		database().jdbc().update("UPDATE background_work SET finished_at = finished_at - INTERVAL '2' HOUR");
		assertThat(this.reader.countByNameAndState(Duration.ofHours(1)))
			.noneMatch((count) -> count.state() == StoredState.FAILED);
	}

	@Test
	void pagesAreNewestFirstAndFilteredByStateAndName() {
		List<StoredWork> all = this.reader.page(null, null, 0, 100);
		assertThat(all).hasSize(8);
		assertThat(all).extracting(StoredWork::enqueuedAt).isSortedAccordingTo((a, b) -> b.compareTo(a));
		assertThat(this.reader.page(null, null, 2, 3)).isEqualTo(all.subList(2, 5));
		assertThat(this.reader.page(StoredState.QUEUED, "mail", 0, 100)).hasSize(3)
			.allMatch((row) -> row.name().equals("mail") && row.state() == StoredState.QUEUED && row.owner() == null);
		assertThat(this.reader.page(StoredState.RUNNING, null, 0, 100)).singleElement()
			.satisfies((row) -> assertThat(row.owner()).isEqualTo("a"));
		assertThat(this.reader.page(null, "thumbnail", 0, 100)).hasSize(2);
		assertThat(this.reader.page(StoredState.CANCELLED, null, 0, 100)).isEmpty();
	}

	@Test
	void countUpToStopsAtItsCap() {
		assertThat(this.reader.countUpTo(null, null, 100)).isEqualTo(8);
		assertThat(this.reader.countUpTo(null, null, 4)).isEqualTo(4);
		assertThat(this.reader.countUpTo(StoredState.QUEUED, "mail", 100)).isEqualTo(3);
	}

	@Test
	void findsOneItemById() {
		NewWork mail = this.mails.get(4);
		assertThat(this.reader.findById(mail.id())).hasValueSatisfying((row) -> {
			assertThat(row.name()).isEqualTo("mail");
			assertThat(row.payloadType()).isEqualTo(mail.payloadType());
			assertThat(row.maxRetries()).isEqualTo(3);
		});
		assertThat(this.reader.findById("missing")).isEmpty();
	}

	@Test
	void pageRefusesALimitAboveTheMaximum() {
		assertThatIllegalArgumentException().isThrownBy(() -> this.reader.page(null, null, 0, 1001))
			.withMessage("limit must be between 0 and 1000, was 1001");
	}

}
