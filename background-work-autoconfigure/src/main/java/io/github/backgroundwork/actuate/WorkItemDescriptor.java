package io.github.backgroundwork.actuate;

import java.time.Duration;
import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.github.backgroundwork.WorkError;
import io.github.backgroundwork.WorkItemSnapshot;
import io.github.backgroundwork.WorkProgress;
import io.github.backgroundwork.WorkState;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.actuate.endpoint.OperationResponseBody;

/**
 * One item of background work as the endpoint shows it. Every key is always present, with
 * {@code null} where a value does not apply yet.
 *
 * @param id the item's id, for {@code GET} and {@code DELETE
 * /actuator/backgroundwork/{id}}
 * @param name the kind of work, as given to {@code enqueue}
 * @param state {@code QUEUED}, {@code SCHEDULED}, {@code RUNNING}, {@code SUCCEEDED},
 * {@code FAILED}, {@code CANCELLED} or {@code ABANDONED}
 * @param enqueuedAt when the item was accepted (ISO-8601)
 * @param startedAt when it started to run, or {@code null} if it has not
 * @param finishedAt when it ended, or {@code null} if it has not
 * @param duration how long it ran, to now while it runs (ISO-8601 duration), or
 * {@code null} if it never started
 * @param progress the last progress the work reported ({@code done} of {@code total}), or
 * {@code null} if it reported none
 * @param error for a failed item, the exception's class ({@code type}) and
 * {@code message}; never a stack trace
 * @param abandoned whether the shutdown deadline passed before the item ended
 * @param attempts how many runs of the item have started
 * @param key the key of typed work, or {@code null}
 * @param notBefore when a scheduled item is due, or {@code null}
 * @param owner for an item of the durable store, the instance that claimed it last, or
 * {@code null} when none did; always {@code null} for items kept in memory
 * @param unreadable for a stored item that an instance could not read (its payload class
 * is missing there, or no handler has its name there) and left for another instance:
 * which instance and why; {@code null} otherwise
 * @param retriedAt when an operator last had the item run again after it ended, or
 * {@code null} if none did
 * @since 0.1.0
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record WorkItemDescriptor(String id, String name, WorkState state, Instant enqueuedAt,
		@Nullable Instant startedAt, @Nullable Instant finishedAt, @Nullable Duration duration,
		@Nullable WorkProgress progress, @Nullable WorkError error, boolean abandoned, int attempts,
		@Nullable String key, @Nullable Instant notBefore, @Nullable String owner, @Nullable Unreadable unreadable,
		@Nullable Instant retriedAt) implements OperationResponseBody {

	/**
	 * Create a descriptor of an item no operator retried.
	 * @param id the item's id
	 * @param name the kind of work
	 * @param state its state
	 * @param enqueuedAt when it was accepted
	 * @param startedAt when it started, or {@code null}
	 * @param finishedAt when it ended, or {@code null}
	 * @param duration how long it ran, or {@code null}
	 * @param progress its last progress, or {@code null}
	 * @param error its error, or {@code null}
	 * @param abandoned whether the shutdown deadline passed before it ended
	 * @param attempts how many runs started
	 * @param key its key, or {@code null}
	 * @param notBefore when it is due, or {@code null}
	 * @param owner the instance that claimed it last, or {@code null}
	 * @param unreadable which instance could not read it and why, or {@code null}
	 */
	public WorkItemDescriptor(String id, String name, WorkState state, Instant enqueuedAt, @Nullable Instant startedAt,
			@Nullable Instant finishedAt, @Nullable Duration duration, @Nullable WorkProgress progress,
			@Nullable WorkError error, boolean abandoned, int attempts, @Nullable String key,
			@Nullable Instant notBefore, @Nullable String owner, @Nullable Unreadable unreadable) {
		this(id, name, state, enqueuedAt, startedAt, finishedAt, duration, progress, error, abandoned, attempts, key,
				notBefore, owner, unreadable, null);
	}

	/**
	 * Create a descriptor of an item that was never left unread.
	 * @param id the item's id
	 * @param name the kind of work
	 * @param state its state
	 * @param enqueuedAt when it was accepted
	 * @param startedAt when it started, or {@code null}
	 * @param finishedAt when it ended, or {@code null}
	 * @param duration how long it ran, or {@code null}
	 * @param progress its last progress, or {@code null}
	 * @param error its error, or {@code null}
	 * @param abandoned whether the shutdown deadline passed before it ended
	 * @param attempts how many runs started
	 * @param key its key, or {@code null}
	 * @param notBefore when it is due, or {@code null}
	 * @param owner the instance that claimed it last, or {@code null}
	 */
	public WorkItemDescriptor(String id, String name, WorkState state, Instant enqueuedAt, @Nullable Instant startedAt,
			@Nullable Instant finishedAt, @Nullable Duration duration, @Nullable WorkProgress progress,
			@Nullable WorkError error, boolean abandoned, int attempts, @Nullable String key,
			@Nullable Instant notBefore, @Nullable String owner) {
		this(id, name, state, enqueuedAt, startedAt, finishedAt, duration, progress, error, abandoned, attempts, key,
				notBefore, owner, null);
	}

	/**
	 * Create a descriptor of an item kept in memory, without an owner.
	 * @param id the item's id
	 * @param name the kind of work
	 * @param state its state
	 * @param enqueuedAt when it was accepted
	 * @param startedAt when it started, or {@code null}
	 * @param finishedAt when it ended, or {@code null}
	 * @param duration how long it ran, or {@code null}
	 * @param progress its last progress, or {@code null}
	 * @param error its error, or {@code null}
	 * @param abandoned whether the shutdown deadline passed before it ended
	 * @param attempts how many runs started
	 * @param key its key, or {@code null}
	 * @param notBefore when it is due, or {@code null}
	 */
	public WorkItemDescriptor(String id, String name, WorkState state, Instant enqueuedAt, @Nullable Instant startedAt,
			@Nullable Instant finishedAt, @Nullable Duration duration, @Nullable WorkProgress progress,
			@Nullable WorkError error, boolean abandoned, int attempts, @Nullable String key,
			@Nullable Instant notBefore) {
		this(id, name, state, enqueuedAt, startedAt, finishedAt, duration, progress, error, abandoned, attempts, key,
				notBefore, null, null);
	}

	/**
	 * Describe a snapshot of an item.
	 * @param item the snapshot
	 * @return its description
	 */
	public static WorkItemDescriptor of(WorkItemSnapshot item) {
		return new WorkItemDescriptor(item.id(), item.name(), item.state(), item.enqueuedAt(), item.startedAt(),
				item.finishedAt(), item.duration(), item.progress(), item.error(), item.abandoned(), item.attempts(),
				item.key(), item.notBefore(), null, null, item.retriedAt());
	}

	/**
	 * Why an instance left a stored item for another.
	 *
	 * @param by the instance that could not read it
	 * @param reason why, such as its payload class missing on that instance
	 * @since 0.1.0
	 */
	public record Unreadable(String by, String reason) {

	}

}
