package io.github.backgroundwork.jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import io.github.backgroundwork.DefaultBackgroundWorkQueue;
import io.github.backgroundwork.WorkRequest;
import io.github.backgroundwork.durable.JdbcDurableWork;
import io.github.backgroundwork.handler.WorkHandlers;
import io.github.backgroundwork.jdbc.DurableHandlers.Mail;
import io.github.backgroundwork.jdbc.LeaseRenewalTests.Slow;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.datasource.DelegatingDataSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A rescue that waited out an outage for its connection (as a pool hands none out while
 * its database restarts) takes nothing: the leases that expired meanwhile did because
 * their owners could not renew them either, itself included.
 */
class RescueHeldUpTests {

	@RegisterExtension
	static final TestDatabase database = TestDatabase.h2();

	@Test
	void aRescueThatWaitedOutAnOutageRunsNothingTwice() throws Exception {
		database.clear();
		Slow handlers = new Slow();
		RescueStallingDataSource dataSource = new RescueStallingDataSource(database.dataSource());
		JdbcWorkStore store = JdbcWorkStore.builder(dataSource).lease(Duration.ofSeconds(2)).build();
		DefaultBackgroundWorkQueue queue = DefaultBackgroundWorkQueue.builder()
			.concurrency(2)
			.threadNamePrefix("held-up-")
			.drainTimeout(Duration.ofSeconds(5))
			.cancellationGrace(Duration.ofMillis(100))
			.handlers(WorkHandlers.of(handlers))
			.durableWork(JdbcDurableWork.factory(dataSource, store, JsonMapper.shared(), Duration.ofMillis(200),
					Duration.ofDays(7)))
			.build();
		try {
			queue.start();
			String slow = queue.enqueue(WorkRequest.of("slow", new Mail(0))).id();
			assertThat(handlers.slowStarted.await(30, TimeUnit.SECONDS)).isTrue();
			// The next rescue waits for its connection, and the claimer with it: nothing
			// renews the running item's lease until it has expired
			dataSource.stallTheRescue();
			assertThat(dataSource.rescueWaiting.await(30, TimeUnit.SECONDS)).isTrue();
			Instant expired = row(slow).leaseUntil();
			await().atMost(Duration.ofSeconds(30)).until(() -> Instant.now().isAfter(expired.plusMillis(500)));
			assertThat(row(slow).state()).isEqualTo(StoredState.RUNNING);
			dataSource.answer();
			// Renewed by its owner, or taken back and claimed again: either way leased
			// anew
			await().atMost(Duration.ofSeconds(30)).until(() -> row(slow).leaseUntil().isAfter(expired));
			handlers.release.countDown();
			await().atMost(Duration.ofSeconds(30)).until(() -> row(slow).state() == StoredState.SUCCEEDED);
		}
		finally {
			dataSource.answer();
			handlers.release.countDown();
			queue.stop();
		}
		assertThat(handlers.slowRuns).as("runs of the item whose lease expired during the outage").hasValue(1);
		assertThat(database.jdbc().queryForObject("SELECT attempts FROM background_work", Integer.class)).isOne();
	}

	private static StoredWork row(String id) {
		return database.store().reader().findById(id).orElseThrow();
	}

	/**
	 * Holds the connection the rescuer asks for, once told to, until told to answer: the
	 * rescue's statement then runs at once, long after it was asked for.
	 */
	static final class RescueStallingDataSource extends DelegatingDataSource {

		final CountDownLatch rescueWaiting = new CountDownLatch(1);

		private final CountDownLatch answer = new CountDownLatch(1);

		private volatile boolean stallTheRescue;

		RescueStallingDataSource(DataSource target) {
			super(target);
		}

		void stallTheRescue() {
			this.stallTheRescue = true;
		}

		void answer() {
			this.stallTheRescue = false;
			this.answer.countDown();
		}

		@Override
		public Connection getConnection() throws SQLException {
			if (this.stallTheRescue && askedByTheRescuer()) {
				this.rescueWaiting.countDown();
				try {
					this.answer.await(60, TimeUnit.SECONDS);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					throw new SQLException("Interrupted while waiting for a connection", ex);
				}
			}
			return super.getConnection();
		}

		private static boolean askedByTheRescuer() {
			return StackWalker.getInstance()
				.walk((frames) -> frames.anyMatch((frame) -> frame.getClassName().equals(WorkRescuer.class.getName())));
		}

	}

}
