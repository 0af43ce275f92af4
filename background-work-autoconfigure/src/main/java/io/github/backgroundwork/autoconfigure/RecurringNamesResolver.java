package io.github.backgroundwork.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import io.github.backgroundwork.handler.WorkHandlerMethod;
import io.github.backgroundwork.handler.WorkHandlers;
import io.github.backgroundwork.recurring.MissedRuns;
import io.github.backgroundwork.recurring.RecurringNames;
import io.github.backgroundwork.recurring.RecurringSchedule;
import io.github.backgroundwork.recurring.RecurringWork;
import org.jspecify.annotations.Nullable;

/**
 * Reads the recurring names of an application from its recurring handlers and the
 * {@code background-work.recurring.<name>.*} properties that override them. A property of
 * a name without a recurring handler, or a schedule that does not parse, fails startup
 * naming the property.
 */
final class RecurringNamesResolver {

	private static final String PREFIX = "background-work.recurring.";

	private final WorkHandlers handlers;

	private final Map<String, BackgroundWorkRecurringProperties> properties;

	RecurringNamesResolver(WorkHandlers handlers, Map<String, BackgroundWorkRecurringProperties> properties) {
		this.handlers = handlers;
		this.properties = properties;
	}

	RecurringNames resolve() {
		Map<String, WorkHandlerMethod> recurring = this.handlers.recurring();
		for (String name : this.properties.keySet()) {
			if (!recurring.containsKey(name)) {
				throw new IllegalStateException(PREFIX + name + " configures '" + name
						+ "', which has no recurring @BackgroundWorkHandler (one with cron or every); recurring names: "
						+ (recurring.isEmpty() ? "none" : String.join(", ", recurring.keySet())));
			}
		}
		List<RecurringWork> enabled = new ArrayList<>();
		Set<String> disabled = new TreeSet<>();
		recurring.forEach((name, handler) -> {
			BackgroundWorkRecurringProperties overrides = this.properties.get(name);
			RecurringSchedule schedule = schedule(name, handler, overrides);
			if (schedule == null || (overrides != null && !overrides.isEnabled())) {
				disabled.add(name);
			}
			else {
				MissedRuns missed = (overrides != null) ? overrides.getMissed() : MissedRuns.RUN_ONCE;
				enabled.add(new RecurringWork(name, schedule, missed, handler.concurrency()));
			}
		});
		return new RecurringNames(enabled, disabled);
	}

	private static @Nullable RecurringSchedule schedule(String name, WorkHandlerMethod handler,
			@Nullable BackgroundWorkRecurringProperties overrides) {
		if (overrides == null) {
			return handler.schedule();
		}
		String cron = overrides.getCron();
		Duration every = overrides.getEvery();
		String zone = overrides.getZone();
		if (cron != null && every != null) {
			throw new IllegalStateException(PREFIX + name + " has both cron and every; give one of them");
		}
		try {
			if (every != null) {
				if (zone != null) {
					throw new IllegalStateException(PREFIX + name + ".zone applies to a cron expression, but " + PREFIX
							+ name + ".every is set");
				}
				return RecurringSchedule.every(every);
			}
			if (cron != null) {
				return RecurringSchedule.DISABLED.equals(cron.strip()) ? null
						: RecurringSchedule.cron(cron, (zone != null) ? zone : annotatedZone(handler));
			}
			RecurringSchedule annotated = handler.schedule();
			if (zone != null) {
				if (annotated == null || annotated.expression() == null) {
					throw new IllegalStateException(
							PREFIX + name + ".zone applies to a cron expression, but '" + name + "' has none");
				}
				return RecurringSchedule.cron(annotated.expression(), zone);
			}
			return annotated;
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalStateException("Invalid " + PREFIX + name + ".*: " + ex.getMessage(), ex);
		}
	}

	private static String annotatedZone(WorkHandlerMethod handler) {
		RecurringSchedule annotated = handler.schedule();
		return (annotated != null && annotated.zoneId() != null) ? annotated.zoneId().getId() : "";
	}

}
