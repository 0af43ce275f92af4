package io.github.backgroundwork.actuate;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import com.zaxxer.hikari.HikariDataSource;
import io.github.backgroundwork.BackgroundWorkHandler;
import io.github.backgroundwork.DefaultBackgroundWorkQueue;
import io.github.backgroundwork.WorkQuery;
import io.github.backgroundwork.WorkRequest;
import io.github.backgroundwork.actuate.DurableWorkDescriptor.InstanceDescriptor;
import io.github.backgroundwork.durable.JdbcDurableWork;
import io.github.backgroundwork.handler.WorkHandlers;
import io.github.backgroundwork.autoconfigure.BackgroundWorkDataSourceScriptDatabaseInitializer;
import io.github.backgroundwork.jdbc.JdbcWorkStore;
import io.github.backgroundwork.jdbc.StoredInstance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.jdbc.init.DatabaseInitializationProperties;
import org.springframework.boot.sql.init.DatabaseInitializationMode;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests that every instance claiming from one database says so: the endpoint lists them
 * live, then gone once stopped or silent for a lease, and flags the items whose name no
 * live instance handles. On H2.
 */
class DurableInstancesTests {

	private HikariDataSource dataSource;

	private JdbcWorkStore store;

	private final List<DefaultBackgroundWorkQueue> queues = new ArrayList<>();

	@BeforeEach
	void createTables() {
		this.dataSource = new HikariDataSource();
		this.dataSource.setJdbcUrl("jdbc:h2:mem:instances-" + UUID.randomUUID());
		DatabaseInitializationProperties properties = new DatabaseInitializationProperties() {

			@Override
			public String getDefaultSchemaLocation() {
				return BackgroundWorkDataSourceScriptDatabaseInitializer.DEFAULT_SCHEMA_LOCATION;
			}

		};
		properties.setInitializeSchema(DatabaseInitializationMode.ALWAYS);
		new BackgroundWorkDataSourceScriptDatabaseInitializer(this.dataSource, properties).initializeDatabase();
		this.store = JdbcWorkStore.builder(this.dataSource).lease(Duration.ofSeconds(3)).build();
	}

	@AfterEach
	void close() {
		this.queues.forEach(DefaultBackgroundWorkQueue::stop);
		this.dataSource.close();
	}

	private DefaultBackgroundWorkQueue startedQueue(String prefix, Object handlers) {
		DefaultBackgroundWorkQueue queue = DefaultBackgroundWorkQueue.builder()
			.concurrency(3)
			.threadNamePrefix(prefix)
			.handlers(WorkHandlers.of(handlers))
			.durableWork(JdbcDurableWork.builder(this.dataSource, this.store, JsonMapper.shared())
				.pollInterval(Duration.ofMillis(200))
				.factory())
			.build();
		this.queues.add(queue);
		queue.start();
		return queue;
	}

	private List<StoredInstance> instances() {
		return this.store.reader().instances();
	}

	@Test
	void instancesAreListedLiveThenGoneAndItemsNoLiveInstanceHandlesAreFlagged() {
		DefaultBackgroundWorkQueue mailer = startedQueue("mailer-", new Mailer());
		DefaultBackgroundWorkQueue reporter = startedQueue("reporter-", new Reporter());
		await().atMost(Duration.ofSeconds(20))
			.until(() -> instances().stream().filter(StoredInstance::live).count() == 2);
		assertThat(instances()).extracting(StoredInstance::names)
			.containsExactlyInAnyOrder(List.of("mail"), List.of("report"));
		assertThat(instances()).allSatisfy((instance) -> {
			assertThat(instance.concurrency()).isEqualTo(3);
			assertThat(instance.host()).isNotBlank();
			assertThat(instance.queue()).isEqualTo(JdbcWorkStore.DEFAULT_QUEUE);
		});
		String report = reporter.enqueue(WorkRequest.builder("report", "q3").delay(Duration.ofHours(1)).build()).id();
		String mail = mailer.enqueue(WorkRequest.builder("mail", "hello").delay(Duration.ofHours(1)).build()).id();
		DurableWorkDescriber describer = new DurableWorkDescriber(this.store.reader());
		assertThat(describer.find(report).orElseThrow().unhandled()).isFalse();

		reporter.stop();
		// Marked stopped by the stop itself: gone at once, still listed
		assertThat(instances()).filteredOn((instance) -> instance.names().equals(List.of("report")))
			.singleElement()
			.satisfies((instance) -> {
				assertThat(instance.live()).isFalse();
				assertThat(instance.stoppedAt()).isNotNull();
			});
		assertThat(describer.find(report).orElseThrow().unhandled()).isTrue();
		assertThat(describer.find(mail).orElseThrow().unhandled()).isFalse();
		DurableWorkDescriptor summary = describer.describe(new WorkQuery(null, null, 0, 10), 20);
		assertThat(summary.instances()).extracting(InstanceDescriptor::live).containsExactlyInAnyOrder(true, false);
		assertThat(summary.items().list()).filteredOn((item) -> item.id().equals(report))
			.singleElement()
			.satisfies((item) -> assertThat(item.unhandled()).isTrue());

		// Restarted, it is live again and handles the item
		reporter.start();
		await().atMost(Duration.ofSeconds(20))
			.until(() -> instances().stream().filter(StoredInstance::live).count() == 2);
		assertThat(describer.find(report).orElseThrow().unhandled()).isFalse();
	}

	@Test
	void anInstanceThatDiedIsGoneAfterALeaseAndDeletedAfterADay() {
		startedQueue("mailer-", new Mailer());
		await().atMost(Duration.ofSeconds(20)).until(() -> instances().size() == 1 && instances().get(0).live());
		JdbcTemplate jdbc = new JdbcTemplate(this.dataSource);
		// Another instance's rows: one silent for longer than a lease, one for two days
		jdbc.update("INSERT INTO background_work_instance (id, queue, host, started_at, concurrency, names, last_seen)"
				+ " VALUES ('silent', 'backgroundWorkQueue', 'h', CURRENT_TIMESTAMP, 1, 'report',"
				+ " DATEADD(SECOND, -10, CURRENT_TIMESTAMP))");
		jdbc.update("INSERT INTO background_work_instance (id, queue, host, started_at, concurrency, names, last_seen)"
				+ " VALUES ('dead', 'backgroundWorkQueue', 'h', CURRENT_TIMESTAMP, 1, 'report',"
				+ " DATEADD(DAY, -2, CURRENT_TIMESTAMP))");
		assertThat(instances()).filteredOn((instance) -> instance.id().equals("silent"))
			.singleElement()
			.satisfies((instance) -> assertThat(instance.live()).isFalse());
		assertThat(this.store.instances().deleteGone(Duration.ofDays(1))).isOne();
		assertThat(instances()).extracting(StoredInstance::id).doesNotContain("dead").contains("silent");
	}

	/**
	 * Handles mails only.
	 */
	public static class Mailer {

		@BackgroundWorkHandler("mail")
		void mail(String text) {
		}

	}

	/**
	 * Handles reports only.
	 */
	public static class Reporter {

		@BackgroundWorkHandler("report")
		void report(String quarter) {
		}

	}

}
