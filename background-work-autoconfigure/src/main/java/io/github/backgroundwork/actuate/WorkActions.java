package io.github.backgroundwork.actuate;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import io.github.backgroundwork.ActionResult;
import io.github.backgroundwork.BackgroundWorkQueue;
import io.github.backgroundwork.BulkResult;
import io.github.backgroundwork.PausedWork;
import io.github.backgroundwork.WorkFilter;
import io.github.backgroundwork.WorkHandle;
import io.github.backgroundwork.WorkState;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.convert.DurationStyle;

/**
 * An operator's actions on the application's queues, as the endpoint and the console take
 * them: checks the action and the filter, picks the queues, and calls them; for stored
 * items, the queues act on the durable store for the whole cluster. Bad input is refused
 * with an {@link InvalidActionException} naming the field.
 *
 * @since 0.1.0
 */
public class WorkActions {

	/**
	 * The longest id an item may have.
	 */
	private static final int MAX_ID_LENGTH = 64;

	private final Map<String, BackgroundWorkQueue> queues;

	private final Clock clock;

	/**
	 * Create the actions on some queues.
	 * @param queues the queues, by name (their bean names in an application)
	 */
	public WorkActions(Map<String, ? extends BackgroundWorkQueue> queues) {
		this(queues, Clock.systemUTC());
	}

	WorkActions(Map<String, ? extends BackgroundWorkQueue> queues, Clock clock) {
		this.queues = new LinkedHashMap<>(queues);
		this.clock = clock;
	}

	/**
	 * Act on one item, in whichever queue (or the durable store) holds it.
	 * @param id the item's id
	 * @param action {@code retry}, {@code cancel} or {@code delete} (case does not
	 * matter)
	 * @return what it did; {@code NOT_FOUND} if no queue knows the id
	 * @throws InvalidActionException naming {@code action} if it is missing or unknown
	 * @throws io.github.backgroundwork.WorkRejectedException if a retried item kept in
	 * memory does not fit in its queue
	 */
	public ItemActionDescriptor onItem(String id, @Nullable String action) {
		Action parsed = Action.parse(action);
		if (!parsed.onItem) {
			throw new InvalidActionException("action",
					"action on one item must be retry, cancel or delete, was '" + action + "'");
		}
		ActionResult result = ActionResult.NOT_FOUND;
		if (isWellFormed(id)) {
			for (BackgroundWorkQueue queue : this.queues.values()) {
				result = apply(queue, parsed, id);
				if (result != ActionResult.NOT_FOUND) {
					break;
				}
			}
		}
		return new ItemActionDescriptor(id, parsed.value(), result, message(id, parsed, result));
	}

	/**
	 * Act on every item that matches a filter, in one queue or all of them; or pause or
	 * resume a queue, or a name of work in it.
	 * @param action {@code retry}, {@code cancel}, {@code delete}, {@code pause} or
	 * {@code resume} (case does not matter)
	 * @param queue only this queue, or {@code null} for every queue
	 * @param state only items in this state, or {@code null}
	 * @param name only items of this name of work (for pause and resume: pause or resume
	 * this name only), or {@code null}
	 * @param keyPrefix only items whose key starts with this, or {@code null}
	 * @param olderThan only items that ended (or, live, were accepted) before this: a
	 * duration back from now ({@code 30m}, {@code PT1H}) or an ISO-8601 instant; or
	 * {@code null}
	 * @return how many items matched and how many were changed; for pause and resume, how
	 * many queues were addressed and how many of them changed what they pause
	 * @throws InvalidActionException naming the field that is invalid
	 */
	public BulkActionDescriptor onAll(@Nullable String action, @Nullable String queue, @Nullable String state,
			@Nullable String name, @Nullable String keyPrefix, @Nullable String olderThan) {
		Action parsed = Action.parse(action);
		Map<String, BackgroundWorkQueue> selected = select(queue);
		if (parsed == Action.PAUSE || parsed == Action.RESUME) {
			refuseFor(parsed, "state", state);
			refuseFor(parsed, "keyPrefix", keyPrefix);
			refuseFor(parsed, "olderThan", olderThan);
			return pauseOrResume(selected.values(), parsed == Action.PAUSE, blankToNull(name));
		}
		WorkFilter filter = new WorkFilter(parseState(state), blankToNull(name),
				(keyPrefix != null && !keyPrefix.isEmpty()) ? keyPrefix : null, parseOlderThan(olderThan));
		long matched = 0;
		long changed = 0;
		for (BackgroundWorkQueue each : selected.values()) {
			BulkResult result = switch (parsed) {
				case RETRY -> each.retryAll(filter);
				case CANCEL -> each.cancelAll(filter);
				default -> each.deleteAll(filter);
			};
			matched += result.matched();
			changed += result.changed();
		}
		return new BulkActionDescriptor(matched, changed);
	}

