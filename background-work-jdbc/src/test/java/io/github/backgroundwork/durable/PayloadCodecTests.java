package io.github.backgroundwork.durable;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.github.backgroundwork.BackgroundWorkHandler;
import io.github.backgroundwork.WorkRequest;
import io.github.backgroundwork.durable.Intruder.Intruders;
import io.github.backgroundwork.durable.PayloadCodec.PayloadClassNotFoundException;
import io.github.backgroundwork.durable.PayloadCodec.UnreadablePayloadException;
import io.github.backgroundwork.handler.WorkHandlers;
import io.github.backgroundwork.jdbc.ClaimedWork;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.DefaultTyping;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.jsontype.BasicPolymorphicTypeValidator;

import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link PayloadCodec}: a row is data anyone who can write the table may have
 * written, so nothing it names runs unless it fits the handler.
 */
class PayloadCodecTests {

	// An application mapper at its most permissive: any class a type id names
	private static final JsonMapper PERMISSIVE = JsonMapper.builder()
		.activateDefaultTyping(BasicPolymorphicTypeValidator.builder().allowIfSubType(Object.class).build(),
				DefaultTyping.NON_FINAL)
		.build();

	private final PayloadCodec codec = new PayloadCodec(PERMISSIVE, getClass().getClassLoader(),
			WorkHandlers.of(new Handlers()), DataSize.ofBytes(100));

	@Test
	void aClassThatDoesNotFitTheHandlerIsNeverInitializedNorCreated() {
		assertThatExceptionOfType(UnreadablePayloadException.class)
			.isThrownBy(() -> this.codec.read(row("mail", "{}", Intruder.class.getName())))
			.withMessageContaining(
					"is stored as " + Intruder.class.getName() + ", which is not a " + Mail.class.getName())
			.withMessageContaining("Handlers#mail");
		assertThat(Intruders.INITIALIZED).hasValue(0);
		assertThat(Intruders.CONSTRUCTED).hasValue(0);
	}

	@Test
	void payloadsAreReadWithoutTheApplicationsDefaultTyping() {
		String json = "{\"detail\":[\"" + Intruder.class.getName() + "\",{}]}";
		Object payload = this.codec.read(row("note", json, Note.class.getName()));
		assertThat(payload).isEqualTo(new Note(List.of(Intruder.class.getName(), Map.of())));
		assertThat(Intruders.CONSTRUCTED).hasValue(0);
	}

	@Test
	void aPayloadIsWrittenWithoutTypeIdsAndReadBack() {
		String json = this.codec.write(WorkRequest.of("note", new Note(List.of("a"))));
		assertThat(json).isEqualTo("{\"detail\":[\"a\"]}");
		assertThat(this.codec.read(row("note", json, Note.class.getName()))).isEqualTo(new Note(List.of("a")));
	}

	@Test
	void aSubclassOfTheHandlersTypeIsReadAsItself() {
		Object payload = this.codec.read(row("any", "{\"customer\":7}", Mail.class.getName()));
		assertThat(payload).isEqualTo(new Mail(7));
	}

	@Test
	void aMissingClassIsToldApartFromOneThatDoesNotFit() {
		assertThatExceptionOfType(PayloadClassNotFoundException.class)
			.isThrownBy(() -> this.codec.read(row("mail", "{}", "com.example.Gone")))
			.withMessageContaining("com.example.Gone")
			.withMessageContaining("not on the classpath");
		assertThatExceptionOfType(UnreadablePayloadException.class)
			.isThrownBy(() -> this.codec.read(row("mail", "{\"customer\":\"many\"}", Mail.class.getName())))
			.withMessageContaining("cannot be read back as " + Mail.class.getName());
	}

	@Test
	void aPayloadLargerThanTheLimitIsRefusedNamingTheWork() {
		// 40 two-byte characters fit in 100 bytes; 60 do not, though they are 60 chars
		assertThat(this.codec.write(WorkRequest.of("note", new Note(List.of("é".repeat(40)))))).isNotEmpty();
		assertThatIllegalArgumentException()
			.isThrownBy(() -> this.codec.write(WorkRequest.of("note", new Note(List.of("é".repeat(60))))))
			.withMessageContaining("background work 'note'")
			.withMessageContaining("is 135 bytes as JSON, more than the 100 bytes stored at most")
			.withMessageContaining("background-work.jdbc.max-payload-size");
	}

	private static ClaimedWork row(String name, String payload, String payloadType) {
		return new ClaimedWork("row-1", name, null, payload, payloadType, 1, 0, null, Instant.now(), Instant.now(),
				null);
	}

	/**
	 * A mail.
	 *
	 * @param customer the customer
	 */
	public record Mail(int customer) {
	}

	/**
	 * A note whose detail may be anything.
	 *
	 * @param detail the detail
	 */
	public record Note(Object detail) {
	}

	static class Handlers {

		@BackgroundWorkHandler("mail")
		void mail(Mail mail) {
		}

		@BackgroundWorkHandler("note")
		void note(Note note) {
		}

		@BackgroundWorkHandler("any")
		void any(Record record) {
		}

	}

}
