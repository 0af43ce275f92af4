package io.github.backgroundwork.jdbc;

import java.time.Duration;
import java.time.OffsetDateTime;

import io.github.backgroundwork.DefaultBackgroundWorkQueue;
import io.github.backgroundwork.WorkRequest;
import io.github.backgroundwork.durable.JdbcDurableWork;
import io.github.backgroundwork.handler.WorkHandlers;
import io.github.backgroundwork.jdbc.DurableHandlers.Mail;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Finished rows past the retention are deleted batch after batch until none is left, not
 * one batch every ten minutes, while the queue goes on claiming. On PostgreSQL: H2 takes
 * seconds to delete one batch from a large table.
 */
class RetentionTests {

	@RegisterExtension
	static final TestDatabase database = TestDatabase.postgres();

	@Test
	void retentionKeepsUp() {
		DurableHandlers handlers = new DurableHandlers();
		DefaultBackgroundWorkQueue queue = DefaultBackgroundWorkQueue.builder()
			.concurrency(2)
			.threadNamePrefix("retention-")
			.handlers(WorkHandlers.of(handlers))
			.durableWork(JdbcDurableWork.factory(database.dataSource(), database.store(), JsonMapper.shared(),
					Duration.ofMillis(200), Duration.ofDays(1)))
			.build();
		OffsetDateTime now = OffsetDateTime.now();
		GeneratedRows.insert(database, "old-", 5500, "mail", "SUCCEEDED", now.minusDays(2));
		String recent = queue.enqueue(WorkRequest.of("mail", new Mail(-1))).id();
		try {
			queue.start();
			await().atMost(Duration.ofSeconds(30)).until(() -> count("finished_at < ?", now.minusDays(1)) == 0);
			await().atMost(Duration.ofSeconds(10))
				.until(() -> database.store().reader().findById(recent).orElseThrow().state() == StoredState.SUCCEEDED);
			assertThat(count("id = ?", recent)).as("kept: within the retention").isOne();
		}
		finally {
			queue.stop();
		}
	}

	private static int count(String condition, Object argument) {
		Integer count = database.jdbc()
			.queryForObject("SELECT COUNT(*) FROM background_work WHERE " + condition, Integer.class, argument);
		return (count != null) ? count : 0;
	}

}
