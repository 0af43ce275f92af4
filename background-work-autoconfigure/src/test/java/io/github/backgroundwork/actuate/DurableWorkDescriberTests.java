package io.github.backgroundwork.actuate;

import java.util.UUID;

import com.zaxxer.hikari.HikariDataSource;
import io.github.backgroundwork.WorkQuery;
import io.github.backgroundwork.WorkState;
import io.github.backgroundwork.jdbc.JdbcWorkStore;
import io.github.backgroundwork.jdbc.NewWork;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.github.backgroundwork.autoconfigure.BackgroundWorkDataSourceScriptDatabaseInitializer;

import org.springframework.boot.jdbc.init.DatabaseInitializationProperties;
import org.springframework.boot.sql.init.DatabaseInitializationMode;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link DurableWorkDescriber} on H2: bounded counts and the stored error.
 */
class DurableWorkDescriberTests {

	private HikariDataSource dataSource;

	private JdbcTemplate jdbc;

	private JdbcWorkStore store;

	@BeforeEach
	void createTable() {
		this.dataSource = new HikariDataSource();
		this.dataSource.setJdbcUrl("jdbc:h2:mem:describer-" + UUID.randomUUID());
		this.dataSource.setMinimumIdle(1);
		HikariDataSource dataSource = this.dataSource;
		DatabaseInitializationProperties properties = new DatabaseInitializationProperties() {

			@Override
			public String getDefaultSchemaLocation() {
				return BackgroundWorkDataSourceScriptDatabaseInitializer.DEFAULT_SCHEMA_LOCATION;
			}

		};
		properties.setInitializeSchema(DatabaseInitializationMode.ALWAYS);
		new BackgroundWorkDataSourceScriptDatabaseInitializer(dataSource, properties).initializeDatabase();
		this.jdbc = new JdbcTemplate(dataSource);
		this.store = JdbcWorkStore.builder(dataSource).build();
	}

	@AfterEach
	void closePool() {
		this.dataSource.close();
	}

	@Test
	void countsShowTheNamesWithTheMostItemsAndSayHowManyMoreThereAre() {
		for (int name = 0; name < 25; name++) {
			for (int item = 0; item <= name; item++) {
				insert("n" + name + "-" + item, "name-" + name);
			}
		}
		DurableWorkDescriptor described = new DurableWorkDescriber(this.store.reader())
			.describe(new WorkQuery(null, null, 0, 10), 20);
		assertThat(described.counts()).hasSize(20);
		assertThat(described.counts().get(0)).isEqualTo(new DurableWorkDescriptor.CountDescriptor("name-24",
				io.github.backgroundwork.jdbc.StoredState.QUEUED, 25));
		assertThat(described.counts()).noneMatch((count) -> count.name().equals("name-0"));
		assertThat(described.omittedNames()).isEqualTo(5);
		assertThat(described.items().list()).hasSize(10);
		assertThat(described.items().total()).isEqualTo(25 * 26 / 2);
	}

	@Test
	void failedItemShowsTheStoredErrorAsTypeAndMessage() {
		insert("failed", "mail");
		insert("unreadable", "mail");
		fail("failed", "java.lang.IllegalStateException: SMTP down: try later");
		fail("unreadable", "payload class com.example.Gone is not on the classpath");
		DurableWorkDescriber describer = new DurableWorkDescriber(this.store.reader());
		WorkItemDescriptor failed = describer.find("failed").orElseThrow();
		assertThat(failed.state()).isEqualTo(WorkState.FAILED);
		assertThat(failed.error().type()).isEqualTo("java.lang.IllegalStateException");
		assertThat(failed.error().message()).isEqualTo("SMTP down: try later");
		assertThat(failed.owner()).isNull();
		WorkItemDescriptor unreadable = describer.find("unreadable").orElseThrow();
		assertThat(unreadable.error().message()).isEqualTo("payload class com.example.Gone is not on the classpath");
		assertThat(describer.find("missing")).isEmpty();
	}

	@Test
	void itemLeftForAnotherInstanceSaysWhichInstanceCouldNotReadItAndWhy() {
		insert("newer", "mail");
		insert("plain", "mail");
		assertThat(this.store.claim("old-instance", 10)).hasSize(2);
		this.store.releaseUnreadable("old-instance", "newer",
				"Payload class com.example.v2.Mail is not on the classpath");
		this.store.release("old-instance", java.util.List.of("plain"));
		DurableWorkDescriber describer = new DurableWorkDescriber(this.store.reader());
		WorkItemDescriptor newer = describer.find("newer").orElseThrow();
		assertThat(newer.state()).isEqualTo(WorkState.QUEUED);
		assertThat(newer.unreadable()).isEqualTo(new WorkItemDescriptor.Unreadable("old-instance",
				"Payload class com.example.v2.Mail is not on the classpath"));
		assertThat(describer.find("plain").orElseThrow().unreadable()).isNull();
	}

	private void insert(String id, String name) {
		this.store.insert(NewWork.of(id, name, null, "{}", "java.lang.Object", 0));
	}

	private void fail(String id, String error) {
		this.jdbc.update("UPDATE background_work SET state = 'FAILED', attempts = 1, started_at = CURRENT_TIMESTAMP,"
				+ " finished_at = CURRENT_TIMESTAMP, live_key = NULL, error = ? WHERE id = ?", error, id);
	}

}
