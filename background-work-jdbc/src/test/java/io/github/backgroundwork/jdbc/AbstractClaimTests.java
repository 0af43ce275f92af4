package io.github.backgroundwork.jdbc;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static io.github.backgroundwork.jdbc.Items.item;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Claims: due rows only, at most the limit, never one row twice; and what an owner does
 * with its claims.
 */
abstract class AbstractClaimTests {

	abstract TestDatabase database();

	private JdbcWorkStore store;

	@BeforeEach
	void setUp() {
		database().clear();
		this.store = database().store();
	}

	@Test
	void claimRespectsNotBeforeByTheDatabaseClock() {
		// Long enough that no pause of a slow machine makes it due before the claims
		// below
		NewWork delayed = item("report").withDelay(Duration.ofSeconds(5));
		NewWork past = new NewWork(Items.newId(), "report", null, "{}", "T", 0, Instant.now().minusSeconds(60),
				Duration.ZERO, null);
		this.store.insertAll(List.of(delayed, past));
		assertThat(this.store.reader().findById(delayed.id())).hasValueSatisfying((row) -> {
			assertThat(row.state()).isEqualTo(StoredState.SCHEDULED);
			assertThat(row.notBefore()).isAfter(row.enqueuedAt().plusMillis(4900));
		});
		assertThat(this.store.reader().findById(past.id()).get().state()).isEqualTo(StoredState.QUEUED);
		assertThat(this.store.claim("a", 10)).extracting(ClaimedWork::id).containsExactly(past.id());
		assertThat(this.store.claim("a", 10)).isEmpty();
		List<ClaimedWork> later = new ArrayList<>();
		await().atMost(Duration.ofSeconds(20)).until(() -> later.addAll(this.store.claim("a", 10)));
		assertThat(later).extracting(ClaimedWork::id).containsExactly(delayed.id());
		Instant dbNow = database().jdbc().queryForObject("SELECT CURRENT_TIMESTAMP", Instant.class);
		assertThat(later.get(0).notBefore()).isBefore(dbNow);
	}

	@Test
	void completeAndClaimRecordsTheSuccessesOfItsOwnerAndClaimsOnlyTheGivenNames() {
		// Due times apart: items inserted in one transaction share theirs, in any order
		NewWork first = dueAgo("mail", 40);
		NewWork second = dueAgo("mail", 30);
		NewWork report = dueAgo("report", 20);
		NewWork third = dueAgo("mail", 10);
		this.store.insertAll(List.of(first, second, report, third));
		assertThat(this.store.claim("a", 2, List.of("mail"))).extracting(ClaimedWork::id)
			.containsExactly(first.id(), second.id());
		assertThat(this.store.completeAndClaim("b", List.of(second.id()), 5, List.of("mail")))
			.as("another owner's success is not recorded")
			.extracting(ClaimedWork::id)
			.containsExactly(third.id());
		assertThat(this.store.reader().findById(second.id()).get().state()).isEqualTo(StoredState.RUNNING);
		assertThat(this.store.completeAndClaim("a", List.of(first.id(), second.id()), 5, List.of("mail"))).isEmpty();
		assertThat(this.store.reader().findById(first.id()).get().state()).isEqualTo(StoredState.SUCCEEDED);
		assertThat(this.store.reader().findById(second.id()).get().state()).isEqualTo(StoredState.SUCCEEDED);
		assertThat(this.store.completeAndClaim("b", List.of(third.id()), 0, List.of("mail")))
			.as("nothing to claim, the success is recorded still")
			.isEmpty();
		assertThat(this.store.reader().findById(third.id()).get().state()).isEqualTo(StoredState.SUCCEEDED);
		assertThat(this.store.reader().findById(report.id()).get().state()).isEqualTo(StoredState.QUEUED);
	}

	@Test
	void claimNeverReturnsMoreThanTheLimitAndTakesTheOldestDueFirst() {
		List<NewWork> items = new ArrayList<>();
		for (int i = 0; i < 10; i++) {
			items.add(new NewWork(Items.newId(), "n", null, "{}", "T", 0, Instant.now().minusSeconds(100 - i),
					Duration.ZERO, null));
		}
		this.store.insertAll(items);
		assertThat(this.store.claim("a", 0)).isEmpty();
		assertThat(this.store.claim("a", 3)).extracting(ClaimedWork::id)
			.containsExactly(items.get(0).id(), items.get(1).id(), items.get(2).id());
		assertThat(this.store.claim("a", 100)).hasSize(7);
	}

