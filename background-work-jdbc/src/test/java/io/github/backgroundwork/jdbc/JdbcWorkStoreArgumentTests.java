package io.github.backgroundwork.jdbc;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.time.Duration;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;

/**
 * Bad input is refused with an error that names the culprit.
 */
class JdbcWorkStoreArgumentTests {

	@RegisterExtension
	static final TestDatabase database = TestDatabase.h2();

	@Test
	void buildFailsOnADatabaseOtherThanPostgresqlOrH2NamingIt() throws Exception {
		DataSource mysql = mock(DataSource.class);
		Connection connection = mock(Connection.class);
		DatabaseMetaData metaData = mock(DatabaseMetaData.class);
		given(mysql.getConnection()).willReturn(connection);
		given(connection.getMetaData()).willReturn(metaData);
		given(metaData.getDatabaseProductName()).willReturn("MySQL");
		assertThatIllegalStateException().isThrownBy(() -> JdbcWorkStore.builder(mysql).build())
			.withMessageContaining("supports PostgreSQL and H2, but the DataSource is MySQL");
	}

	@Test
	void tableNameMustBeAPlainIdentifier() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> JdbcWorkStore.builder(database.dataSource()).tableName("work; DROP TABLE x").build())
			.withMessageStartingWith("Table name 'work; DROP TABLE x' is not a plain SQL identifier");
	}

	@Test
	void leaseMustBeAtLeastOneSecond() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> JdbcWorkStore.builder(database.dataSource()).lease(Duration.ofMillis(10)))
			.withMessage("lease must be at least 1s, was PT0.01S");
	}

	@Test
	void notificationChannelMustBeALowercaseIdentifier() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> JdbcWorkStore.builder(database.dataSource()).notificationChannel("Work-Channel"))
			.withMessageContaining("'Work-Channel'");
	}

	@Test
	void newWorkNamesTheArgumentItRefuses() {
		assertThatIllegalArgumentException().isThrownBy(() -> NewWork.of(" ", "n", null, "{}", "T", 0))
			.withMessage("id must not be blank");
		assertThatIllegalArgumentException().isThrownBy(() -> NewWork.of("id", "n", "k".repeat(1001), "{}", "T", 0))
			.withMessage("key must be at most 1000 characters, was 1001");
		assertThatIllegalArgumentException().isThrownBy(() -> NewWork.of("id", "n", null, "{}", "T", -1))
			.withMessage("maxRetries must not be negative, was -1");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> NewWork.of("id", "n", null, "{}", "T", 0).withDelay(Duration.ofSeconds(-1)))
			.withMessage("delay must not be negative, was PT-1S");
	}

	@Test
	void claimRefusesANegativeLimitAndABlankOwner() {
		JdbcWorkStore store = database.store();
		assertThatIllegalArgumentException().isThrownBy(() -> store.claim("a", -1))
			.withMessage("limit must not be negative, was -1");
		assertThatIllegalArgumentException().isThrownBy(() -> store.claim("", 1))
			.withMessage("owner must not be empty");
	}

}
