package io.github.backgroundwork.console;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Without Spring Security the console answers only loopback clients, the client being the
 * address as the application resolves it: here Tomcat's, which
 * {@code server.forward-headers-strategy=native} takes from {@code X-Forwarded-For} when
 * a local proxy sends it.
 */
@SpringBootTest(classes = ConsoleTestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "background-work.console.enabled=true", "server.address=127.0.0.1",
				"server.forward-headers-strategy=native" })
@AutoConfigureMockMvc
class LoopbackGuardTests {

	@Autowired
	private MockMvcTester mvc;

	@LocalServerPort
	private int port;

	@Test
	void remoteClientIsRefusedWithTheReasonAndTheWayOut() {
		for (String path : new String[] { "/background-work", "/background-work/", "/background-work/assets/console.js",
				"/background-work/api/queues" }) {
			assertThat(this.mvc.get().uri(path).with((request) -> {
				request.setRemoteAddr("192.0.2.10");
				return request;
			})).as(path)
				.hasStatus(403)
				.bodyText()
				.contains("only clients on this machine (loopback)", "came from 192.0.2.10",
						"background-work.console.allow-remote=true");
		}
		assertThat(this.mvc.post().uri("/background-work/api/bulk/delete").with((request) -> {
			request.setRemoteAddr("2001:db8::7");
			return request;
		})).hasStatus(403);
	}

	@Test
	void loopbackClientsAreServed() {
		for (String address : new String[] { "127.0.0.1", "127.4.5.6", "0:0:0:0:0:0:0:1", "::1" }) {
			assertThat(this.mvc.get().uri("/background-work/api/queues").with((request) -> {
				request.setRemoteAddr(address);
				return request;
			})).as(address).hasStatusOk();
		}
	}

	@Test
	void requestForwardedByALocalProxyForARemoteClientIsRefused() throws IOException, InterruptedException {
		HttpClient client = HttpClient.newHttpClient();
		URI console = URI.create("http://127.0.0.1:" + this.port + "/background-work/api/queues");
		HttpResponse<String> direct = client.send(HttpRequest.newBuilder(console).build(), BodyHandlers.ofString());
		assertThat(direct.statusCode()).isEqualTo(200);
		HttpResponse<String> forwarded = client.send(
				HttpRequest.newBuilder(console).header("X-Forwarded-For", "203.0.113.5").build(),
				BodyHandlers.ofString());
		assertThat(forwarded.statusCode()).isEqualTo(403);
		assertThat(forwarded.body()).contains("came from 203.0.113.5");
		// Unrelated paths are left alone
		HttpResponse<String> other = client
			.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + "/background-workers/anything"))
				.header("X-Forwarded-For", "203.0.113.5")
				.build(), BodyHandlers.ofString());
		assertThat(other.statusCode()).isEqualTo(404);
	}

	@Test
	void onlyIpLiteralsAreParsedSoNoNameIsLookedUp() {
		assertThat(LoopbackGuard.isLoopback("127.0.0.1")).isTrue();
		assertThat(LoopbackGuard.isLoopback("[::1]")).isTrue();
		assertThat(LoopbackGuard.isLoopback("10.0.0.1")).isFalse();
		assertThat(LoopbackGuard.isLoopback("localhost")).isFalse();
		assertThat(LoopbackGuard.isLoopback("unknown")).isFalse();
		assertThat(LoopbackGuard.isLoopback("abc")).isFalse();
		assertThat(LoopbackGuard.isLoopback("")).isFalse();
		assertThat(LoopbackGuard.isLoopback(null)).isFalse();
	}

}
