package io.github.backgroundwork.demo;

import java.util.concurrent.TimeUnit;

import com.jayway.jsonpath.JsonPath;
import io.github.backgroundwork.BackgroundWorkQueue;
import io.github.backgroundwork.demo.customers.CustomerRepository;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The actuator endpoints the demo exposes ({@code health}, {@code metrics} and
 * {@code backgroundwork}), which show the same items as the demo's own {@code /work}.
 */
@DemoMockMvcTest
class ActuatorEndpointTests {

	@Autowired
	private MockMvcTester mvc;

	@Autowired
	private BackgroundWorkQueue queue;

	@Autowired
	private CustomerRepository customers;

	@Test
	void acceptedNotificationIsShownByTheEndpointToTheEnd() throws Exception {
		MvcTestResult accepted = this.mvc.post()
			.uri("/customers/notifications")
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"subject\": \"Spring sale\", \"message\": \"20% off\"}")
			.exchange();
		String id = JsonPath.read(accepted.getResponse().getContentAsString(), "$.id");
		this.queue.find(id).orElseThrow().completion().toCompletableFuture().get(10, TimeUnit.SECONDS);

		MvcTestResult item = this.mvc.get().uri("/actuator/backgroundwork/{id}", id).exchange();
		assertThat(item).hasStatusOk();
		assertThat(item).bodyJson().extractingPath("$.id").isEqualTo(id);
		assertThat(item).bodyJson().extractingPath("$.name").isEqualTo("customer-mail");
		assertThat(item).bodyJson().extractingPath("$.state").isEqualTo("SUCCEEDED");
		assertThat(item).bodyJson()
			.extractingPath("$.progress.done")
			.asNumber()
			.isEqualTo((int) this.customers.count());
		assertThat(this.mvc.get().uri("/actuator/backgroundwork")).hasStatusOk()
			.bodyJson()
			.extractingPath("$.queues.backgroundWorkQueue.state")
			.isEqualTo("RUNNING");
	}

	@Test
	void unknownItemIsNotFound() {
		assertThat(this.mvc.get().uri("/actuator/backgroundwork/no-such-item")).hasStatus(HttpStatus.NOT_FOUND);
	}

	@Test
	void healthAndMetricsAreExposed() {
		assertThat(this.mvc.get().uri("/actuator/health")).hasStatusOk()
			.bodyJson()
			.extractingPath("$.status")
			.isEqualTo("UP");
		MvcTestResult metrics = this.mvc.get().uri("/actuator/metrics").exchange();
		assertThat(metrics).hasStatusOk();
		assertThat(metrics).bodyJson().extractingPath("$.names").asArray().contains("background.work.queued");
	}

}