	private static ActionResult apply(BackgroundWorkQueue queue, Action action, String id) {
		return switch (action) {
			case RETRY -> queue.retry(id);
			case DELETE -> queue.delete(id);
			default -> cancel(queue.find(id));
		};
	}

	private static ActionResult cancel(Optional<WorkHandle> item) {
		return item.map((handle) -> handle.cancel() ? ActionResult.APPLIED : ActionResult.ENDED)
			.orElse(ActionResult.NOT_FOUND);
	}

	private static @Nullable String message(String id, Action action, ActionResult result) {
		return switch (result) {
			case APPLIED -> null;
			case NOT_FOUND -> "No item has the id '" + id + "'";
			case ENDED -> "Item '" + id + "' has ended: only live items can be cancelled";
			case LIVE -> (action == Action.RETRY) ? "Item '" + id
					+ "' has not ended, or another live item holds its key: only ended items can be" + " retried"
					: "Item '" + id + "' has not ended: only ended items can be deleted";
			case NOT_RERUNNABLE ->
				"Item '" + id + "' cannot run again: it is a lambda, which was never stored," + " or it succeeded";
		};
	}

	private static BulkActionDescriptor pauseOrResume(Iterable<BackgroundWorkQueue> queues, boolean pause,
			@Nullable String name) {
		long matched = 0;
		long changed = 0;
		for (BackgroundWorkQueue queue : queues) {
			PausedWork before = queue.paused();
			if (name != null) {
				if (pause) {
					queue.pause(name);
				}
				else {
					queue.resume(name);
				}
			}
			else if (pause) {
				queue.pauseQueue();
			}
			else {
				queue.resumeQueue();
			}
			matched++;
			if (!queue.paused().equals(before)) {
				changed++;
			}
		}
		return new BulkActionDescriptor(matched, changed);
	}

	private Map<String, BackgroundWorkQueue> select(@Nullable String queue) {
		if (queue == null) {
			return this.queues;
		}
		BackgroundWorkQueue selected = this.queues.get(queue);
		if (selected == null) {
			throw new InvalidActionException("queue",
					"queue must be one of " + this.queues.keySet() + ", was '" + queue + "'");
		}
		return Map.of(queue, selected);
	}

	private static @Nullable WorkState parseState(@Nullable String state) {
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
	private @Nullable Instant parseOlderThan(@Nullable String olderThan) {
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
		return this.clock.instant().minus(duration);
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

	private static void refuseFor(Action action, String field, @Nullable String value) {
		if (value != null) {
			throw new InvalidActionException(field,
					field + " does not apply to " + action.value() + ", which takes queue and name only");
		}
	}

	private static @Nullable String blankToNull(@Nullable String value) {
		return (value == null || value.isBlank()) ? null : value;
	}

	/**
	 * Whether an id may be an item's: no item has a blank or an overlong id, nor control
	 * characters, which the stores would refuse to look up.
	 */
	private static boolean isWellFormed(@Nullable String id) {
		return id != null && !id.isBlank() && id.length() <= MAX_ID_LENGTH
				&& id.chars().noneMatch(Character::isISOControl);
	}

	/**
	 * The actions, and whether each applies to one item.
	 */
	private enum Action {

		RETRY(true), CANCEL(true), DELETE(true), PAUSE(false), RESUME(false);

		private final boolean onItem;

		Action(boolean onItem) {
			this.onItem = onItem;
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
					"action must be one of retry, cancel, delete, pause or resume, was "
							+ ((action != null) ? "'" + action + "'" : "missing"));
		}

	}

	/**
	 * An action or filter that cannot be taken, naming the field.
	 *
	 * @since 0.1.0
	 */
	public static class InvalidActionException extends IllegalArgumentException {

		private final String field;

		/**
		 * Create an exception.
		 * @param field the field that is invalid
		 * @param message what is wrong with it, naming it
		 */
		public InvalidActionException(String field, String message) {
			super(message);
			this.field = field;
		}

		/**
		 * Return the field that is invalid.
		 * @return the field's name, as the request gives it
		 */
		public String getField() {
			return this.field;
		}

	}

}
