package io.github.backgroundwork.jdbc;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import io.github.backgroundwork.BackgroundWorkHandler;
import io.github.backgroundwork.DefaultBackgroundWorkQueue;
import io.github.backgroundwork.WorkRequest;
import io.github.backgroundwork.durable.Intruder;
import io.github.backgroundwork.durable.Intruder.Intruders;
import io.github.backgroundwork.durable.JdbcDurableWork;
import io.github.backgroundwork.durable.StoredMdc;
import io.github.backgroundwork.handler.WorkHandlers;
import io.github.backgroundwork.jdbc.DurableHandlers.Mail;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.DefaultTyping;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.jsontype.BasicPolymorphicTypeValidator;

import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.awaitility.Awaitility.await;

/**
 * Tests that a row is read as data, whoever wrote it, and that enqueue refuses payloads
 * larger than the limit, on H2.
 */
class StoredPayloadSafetyTests {

	@RegisterExtension
	static final TestDatabase database = TestDatabase.h2();

	private final DurableHandlers handlers = new DurableHandlers();

	private final Notes notes = new Notes();

	private DefaultBackgroundWorkQueue queue;

	@BeforeEach
	void startQueue() {
		database.clear();
		// The application's mapper at its most permissive: any class a type id names
		JsonMapper permissive = JsonMapper.builder()
			.activateDefaultTyping(BasicPolymorphicTypeValidator.builder().allowIfSubType(Object.class).build(),
					DefaultTyping.NON_FINAL)
			.build();
		this.queue = DefaultBackgroundWorkQueue.builder()
			.handlers(WorkHandlers.of(this.handlers, this.notes))
			.durableWork(JdbcDurableWork.factory(database.dataSource(), database.store(), permissive,
					Duration.ofMillis(100), Duration.ofDays(7), null, StoredMdc.none(), DataSize.ofKilobytes(1)))
			.build();
		this.queue.start();
	}

	@AfterEach
	void stopQueue() {
		this.queue.stop();
	}

	@Test
	void aClassNamedByARowIsNeverInstantiatedUnlessItFitsTheHandler() {
		insert("intruder-1", "mail", "{}", Intruder.class.getName());
		// A type id inside a payload, which the application's default typing would honour
		insert("note-1", "note", "{\"detail\":[\"" + Intruder.class.getName() + "\",{}]}", Note.class.getName());
		await().atMost(Duration.ofSeconds(20)).until(() -> state("intruder-1") == StoredState.FAILED);
		await().atMost(Duration.ofSeconds(20)).until(() -> state("note-1") == StoredState.SUCCEEDED);
		StoredWork intruder = database.store().reader().findById("intruder-1").orElseThrow();
		assertThat(intruder.attempts()).as("no retry can help").isEqualTo(1);
		assertThat(intruder.error()).contains("is stored as " + Intruder.class.getName())
			.contains("which is not a " + Mail.class.getName());
		assertThat(this.notes.seen).containsExactly(new Note(List.of(Intruder.class.getName(), Map.of())));
		assertThat(Intruders.INITIALIZED).hasValue(0);
		assertThat(Intruders.CONSTRUCTED).hasValue(0);
		assertThat(this.handlers.runs).hasValue(0);
	}

	@Test
	void aPayloadLargerThanTheLimitIsRefusedNamingTheRequest() {
		Mail small = new Mail(1);
		WorkRequest large = WorkRequest.of("anything", "x".repeat(2000));
		assertThatIllegalArgumentException().isThrownBy(() -> this.queue.enqueue(large))
			.withMessageStartingWith("The payload of background work 'anything', of type java.lang.String, is 2002"
					+ " bytes as JSON, more than the 1024 bytes stored at most"
					+ " (background-work.jdbc.max-payload-size)");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> this.queue
				.enqueueAll(List.of(WorkRequest.of("mail", small), large, WorkRequest.of("mail", small))))
			.withMessageStartingWith("Request 1 of 3: The payload of background work 'anything'")
			.withMessageEndingWith("(none of the requests was taken)");
		assertThat(database.jdbc().queryForObject("SELECT COUNT(*) FROM background_work", Integer.class)).isZero();
	}

	private static void insert(String id, String name, String payload, String payloadType) {
		database.jdbc()
			.update("INSERT INTO background_work (id, name, payload, payload_type, state, max_retries, not_before,"
					+ " enqueued_at) VALUES (?, ?, ?, ?, 'QUEUED', 3, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)", id, name,
					payload, payloadType);
	}

	private static StoredState state(String id) {
		return database.store().reader().findById(id).map(StoredWork::state).orElseThrow();
	}

	/**
	 * A note whose detail may be anything.
	 *
	 * @param detail the detail
	 */
	public record Note(Object detail) {
	}

	static class Notes {

		final List<Note> seen = new CopyOnWriteArrayList<>();

		@BackgroundWorkHandler("note")
		void note(Note note) {
			this.seen.add(note);
		}

	}

}
