package io.github.backgroundwork.examples.console;

import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

import io.github.backgroundwork.BackgroundWorkQueue;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The console's security recipe ({@link BackgroundWorkConsoleSecurity}) over HTTP:
 * support looks, operators act with the CSRF token the console hands its page, and the
 * application's chain, not the loopback default, decides who comes in.
 */
@SpringBootTest(classes = ConsoleSecuredApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT, properties = {
		"server.address=127.0.0.1", "background-work.console.enabled=true",
		// Requests below claim to come from a remote client through a local proxy
		"server.forward-headers-strategy=native",
		"spring.autoconfigure.exclude=org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration" })
class BackgroundWorkConsoleSecurityTests {

	private static final String PAUSE = "/background-work/api/queues/backgroundWorkQueue/pause";

	private final HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();

	@Autowired
	private BackgroundWorkQueue queue;

	@LocalServerPort
	private int port;

	@AfterEach
	void resume() {
		this.queue.resumeQueue();
	}

	@Test
	void anonymousClientsAreNotLetIn() throws Exception {
		assertThat(send("GET", "/background-work/api/queues", null, null).statusCode()).isIn(302, 401);
	}

	@Test
	void supportLooksButCannotAct() throws Exception {
		assertThat(send("GET", "/background-work/api/queues", "support:s", null).statusCode()).isEqualTo(200);
		Map<String, String> csrf = csrf("support:s");
		assertThat(send("POST", PAUSE, "support:s", csrf).statusCode()).isEqualTo(403);
		assertThat(this.queue.paused().queue()).isFalse();
	}

	@Test
	void operatorsActWithTheTokenTheConsoleHandsOut() throws Exception {
		// Spring Security checks the token before the credentials, so it answers as to
		// an anonymous client
		assertThat(send("POST", PAUSE, "operator:o", null).statusCode()).as("without the CSRF token").isIn(401, 403);
		assertThat(this.queue.paused().queue()).isFalse();
		assertThat(send("POST", PAUSE, "operator:o", csrf("operator:o")).statusCode()).isEqualTo(200);
		assertThat(this.queue.paused().queue()).isTrue();
	}

	private Map<String, String> csrf(String credentials) throws Exception {
		HttpResponse<String> session = send("GET", "/background-work/api/session", credentials, null);
		assertThat(session.statusCode()).isEqualTo(200);
		Map<?, ?> body = JsonMapper.builder().build().readValue(session.body(), Map.class);
		Map<?, ?> csrf = (Map<?, ?>) body.get("csrf");
		assertThat(csrf).as("the token the page sends on POSTs").isNotNull();
		return Map.of(String.valueOf(csrf.get("headerName")), String.valueOf(csrf.get("token")));
	}

	private HttpResponse<String> send(String method, String path, @Nullable String credentials,
			@Nullable Map<String, String> headers) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path))
			.method(method, HttpRequest.BodyPublishers.noBody())
			// A remote operator behind a proxy on this host: the loopback default would
			// refuse it, the application's chain lets it in
			.header("X-Forwarded-For", "203.0.113.5");
		if (credentials != null) {
			request.header("Authorization",
					"Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
		}
		if (headers != null) {
			headers.forEach(request::header);
		}
		return this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

}
