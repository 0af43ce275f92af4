package io.github.backgroundwork.actuate;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.github.backgroundwork.ActionResult;
import io.github.backgroundwork.AsyncBackgroundWork;
import io.github.backgroundwork.BackgroundWork;
import io.github.backgroundwork.BackgroundWorkQueue;
import io.github.backgroundwork.BulkResult;
import io.github.backgroundwork.PausedWork;
import io.github.backgroundwork.QueueSnapshot;
import io.github.backgroundwork.QueueStatistics;
import io.github.backgroundwork.WorkFilter;
import io.github.backgroundwork.WorkHandle;
import io.github.backgroundwork.WorkNameSummary;
import io.github.backgroundwork.WorkPage;
import io.github.backgroundwork.WorkQuery;
import io.github.backgroundwork.WorkRequest;
import io.github.backgroundwork.WorkState;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * {@link WorkActions}: what it asks of which queue, and how it reads and refuses input.
 */
class WorkActionsTests {

	private static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");

	private final RecordingQueue first = new RecordingQueue();

	private final RecordingQueue second = new RecordingQueue();

	private final WorkActions actions = new WorkActions(queues(), Clock.fixed(NOW, ZoneOffset.UTC));

	private Map<String, BackgroundWorkQueue> queues() {
		Map<String, BackgroundWorkQueue> queues = new LinkedHashMap<>();
		queues.put("first", this.first);
		queues.put("second", this.second);
		return queues;
	}

	@Test
	void pauseAndResumeGoToTheQueueOrTheNameAndCountWhatChanged() {
		assertThat(this.actions.onAll("pause", "first", null, "mail", null, null))
			.isEqualTo(new BulkActionDescriptor(1, 1));
		assertThat(this.actions.onAll("PAUSE", "first", null, "mail", null, null)).as("already paused: nothing changed")
			.isEqualTo(new BulkActionDescriptor(1, 0));
		assertThat(this.actions.onAll("pause", null, null, null, null, null)).isEqualTo(new BulkActionDescriptor(2, 2));
		assertThat(this.actions.onAll("resume", "second", null, null, null, null))
			.isEqualTo(new BulkActionDescriptor(1, 1));
		assertThat(this.actions.onAll("resume", "first", null, "mail", null, null))
			.isEqualTo(new BulkActionDescriptor(1, 1));
		assertThat(this.first.calls).containsExactly("pause(mail)", "pause(mail)", "pauseQueue()", "resume(mail)");
		assertThat(this.second.calls).containsExactly("pauseQueue()", "resumeQueue()");
	}

	@Test
	void bulkActionsReadTheFilterAndAddUpTheQueuesCounts() {
		assertThat(this.actions.onAll("retry", null, "failed", "mail", "customer-", "30m"))
			.isEqualTo(new BulkActionDescriptor(6, 4));
		WorkFilter expected = new WorkFilter(WorkState.FAILED, "mail", "customer-", NOW.minusSeconds(1800));
		assertThat(this.first.filters).containsExactly(expected);
		assertThat(this.second.filters).containsExactly(expected);
		this.actions.onAll("delete", "second", null, null, null, "PT1H");
		this.actions.onAll("cancel", "second", null, null, null, "2026-01-31T12:00:00Z");
		assertThat(this.second.filters).extracting(WorkFilter::olderThan)
			.containsExactly(NOW.minusSeconds(1800), NOW.minusSeconds(3600), Instant.parse("2026-01-31T12:00:00Z"));
		assertThat(this.second.calls).containsExactly("retryAll", "deleteAll", "cancelAll");
	}

	@Test
	void itemActionsAskEachQueueUntilOneKnowsTheItem() {
		this.second.known = "x-1";
		ItemActionDescriptor outcome = this.actions.onItem("x-1", "Retry");
		assertThat(outcome).isEqualTo(new ItemActionDescriptor("x-1", "retry", ActionResult.APPLIED, null));
		assertThat(this.first.calls).containsExactly("retry(x-1)");
		assertThat(this.second.calls).containsExactly("retry(x-1)");
		ItemActionDescriptor unknown = this.actions.onItem("y-1", "delete");
		assertThat(unknown.result()).isEqualTo(ActionResult.NOT_FOUND);
		assertThat(unknown.message()).contains("y-1");
		assertThat(this.actions.onItem("\u0000", "delete").result()).isEqualTo(ActionResult.NOT_FOUND);
	}

