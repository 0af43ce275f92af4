package io.github.backgroundwork.jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import io.github.backgroundwork.BackgroundWorkHandler;
import io.github.backgroundwork.DefaultBackgroundWorkQueue;
import io.github.backgroundwork.WorkHandle;
import io.github.backgroundwork.WorkRequest;
import io.github.backgroundwork.durable.JdbcDurableWork;
import io.github.backgroundwork.durable.StoredMdc;
import io.github.backgroundwork.handler.WorkHandlers;
import io.github.backgroundwork.observation.ContextPropagatingWorkDecorator;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.MDC;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.datasource.DelegatingDataSource;
import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

/**
 * Tests that a stored item runs with the MDC entries the application names, taken from
 * the thread that enqueued it, and with nothing of the claimer thread's own MDC, on H2.
 * Needs the {@code context} column, which the schema scripts add alongside this round's
 * other columns: skipped on a table without it.
 */
class StoredMdcIntegrationTests {

	@RegisterExtension
	static final TestDatabase database = TestDatabase.h2();

	private final Visits visits = new Visits();

	private @Nullable DefaultBackgroundWorkQueue queue;

	@BeforeEach
	void needsTheContextColumn() {
		database.clear();
		assumeThat(database.jdbc()
			.queryForObject(
					"SELECT COUNT(*) FROM INFORMATION_SCHEMA.COLUMNS WHERE LOWER(TABLE_NAME) = 'background_work'"
							+ " AND LOWER(COLUMN_NAME) = 'context'",
					Integer.class))
			.as("the work table has a context column")
			.isEqualTo(1);
	}

	@AfterEach
	void stop() {
		MDC.clear();
		if (this.queue != null) {
			this.queue.stop();
		}
	}

	@ParameterizedTest(name = "propagate-context={0}")
	@ValueSource(booleans = { true, false })
	void storedItemsRunWithTheListedMdcEntriesOfTheEnqueuingThreadOnly(boolean propagateContext) throws Exception {
		// Every connection the claimer takes leaves an entry in its own MDC
		DataSource dataSource = new DelegatingDataSource(database.dataSource()) {

			@Override
			public Connection getConnection() throws SQLException {
				if (Thread.currentThread().getName().endsWith("claimer")) {
					MDC.put("claimerOnly", "x");
				}
				return super.getConnection();
			}

		};
		StoredMdc mdc = StoredMdc.of(List.of("visitId"));
		DefaultBackgroundWorkQueue.Builder builder = DefaultBackgroundWorkQueue.builder()
			.handlers(WorkHandlers.of(this.visits));
		if (propagateContext) {
			builder.decorator(new ContextPropagatingWorkDecorator());
		}
		this.queue = builder.decorator(mdc)
			.durableWork(
					JdbcDurableWork.factory(dataSource, JdbcWorkStore.builder(dataSource).build(), JsonMapper.shared(),
							Duration.ofMillis(100), Duration.ofDays(7), null, mdc, DataSize.ofMegabytes(1)))
			.build();
		this.queue.start();
		MDC.put("visitId", "5");
		MDC.put("email", "someone@example.com");
		WorkHandle handle = this.queue.enqueue(WorkRequest.of("visit", "hello"));
		MDC.clear();
		assertThat(this.visits.seen.get(20, TimeUnit.SECONDS)).containsExactly(Map.entry("visitId", "5"));
		assertThat(database.jdbc()
			.queryForObject("SELECT context FROM background_work WHERE id = ?", String.class, handle.id()))
			.isEqualTo("{\"visitId\":\"5\"}");
	}

	static class Visits {

		final CompletableFuture<Map<String, String>> seen = new CompletableFuture<>();

		@BackgroundWorkHandler("visit")
		void visit(String payload) {
			Map<String, String> entries = MDC.getCopyOfContextMap();
			this.seen.complete((entries != null) ? entries : Map.of());
		}

	}

}
