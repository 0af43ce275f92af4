package db.migration;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.zip.CRC32;

import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;
import org.springframework.jdbc.datasource.init.ResourceDatabasePopulator;

/**
 * The background-work tables (work and pauses), created and kept up to date by Flyway: a
 * repeatable migration that runs the script shipped in the library's jar. Its checksum is
 * the script's, so Flyway runs it again after an upgrade of background-work changed the
 * script (every statement in it is {@code IF NOT EXISTS}, safe to run again), and leaves
 * it alone otherwise. The README's Flyway recipe is this file.
 */
public class R__BackgroundWork extends BaseJavaMigration {

	private static final Resource SCRIPT = new ClassPathResource("io/github/backgroundwork/jdbc/schema-postgresql.sql");

	@Override
	public Integer getChecksum() {
		try (InputStream script = SCRIPT.getInputStream()) {
			CRC32 crc = new CRC32();
			crc.update(script.readAllBytes());
			return (int) crc.getValue();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@Override
	public void migrate(Context context) {
		new ResourceDatabasePopulator(SCRIPT).populate(context.getConnection());
	}

}