	@Test
	void twoClaimersNeverTakeTheSameRow() throws Exception {
		int total = 2000;
		List<NewWork> items = new ArrayList<>();
		for (int i = 0; i < total; i++) {
			items.add(item("bulk"));
		}
		this.store.insertAll(items);
		JdbcWorkStore other = database().store();
		Map<String, String> claimedBy = new ConcurrentHashMap<>();
		AtomicInteger duplicates = new AtomicInteger();
		CountDownLatch start = new CountDownLatch(1);
		// Each claims once before either goes on: then both claim side by side, however
		// the threads are scheduled
		CyclicBarrier bothClaimed = new CyclicBarrier(2);
		ExecutorService executor = Executors.newFixedThreadPool(2);
		try {
			List<Future<Integer>> claimers = new ArrayList<>();
			for (String owner : List.of("a", "b")) {
				JdbcWorkStore store = owner.equals("a") ? this.store : other;
				claimers.add(executor.submit(() -> {
					start.await();
					int claimed = 0;
					boolean waited = false;
					while (claimedBy.size() < total) {
						List<ClaimedWork> batch = store.claim(owner, 16);
						assertThat(batch).hasSizeLessThanOrEqualTo(16);
						for (ClaimedWork work : batch) {
							if (claimedBy.putIfAbsent(work.id(), owner) != null) {
								duplicates.incrementAndGet();
							}
						}
						// Once, even if the first claim found no row: a second wait
						// would wait for a claimer that never comes back to the barrier
						if (!waited) {
							waited = true;
							bothClaimed.await(30, TimeUnit.SECONDS);
						}
						claimed += batch.size();
					}
					return claimed;
				}));
			}
			start.countDown();
			int byA = claimers.get(0).get(60, TimeUnit.SECONDS);
			int byB = claimers.get(1).get(60, TimeUnit.SECONDS);
			assertThat(duplicates).hasValue(0);
			assertThat(byA + byB).isEqualTo(total);
			assertThat(claimedBy).hasSize(total);
			assertThat(byA).as("both claimers took rows").isPositive();
			assertThat(byB).as("both claimers took rows").isPositive();
			assertThat(this.store.reader().countUpTo(StoredState.RUNNING, "bulk", 10_000)).isEqualTo(total);
		}
		finally {
			executor.shutdownNow();
		}
	}

	@Test
	void releaseGivesTheAttemptBack() {
		NewWork item = item("n");
		this.store.insert(item);
		assertThat(this.store.claim("a", 1)).extracting(ClaimedWork::attempts).containsExactly(1);
		assertThat(this.store.release("b", List.of(item.id()))).as("only the owner releases").isEmpty();
		assertThat(this.store.release("a", List.of(item.id()))).containsExactly(item.id());
		assertThat(this.store.reader().findById(item.id())).hasValueSatisfying((row) -> {
			assertThat(row.state()).isEqualTo(StoredState.QUEUED);
			assertThat(row.attempts()).isZero();
			assertThat(row.leaseUntil()).isNull();
		});
		assertThat(this.store.claim("b", 1)).extracting(ClaimedWork::attempts).containsExactly(1);
	}

	@Test
	void cancellationRequestedFromAnyInstanceIsSeenByTheOwnerWhenItRenews() {
		NewWork waiting = item("waiting");
		NewWork running = item("running");
		this.store.insert(running);
		this.store.claim("a", 1);
		this.store.insert(waiting);
		assertThat(this.store.renew("a", List.of(running.id())))
			.isEqualTo(new RenewedLeases(Set.of(running.id()), Set.of()));
		assertThat(this.store.requestCancellation(waiting.id())).as("only running items are asked").isFalse();
		assertThat(this.store.requestCancellation("unknown")).isFalse();
		assertThat(this.store.requestCancellation(running.id())).isTrue();
		assertThat(this.store.renew("b", List.of(running.id()))).as("another owner sees nothing")
			.isEqualTo(new RenewedLeases(Set.of(), Set.of()));
		assertThat(this.store.renew("a", List.of(running.id(), "unknown")))
			.isEqualTo(new RenewedLeases(Set.of(running.id()), Set.of(running.id())));
		assertThat(this.store.reader().findById(running.id()).get().state()).isEqualTo(StoredState.RUNNING);
		assertThat(this.store.cancelRunning("a", running.id())).isTrue();
		assertThat(this.store.requestCancellation(running.id())).as("ended").isFalse();
	}

