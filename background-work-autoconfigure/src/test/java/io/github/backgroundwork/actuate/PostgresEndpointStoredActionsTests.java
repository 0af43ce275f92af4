package io.github.backgroundwork.actuate;

import java.io.IOException;
import java.lang.ProcessBuilder.Redirect;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The endpoint's actions on work stored in embedded PostgreSQL.
 */
class PostgresEndpointStoredActionsTests extends AbstractEndpointStoredActionsTests {

	private static EmbeddedPostgres postgres;

	@DynamicPropertySource
	static void postgres(DynamicPropertyRegistry registry) throws IOException {
		postgres = EmbeddedPostgres.builder()
			.setServerConfig("listen_addresses", "127.0.0.1")
			.setOutputRedirector(Redirect.DISCARD)
			.setErrorRedirector(Redirect.DISCARD)
			.start();
		// Stopped when the JVM exits: the context, which JUnit closes after the class's
		// own callbacks, still needs it while it drains
		EmbeddedPostgres server = postgres;
		Runtime.getRuntime().addShutdownHook(new Thread(() -> {
			try {
				server.close();
			}
			catch (IOException ex) {
				// exiting anyway
			}
		}));
		registry.add("spring.datasource.url", () -> postgres.getJdbcUrl("postgres", "postgres"));
		registry.add("spring.datasource.username", () -> "postgres");
	}

}
