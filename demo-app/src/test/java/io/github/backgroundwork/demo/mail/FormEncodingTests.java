package io.github.backgroundwork.demo.mail;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import com.jayway.jsonpath.JsonPath;
import io.github.backgroundwork.BackgroundWorkQueue;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Form posts to the real server (Tomcat decodes them, not MockMvc): a value that is not
 * URL-encoded, as {@code curl -d message='20% off'} sends it, gets a {@code 400} that
 * names the parameter and the fix, and the encoded one is accepted.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "server.address=127.0.0.1", "demo.customers.count=3", "demo.mail.send-delay=0" })
class FormEncodingTests {

	@LocalServerPort
	private int port;

	@Autowired
	private BackgroundWorkQueue queue;

	@Test
	void formValueThatIsNotUrlEncodedIsRefusedNamingTheParameter() throws Exception {
		long accepted = this.queue.statistics().totals().accepted();
		HttpResponse<String> response = postForm("subject=Sale&message=20% off");
		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		assertThat(JsonPath.<String>read(response.body(), "$.detail")).startsWith("The form data is not URL-encoded")
			.contains("Parameter [message] with value [20% off]")
			.contains("--data-urlencode");
		assertThat(this.queue.statistics().totals().accepted()).isEqualTo(accepted);
	}

	@Test
	void urlEncodedFormValueIsAccepted() throws Exception {
		HttpResponse<String> response = postForm("subject=Sale&message=20%25+off");
		assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
		assertThat(response.headers().firstValue("Location"))
			.hasValue("/work/" + JsonPath.read(response.body(), "$.id"));
	}

	private HttpResponse<String> postForm(String body) throws Exception {
		HttpRequest request = HttpRequest
			.newBuilder(URI.create("http://127.0.0.1:" + this.port + "/customers/notifications"))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.header("Accept", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build();
		return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
	}

}