	@Test
	void badInputIsRefusedNamingTheField() {
		assertInvalid("action", () -> this.actions.onItem("x-1", null));
		assertInvalid("action", () -> this.actions.onItem("x-1", "pause"));
		assertInvalid("action", () -> this.actions.onAll("explode", null, null, null, null, null));
		assertInvalid("queue", () -> this.actions.onAll("retry", "third", null, null, null, null));
		assertInvalid("state", () -> this.actions.onAll("retry", null, "BROKEN", null, null, null));
		assertInvalid("olderThan", () -> this.actions.onAll("retry", null, null, null, null, "yesterday"));
		assertInvalid("olderThan", () -> this.actions.onAll("retry", null, null, null, null, "-5m"));
		assertInvalid("keyPrefix", () -> this.actions.onAll("pause", null, null, null, "k", null));
		assertInvalid("action", () -> this.actions.onItem("x-1", "trigger"));
		assertInvalid("queue", () -> this.actions.onAll("trigger", "first", null, "mail", null, null));
		assertThat(this.first.calls).isEmpty();
	}

	@Test
	void triggerWithoutRecurringWorkIsRefusedNamingTheName() {
		assertThatExceptionOfType(WorkActions.InvalidActionException.class)
			.isThrownBy(() -> this.actions.onAll("trigger", null, null, "mail", null, null))
			.satisfies((ex) -> assertThat(ex.getField()).isEqualTo("name"))
			.withMessage("name must be a recurring name, was 'mail': this application has no recurring work");
		assertThat(this.first.calls).isEmpty();
		assertThat(this.second.calls).isEmpty();
	}

	private static void assertInvalid(String field, Runnable action) {
		assertThatExceptionOfType(WorkActions.InvalidActionException.class).isThrownBy(action::run)
			.satisfies((ex) -> assertThat(ex.getField()).isEqualTo(field))
			.withMessageContaining(field);
	}

	/**
	 * Records what it is asked; answers 3 matched, 2 changed to every bulk action.
	 */
	static class RecordingQueue implements BackgroundWorkQueue {

		final List<String> calls = new ArrayList<>();

		final List<WorkFilter> filters = new ArrayList<>();

		private boolean queuePaused;

		private final Set<String> names = new LinkedHashSet<>();

		String known = "";

		@Override
		public ActionResult retry(String id) {
			this.calls.add("retry(" + id + ")");
			return id.equals(this.known) ? ActionResult.APPLIED : ActionResult.NOT_FOUND;
		}

		@Override
		public ActionResult delete(String id) {
			this.calls.add("delete(" + id + ")");
			return id.equals(this.known) ? ActionResult.APPLIED : ActionResult.NOT_FOUND;
		}

		@Override
		public BulkResult retryAll(WorkFilter filter) {
			return bulk("retryAll", filter);
		}

		@Override
		public BulkResult cancelAll(WorkFilter filter) {
			return bulk("cancelAll", filter);
		}

		@Override
		public BulkResult deleteAll(WorkFilter filter) {
			return bulk("deleteAll", filter);
		}

		private BulkResult bulk(String call, WorkFilter filter) {
			this.calls.add(call);
			this.filters.add(filter);
			return new BulkResult(3, 2);
		}

		@Override
		public void pause(String name) {
			this.calls.add("pause(" + name + ")");
			this.names.add(name);
		}

		@Override
		public void resume(String name) {
			this.calls.add("resume(" + name + ")");
			this.names.remove(name);
		}

		@Override
		public void pauseQueue() {
			this.calls.add("pauseQueue()");
			this.queuePaused = true;
		}

		@Override
		public void resumeQueue() {
			this.calls.add("resumeQueue()");
			this.queuePaused = false;
		}

		@Override
		public PausedWork paused() {
			return new PausedWork(this.queuePaused, this.names);
		}

		@Override
		public Optional<WorkHandle> find(String id) {
			return Optional.empty();
		}

		@Override
		public WorkHandle enqueue(String name, BackgroundWork work) {
			throw new UnsupportedOperationException();
		}

		@Override
		public WorkHandle enqueueAsync(String name, AsyncBackgroundWork work) {
			throw new UnsupportedOperationException();
		}

		@Override
		public WorkHandle enqueue(WorkRequest request) {
			throw new UnsupportedOperationException();
		}

		@Override
		public List<WorkHandle> enqueueAll(List<WorkRequest> requests) {
			throw new UnsupportedOperationException();
		}

		@Override
		public QueueStatistics statistics() {
			throw new UnsupportedOperationException();
		}

		@Override
		public QueueSnapshot snapshot() {
			throw new UnsupportedOperationException();
		}

		@Override
		public WorkPage items(WorkQuery query) {
			throw new UnsupportedOperationException();
		}

		@Override
		public List<WorkNameSummary> summaryByName() {
			throw new UnsupportedOperationException();
		}

	}

}
