package io.github.backgroundwork.jdbc;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import static io.github.backgroundwork.jdbc.Items.item;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Inserts: in the caller's transaction, and keys enforced by the database.
 */
abstract class AbstractInsertTests {

	abstract TestDatabase database();

	private JdbcWorkStore store;

	private TransactionTemplate transactions;

	@BeforeEach
	void setUp() {
		database().clear();
		this.store = database().store();
		this.transactions = new TransactionTemplate(new DataSourceTransactionManager(database().dataSource()));
	}

	@Test
	void insertedItemIsClaimedWithItsPayloadAndCompleted() {
		NewWork item = item("thumbnail", "k1", 5).withTraceContext("00-trace-01");
		assertThat(this.store.insert(item)).isEqualTo(new InsertedWork(item.id(), false));
		List<ClaimedWork> claimed = this.store.claim("instance-a", 10);
		assertThat(claimed).singleElement().satisfies((work) -> {
			assertThat(work.id()).isEqualTo(item.id());
			assertThat(work.name()).isEqualTo("thumbnail");
			assertThat(work.key()).isEqualTo("k1");
			assertThat(work.payload()).isEqualTo(item.payload());
			assertThat(work.payloadType()).isEqualTo("com.example.Thumbnail");
			assertThat(work.attempts()).isOne();
			assertThat(work.maxRetries()).isEqualTo(5);
			assertThat(work.traceContext()).isEqualTo("00-trace-01");
		});
		assertThat(this.store.reader().findById(item.id())).hasValueSatisfying((row) -> {
			assertThat(row.state()).isEqualTo(StoredState.RUNNING);
			assertThat(row.owner()).isEqualTo("instance-a");
			assertThat(row.leaseUntil()).isAfter(row.startedAt());
		});
		assertThat(this.store.complete("instance-a", List.of(item.id()))).containsExactly(item.id());
		assertThat(this.store.reader().findById(item.id())).hasValueSatisfying((row) -> {
			assertThat(row.state()).isEqualTo(StoredState.SUCCEEDED);
			assertThat(row.finishedAt()).isNotNull();
			assertThat(row.leaseUntil()).isNull();
		});
		assertThat(this.store.claim("instance-a", 10)).isEmpty();
	}

	@Test
	void rolledBackInsertLeavesNoRow() {
		NewWork item = item("thumbnail");
		this.transactions.executeWithoutResult((status) -> {
			this.store.insert(item);
			status.setRollbackOnly();
		});
		assertThat(this.store.reader().findById(item.id())).isEmpty();
		assertThat(this.store.claim("instance-a", 10)).isEmpty();
	}

	@Test
	void insertIsInvisibleToClaimersUntilItsTransactionCommits() {
		NewWork item = item("thumbnail");
		this.transactions.executeWithoutResult((status) -> {
			this.store.insert(item);
			assertThat(claimOnAnotherThread()).isEmpty();
		});
		assertThat(this.store.claim("instance-a", 10)).extracting(ClaimedWork::id).containsExactly(item.id());
	}

	private List<ClaimedWork> claimOnAnotherThread() {
		ExecutorService executor = Executors.newSingleThreadExecutor();
		try {
			return executor.submit(() -> this.store.claim("instance-b", 10)).get(10, TimeUnit.SECONDS);
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
		finally {
			executor.shutdownNow();
		}
	}

	@Test
	void liveKeyYieldsTheLiveItemAsADuplicate() {
		NewWork first = item("mail", "campaign:42");
		NewWork second = item("mail", "campaign:42");
		this.store.insert(first);
		assertThat(this.store.insert(second)).isEqualTo(new InsertedWork(first.id(), true));
		this.store.claim("instance-a", 10);
		assertThat(this.store.insert(item("mail", "campaign:42")).duplicate()).as("running item holds its key")
			.isTrue();
		assertThat(this.store.insert(item("other-name", "campaign:42")).duplicate()).as("keys are per name").isFalse();
		assertThat(this.store.reader().findById(second.id())).isEmpty();
	}

	@Test
	void endedItemFreesItsKey() {
		NewWork first = item("mail", "campaign:42");
		this.store.insert(first);
		this.store.claim("instance-a", 10);
		this.store.complete("instance-a", List.of(first.id()));
		NewWork again = item("mail", "campaign:42");
		assertThat(this.store.insert(again)).isEqualTo(new InsertedWork(again.id(), false));
	}

	@Test
	void batchReportsEachDuplicateInOrderIncludingOnesWithinTheBatch() {
		NewWork live = item("mail", "a");
		this.store.insert(live);
		NewWork b1 = item("mail", "b");
		NewWork b2 = item("mail", "b");
		NewWork dupOfLive = item("mail", "a");
		NewWork noKey = item("mail");
		List<InsertedWork> outcomes = this.store.insertAll(List.of(b1, dupOfLive, b2, noKey));
		assertThat(outcomes).containsExactly(new InsertedWork(b1.id(), false), new InsertedWork(live.id(), true),
				new InsertedWork(b1.id(), true), new InsertedWork(noKey.id(), false));
		assertThat(this.store.reader().countUpTo(null, "mail", 10_000)).isEqualTo(3);
	}

	@Test
	void concurrentInsertsOfOneKeyFromTwoStoresYieldOneLiveRow() throws Exception {
		JdbcWorkStore other = database().store();
		int threads = 8;
		CountDownLatch start = new CountDownLatch(1);
		ExecutorService executor = Executors.newFixedThreadPool(threads);
		try {
			List<Future<List<InsertedWork>>> results = new ArrayList<>();
			for (int t = 0; t < threads; t++) {
				JdbcWorkStore store = (t % 2 == 0) ? this.store : other;
				Callable<List<InsertedWork>> task = () -> {
					start.await();
					List<InsertedWork> outcomes = new ArrayList<>();
					for (int round = 0; round < 25; round++) {
						outcomes.add(store.insert(item("mail", "round-" + round)));
					}
					return outcomes;
				};
				results.add(executor.submit(task));
			}
			start.countDown();
			List<InsertedWork> all = new ArrayList<>();
			for (Future<List<InsertedWork>> result : results) {
				all.addAll(result.get(60, TimeUnit.SECONDS));
			}
			List<String> rows = database().jdbc().queryForList("SELECT id FROM background_work", String.class);
			assertThat(rows).hasSize(25);
			assertThat(all).hasSize(25 * threads)
				.extracting(InsertedWork::id)
				.as("every outcome names the one live row of its key")
				.isSubsetOf(rows);
			assertThat(all).filteredOn((outcome) -> !outcome.duplicate()).hasSize(25);
		}
		finally {
			executor.shutdownNow();
		}
	}

}
