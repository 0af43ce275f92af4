package io.github.backgroundwork.actuate;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;

import io.github.backgroundwork.BackgroundWorkQueue;
import io.github.backgroundwork.WorkState;
import io.github.backgroundwork.actuate.WorkActions.InvalidActionException;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.convert.DurationStyle;

/**
 * Reads and checks the fields of an operator's request (the action, the queue, the state,
 * {@code olderThan}, an item's id) for {@link WorkActions} and the endpoint's reads,
 * refusing a bad one with an {@link InvalidActionException} that names it.
 */
final class RequestFields {

	/**
	 * The longest id an item may have.
	 */
	private static final int MAX_ID_LENGTH = 64;

	private RequestFields() {
	}

	/**
	 * The queue of that name, or every queue; shared with the endpoint's reads.
	 */
	static Map<String, BackgroundWorkQueue> select(Map<String, BackgroundWorkQueue> queues, @Nullable String queue) {
		if (queue == null) {
			return queues;
		}
		BackgroundWorkQueue selected = queues.get(queue);
		if (selected == null) {
			throw new InvalidActionException("queue",
					"queue must be one of " + queues.keySet() + ", was '" + queue + "'");
		}
		return Map.of(queue, selected);
	}

	/**
	 * The state of that name, case ignored; shared with the endpoint's reads.
	 */
	static @Nullable WorkState parseState(@Nullable String state) {
		if (state == null) {
			return null;
		}
		try {
			return WorkState.valueOf(state.trim().toUpperCase(Locale.ROOT));
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidActionException("state",
					"state must be one of " + Arrays.toString(WorkState.values()) + ", was '" + state + "'");
		}
	}

	/**
	 * Read a duration back from now, as Spring Boot reads durations ({@code 30m},
	 * {@code PT1H}), or an instant ({@code 2026-01-31T12:00:00Z}).
	 */
	static @Nullable Instant parseOlderThan(@Nullable String olderThan, Clock clock) {
		if (olderThan == null) {
			return null;
		}
		String value = olderThan.trim();
		Duration duration;
		try {
			duration = DurationStyle.detectAndParse(value);
		}
		catch (IllegalArgumentException ex) {
			return parseInstant(value);
		}
		if (duration.isNegative()) {
			throw new InvalidActionException("olderThan", "olderThan must not be negative, was '" + olderThan + "'");
		}
		return clock.instant().minus(duration);
	}

	private static Instant parseInstant(String value) {
		try {
			return OffsetDateTime.parse(value).toInstant();
		}
		catch (DateTimeParseException ex) {
			throw new InvalidActionException("olderThan", "olderThan must be a duration back from now (30m, PT1H)"
					+ " or an ISO-8601 instant (2026-01-31T12:00:00Z), was '" + value + "'");
		}
	}

	static void refuseFor(Action action, String field, @Nullable String value, String takes) {
		if (value != null) {
			throw new InvalidActionException(field,
					field + " does not apply to " + action.value() + ", which takes " + takes + " only");
		}
	}

	static String quoted(@Nullable String value) {
		return (value != null) ? "'" + value + "'" : "missing";
	}

	static @Nullable String blankToNull(@Nullable String value) {
		return (value == null || value.isBlank()) ? null : value;
	}

	/**
	 * Whether an id may be an item's: no item has a blank or an overlong id, nor control
	 * characters, which the stores would refuse to look up (PostgreSQL fails on a NUL).
	 */
	static boolean isWellFormed(@Nullable String id) {
		return id != null && !id.isBlank() && id.length() <= MAX_ID_LENGTH
				&& id.chars().noneMatch(Character::isISOControl);
	}

	/**
	 * The actions, and whether each applies to one item.
	 */
	enum Action {

		RETRY(true), CANCEL(true), DELETE(true), PAUSE(false), RESUME(false), TRIGGER(false);

		private final boolean onItem;

		Action(boolean onItem) {
			this.onItem = onItem;
		}

		boolean onItem() {
			return this.onItem;
		}

		String value() {
			return name().toLowerCase(Locale.ROOT);
		}

		static Action parse(@Nullable String action) {
			if (action != null) {
				for (Action candidate : values()) {
					if (candidate.value().equalsIgnoreCase(action.trim())) {
						return candidate;
					}
				}
			}
			throw new InvalidActionException("action",
					"action must be one of retry, cancel, delete, pause, resume or trigger, was "
							+ ((action != null) ? "'" + action + "'" : "missing"));
		}

	}

}
