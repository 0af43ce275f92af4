package io.github.backgroundwork;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Tests for {@link WorkRequest}.
 */
class WorkRequestTests {

	private static final Instant NOW = Instant.parse("2026-05-01T10:00:00Z");

	@Test
	void requestOfNameAndPayloadRunsAtOnceWithDefaults() {
		Mail mail = new Mail("spring-sale", 42);
		WorkRequest request = WorkRequest.of("customer-mail", mail);
		assertThat(request.name()).isEqualTo("customer-mail");
		assertThat(request.payload()).isSameAs(mail);
		assertThat(request.key()).isNull();
		assertThat(request.delay()).isNull();
		assertThat(request.notBefore()).isNull();
		assertThat(request.maxRetries()).isNull();
		assertThat(request.dueAt(NOW)).isEqualTo(NOW);
	}

	@Test
	void builderSetsKeyDelayAndMaxRetries() {
		WorkRequest request = WorkRequest.builder("customer-mail", new Mail("spring-sale", 42))
			.key("spring-sale:42")
			.delay(Duration.ofMinutes(5))
			.maxRetries(5)
			.build();
		assertThat(request.key()).isEqualTo("spring-sale:42");
		assertThat(request.delay()).isEqualTo(Duration.ofMinutes(5));
		assertThat(request.notBefore()).isNull();
		assertThat(request.maxRetries()).isEqualTo(5);
		assertThat(request.dueAt(NOW)).isEqualTo(NOW.plus(Duration.ofMinutes(5)));
	}

	@Test
	void notBeforeIsKeptAsGivenAndIsDueThenWheneverEnqueued() {
		Instant at = NOW.plusSeconds(30);
		WorkRequest request = WorkRequest.builder("thumbnail", new Thumbnail("a.png")).notBefore(at).build();
		assertThat(request.notBefore()).isEqualTo(at);
		assertThat(request.delay()).isNull();
		assertThat(request.dueAt(NOW)).isEqualTo(at);
		assertThat(request.dueAt(NOW.plusSeconds(60))).isEqualTo(at);
	}

	@Test
	void delayAndNotBeforeCannotBothBeSet() {
		WorkRequest.Builder delayed = WorkRequest.builder("thumbnail", new Thumbnail("a.png"))
			.delay(Duration.ofSeconds(5));
		assertThatIllegalStateException().isThrownBy(() -> delayed.notBefore(NOW))
			.withMessage("notBefore cannot be set to 2026-05-01T10:00:00Z when delay is already set to PT5S: "
					+ "a request has one or the other");
		WorkRequest.Builder timed = WorkRequest.builder("thumbnail", new Thumbnail("a.png")).notBefore(NOW);
		assertThatIllegalStateException().isThrownBy(() -> timed.delay(Duration.ofSeconds(5)))
			.withMessageStartingWith("delay cannot be set to PT5S when notBefore is already set");
	}

	@Test
	void badArgumentsAreRefusedWithTheArgumentNamed() {
		Thumbnail payload = new Thumbnail("a.png");
		assertThatIllegalArgumentException().isThrownBy(() -> WorkRequest.of(" ", payload))
			.withMessage("name must not be blank, was ' '");
		assertThatIllegalArgumentException().isThrownBy(() -> WorkRequest.of(null, payload))
			.withMessage("name must not be blank, was null");
		assertThatIllegalArgumentException().isThrownBy(() -> WorkRequest.builder("thumbnail", null))
			.withMessage("payload must not be null");
		WorkRequest.Builder builder = WorkRequest.builder("thumbnail", payload);
		assertThatIllegalArgumentException().isThrownBy(() -> builder.key(""))
			.withMessage("key must not be blank, was ''");
		assertThatIllegalArgumentException().isThrownBy(() -> builder.delay(Duration.ofMillis(-1)))
			.withMessage("delay must not be negative, was PT-0.001S");
		assertThatIllegalArgumentException().isThrownBy(() -> builder.maxRetries(-1))
			.withMessage("maxRetries must not be negative, was -1");
		assertThatIllegalArgumentException().isThrownBy(() -> builder.notBefore(null))
			.withMessage("notBefore must not be null");
	}

	@Test
	void toStringShowsNameKeyAndDelayButNotThePayloadsContent() {
		WorkRequest request = WorkRequest.builder("customer-mail", new Mail("secret-campaign", 42))
			.key("k-1")
			.delay(Duration.ofSeconds(3))
			.build();
		assertThat(request)
			.hasToString("WorkRequest[name=customer-mail, key=k-1, delay=PT3S, payload=WorkRequestTests.Mail]");
		assertThat(request.toString()).doesNotContain("secret-campaign");
	}

	@Test
	void requestsWithEqualPartsAreEqual() {
		WorkRequest one = WorkRequest.builder("thumbnail", new Thumbnail("a.png")).key("a").build();
		WorkRequest same = WorkRequest.builder("thumbnail", new Thumbnail("a.png")).key("a").build();
		WorkRequest otherKey = WorkRequest.builder("thumbnail", new Thumbnail("a.png")).key("b").build();
		assertThat(one).isEqualTo(same).hasSameHashCodeAs(same).isNotEqualTo(otherKey);
	}

	record Mail(String campaign, long customerId) {
	}

	record Thumbnail(String path) {
	}

}