	@Test
	void ownerThatLostItsClaimChangesNothing() {
		NewWork item = item("n");
		this.store.insert(item);
		this.store.claim("a", 1);
		assertThat(this.store.complete("b", List.of(item.id()))).isEmpty();
		assertThat(this.store.fail("b", item.id(), "boom")).isFalse();
		assertThat(this.store.retryLater("b", item.id(), Duration.ZERO, "boom")).isFalse();
		assertThat(this.store.cancelRunning("b", item.id())).isFalse();
		assertThat(this.store.renew("b", List.of(item.id())).held()).isEmpty();
		assertThat(this.store.cancelWaiting(item.id())).as("running items are not waiting").isFalse();
		assertThat(this.store.reader().findById(item.id()).get().state()).isEqualTo(StoredState.RUNNING);
	}

	@Test
	void retryLaterSchedulesTheNextAttemptByTheDatabaseClock() {
		NewWork item = item("n");
		this.store.insert(item);
		this.store.claim("a", 1);
		assertThat(this.store.retryLater("a", item.id(), Duration.ofHours(1), "attempt 1 failed")).isTrue();
		assertThat(this.store.reader().findById(item.id())).hasValueSatisfying((row) -> {
			assertThat(row.state()).isEqualTo(StoredState.SCHEDULED);
			assertThat(row.attempts()).isOne();
			assertThat(row.owner()).isNull();
			assertThat(row.error()).isEqualTo("attempt 1 failed");
			assertThat(row.notBefore()).isAfter(row.startedAt().plus(Duration.ofMinutes(59)));
		});
		assertThat(this.store.claim("a", 1)).isEmpty();
	}

	@Test
	void failAndCancelEndTheItemAndFreeItsKey() {
		NewWork failing = item("n", "k1");
		NewWork cancelled = item("n", "k2");
		NewWork waiting = item("n", "k3").withDelay(Duration.ofHours(1));
		this.store.insertAll(List.of(failing, cancelled, waiting));
		this.store.claim("a", 2);
		assertThat(this.store.fail("a", failing.id(), "java.io.IOException: disk full")).isTrue();
		assertThat(this.store.cancelRunning("a", cancelled.id())).isTrue();
		assertThat(this.store.cancelWaiting(waiting.id())).isTrue();
		assertThat(this.store.reader().findById(failing.id()).get()).satisfies((row) -> {
			assertThat(row.state()).isEqualTo(StoredState.FAILED);
			assertThat(row.error()).isEqualTo("java.io.IOException: disk full");
		});
		assertThat(this.store.reader().findById(cancelled.id()).get().state()).isEqualTo(StoredState.CANCELLED);
		assertThat(this.store.reader().findById(waiting.id()).get().state()).isEqualTo(StoredState.CANCELLED);
		assertThat(this.store.insertAll(List.of(item("n", "k1"), item("n", "k2"), item("n", "k3"))))
			.noneMatch(InsertedWork::duplicate);
	}

	@Test
	void renewedLeaseLastsAnotherLeaseFromTheDatabaseClock() {
		NewWork item = item("n");
		this.store.insert(item);
		this.store.claim("a", 1);
		Instant before = this.store.reader().findById(item.id()).get().leaseUntil();
		await().atMost(Duration.ofSeconds(5))
			.until(() -> this.store.renew("a", List.of(item.id(), "unknown")).held().contains(item.id())
					&& this.store.reader().findById(item.id()).get().leaseUntil().isAfter(before));
	}

	static NewWork dueAgo(String name, int seconds) {
		return new NewWork(Items.newId(), name, null, "{}", "T", 3, Instant.now().minusSeconds(seconds), Duration.ZERO,
				null);
	}

}
