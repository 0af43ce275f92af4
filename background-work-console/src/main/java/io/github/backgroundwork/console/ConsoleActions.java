package io.github.backgroundwork.console;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import io.github.backgroundwork.ActionResult;
import io.github.backgroundwork.BackgroundWorkQueue;
import io.github.backgroundwork.BulkResult;
import io.github.backgroundwork.WorkFilter;
import io.github.backgroundwork.WorkState;
import io.github.backgroundwork.actuate.BackgroundWorkEndpoint;
import io.github.backgroundwork.actuate.CancellationDescriptor;
import org.jspecify.annotations.Nullable;

/**
 * What the console's buttons do, on the queues: retry, cancel or delete an item, the same
 * on every item that matches a filter, and pause or resume a queue or a name of work. Bad
 * input is refused with an {@link IllegalArgumentException} that names it.
 *
 * @since 0.1.0
 */
public class ConsoleActions {

	private final Map<String, ? extends BackgroundWorkQueue> queues;

	private final BackgroundWorkEndpoint endpoint;

	/**
	 * Create the actions.
	 * @param queues the queues, by name
	 * @param endpoint the endpoint, which cancels items wherever they are
	 */
	public ConsoleActions(Map<String, ? extends BackgroundWorkQueue> queues, BackgroundWorkEndpoint endpoint) {
		this.queues = new LinkedHashMap<>(queues);
		this.endpoint = endpoint;
	}

	/**
	 * Act on one item, in whichever queue holds it.
	 * @param id the item's id
	 * @param action {@code retry}, {@code cancel} or {@code delete}
	 * @return what happened
	 */
	public ItemOutcome item(String id, String action) {
		return switch (action) {
			case "cancel" -> {
				CancellationDescriptor cancellation = this.endpoint.cancel(id);
				String result = (cancellation == null) ? ActionResult.NOT_FOUND.name()
						: cancellation.cancellable() ? ActionResult.APPLIED.name() : "ENDED";
				yield new ItemOutcome(id, action, result);
			}
			case "retry", "delete" -> {
				ActionResult result = ActionResult.NOT_FOUND;
				for (BackgroundWorkQueue queue : this.queues.values()) {
					result = action.equals("retry") ? queue.retry(id) : queue.delete(id);
					if (result != ActionResult.NOT_FOUND) {
						break;
					}
				}
				yield new ItemOutcome(id, action, result.name());
			}
			default -> throw new IllegalArgumentException(
					"action must be one of [retry, cancel, delete], was '" + action + "'");
		};
	}

	/**
	 * Act on every item of a queue (or of every queue) that matches a filter.
	 * @param action {@code retry}, {@code cancel} or {@code delete}
	 * @param queue the queue's name, or {@code null} for every queue
	 * @param state only items in this state, or {@code null}
	 * @param name only items of this name, or {@code null}
	 * @param keyPrefix only items whose key starts with this, or {@code null}
	 * @return how many items matched and changed
	 */
	public BulkResult bulk(String action, @Nullable String queue, @Nullable String state, @Nullable String name,
			@Nullable String keyPrefix) {
		WorkFilter filter = new WorkFilter(parseState(state), blankToNull(name), blankToNull(keyPrefix), null);
		long matched = 0;
		long changed = 0;
		for (BackgroundWorkQueue selected : select(queue).values()) {
			BulkResult result = switch (action) {
				case "retry" -> selected.retryAll(filter);
				case "cancel" -> selected.cancelAll(filter);
				case "delete" -> selected.deleteAll(filter);
				default -> throw new IllegalArgumentException(
						"action must be one of [retry, cancel, delete], was '" + action + "'");
			};
			matched += result.matched();
			changed += result.changed();
		}
		return new BulkResult(matched, changed);
	}

	/**
	 * Pause or resume a queue, or one name of work in it.
	 * @param queue the queue's name
	 * @param name the name of work, or {@code null} for the whole queue
	 * @param action {@code pause} or {@code resume}
	 */
	public void pause(String queue, @Nullable String name, String action) {
		BackgroundWorkQueue selected = select(queue).values().iterator().next();
		switch (action) {
			case "pause" -> {
				if (name == null) {
					selected.pauseQueue();
				}
				else {
					selected.pause(name);
				}
			}
			case "resume" -> {
				if (name == null) {
					selected.resumeQueue();
				}
				else {
					selected.resume(name);
				}
			}
			default ->
				throw new IllegalArgumentException("action must be one of [pause, resume], was '" + action + "'");
		}
	}

	private Map<String, ? extends BackgroundWorkQueue> select(@Nullable String queue) {
		if (queue == null || queue.isBlank()) {
			return this.queues;
		}
		BackgroundWorkQueue selected = this.queues.get(queue);
		if (selected == null) {
			throw new IllegalArgumentException(
					"queue must be one of " + this.queues.keySet() + ", was '" + queue + "'");
		}
		return Map.of(queue, selected);
	}

	private static @Nullable WorkState parseState(@Nullable String state) {
		if (state == null || state.isBlank()) {
			return null;
		}
		try {
			return WorkState.valueOf(state.trim().toUpperCase(Locale.ROOT));
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalArgumentException(
					"state must be one of " + Arrays.toString(WorkState.values()) + ", was '" + state + "'");
		}
	}

	private static @Nullable String blankToNull(@Nullable String value) {
		return (value == null || value.isBlank()) ? null : value;
	}

	/**
	 * What an action on one item did.
	 *
	 * @param id the item's id
	 * @param action the action
	 * @param result what happened: an {@link ActionResult}'s name, or {@code ENDED} for
	 * the cancellation of an item that had ended
	 * @since 0.1.0
	 */
	public record ItemOutcome(String id, String action, String result) {

	}

}
