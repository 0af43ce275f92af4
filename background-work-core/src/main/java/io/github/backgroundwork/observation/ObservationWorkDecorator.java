package io.github.backgroundwork.observation;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import io.github.backgroundwork.WorkAbandonedException;
import io.github.backgroundwork.WorkDecorator;
import io.github.backgroundwork.WorkInfo;
import io.github.backgroundwork.WorkItemSnapshot;
import io.github.backgroundwork.WorkListener;
import io.github.backgroundwork.WorkState;
import io.github.backgroundwork.metrics.WorkNameTags;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import org.jspecify.annotations.Nullable;

import org.springframework.core.Ordered;

/**
 * {@link WorkDecorator} that runs each attempt of an item in an {@link Observation}, so
 * that a trace shows the background work a request spawned. The observation current on
 * the enqueuing thread becomes the parent of each attempt's observation, which starts
 * when the attempt starts and stops when it ends (for asynchronous work, when its stage
 * completes), with the attempt's number as a low-cardinality key. It is a
 * {@link WorkListener} too, told when attempts end: register it as both, as the
 * auto-configuration does. For an item kept in a durable store, the parent is the
 * observation current where the store hands the item to the queue: with the JDBC store's
 * tracing ({@code DurableWorkTracing} in {@code background-work-jdbc}), the
 * {@code background.work.receive} observation that continues the enqueuing trace.
 *
 * @since 0.1.0
 * @see DefaultWorkObservationConvention
 */
public class ObservationWorkDecorator implements WorkDecorator, WorkListener, Ordered {

	/**
	 * The order of this decorator: just inside the
	 * {@link ContextPropagatingWorkDecorator}.
	 */
	public static final int ORDER = ContextPropagatingWorkDecorator.ORDER + 1;

	private final ObservationRegistry registry;

	private final @Nullable WorkObservationConvention convention;

	private final WorkObservationConvention defaultConvention;

	/**
	 * The attempts under way, each stopped when its item ends or is retried.
	 */
	private final Map<WorkInfo, Attempt> attempts = new ConcurrentHashMap<>();

	/**
	 * Create a decorator whose default convention tags at most 100 distinct names.
	 * @param registry the registry of the observations
	 * @param convention a convention to use instead of the default, or {@code null}
	 */
	public ObservationWorkDecorator(ObservationRegistry registry, @Nullable WorkObservationConvention convention) {
		this(registry, convention, new DefaultWorkObservationConvention());
	}

	/**
	 * Create a decorator.
	 * @param registry the registry of the observations
	 * @param convention a convention to use instead of the default, or {@code null}
	 * @param names the bound on the names the default convention uses as key values
	 * @since 0.1.0
	 */
	public ObservationWorkDecorator(ObservationRegistry registry, @Nullable WorkObservationConvention convention,
			WorkNameTags names) {
		this(registry, convention, new DefaultWorkObservationConvention(names));
	}

	private ObservationWorkDecorator(ObservationRegistry registry, @Nullable WorkObservationConvention convention,
			WorkObservationConvention defaultConvention) {
		this.registry = registry;
		this.convention = convention;
		this.defaultConvention = defaultConvention;
	}

	@Override
	public Runnable decorate(WorkInfo item, Runnable execution) {
		if (this.registry.isNoop()) {
			return execution;
		}
		Observation parent = this.registry.getCurrentObservation();
		return () -> run(item, parent, execution);
	}

	private void run(WorkInfo item, @Nullable Observation parent, Runnable execution) {
		WorkObservationContext context = new WorkObservationContext(item);
		Observation observation = Observation
			.createNotStarted(this.convention, this.defaultConvention, () -> context, this.registry)
			.parentObservation(parent)
			.start();
		// Registered before the work runs: asynchronous work may end before it returns
		this.attempts.put(item, new Attempt(observation, context));
		Observation.Scope scope = observation.openScope();
		try {
			execution.run();
		}
		catch (RuntimeException | Error ex) {
			// Only a decorator inside this one can throw: the queue catches the work's
			// exceptions
			scope.close();
			Attempt attempt = this.attempts.remove(item);
			if (attempt != null) {
				observation.error(ex);
				observation.stop();
			}
			throw ex;
		}
		scope.close();
	}

	/**
	 * Stop the observation of an attempt that ended the item.
	 */
	@Override
	public void onFinished(WorkInfo item) {
		Attempt attempt = this.attempts.remove(item);
		if (attempt == null) {
			return;
		}
		WorkState state = item.state();
		attempt.context.setOutcome(switch (state) {
			case SUCCEEDED -> "success";
			case FAILED -> "failure";
			case CANCELLED -> "cancelled";
			default -> "unknown";
		});
		Throwable failure = item.failure();
		if (failure != null) {
			attempt.observation.error(failure);
		}
		attempt.observation.stop();
	}

	/**
	 * Stop the observation of an attempt that failed and will run again.
	 */
	@Override
	public void onRetrying(WorkInfo item, Throwable failure, Duration delay) {
		Attempt attempt = this.attempts.remove(item);
		if (attempt != null) {
			attempt.context.setOutcome("retry");
			attempt.observation.error(failure);
			attempt.observation.stop();
		}
	}

	/**
	 * Stop the observations of attempts that a shutdown abandoned.
	 */
	@Override
	public void onAbandoned(List<WorkItemSnapshot> items) {
		stopAtShutdown(items, "abandoned");
	}

	/**
	 * Stop the observations of stored attempts that a shutdown handed back to their
	 * store.
	 */
	@Override
	public void onHandedBack(List<WorkItemSnapshot> items) {
		stopAtShutdown(items, "handed-back");
	}

	private void stopAtShutdown(List<WorkItemSnapshot> items, String outcome) {
		Set<String> ids = items.stream().map(WorkItemSnapshot::id).collect(Collectors.toSet());
		this.attempts.entrySet().removeIf((entry) -> {
			if (!ids.contains(entry.getKey().id())) {
				return false;
			}
			Attempt attempt = entry.getValue();
			attempt.context.setOutcome(outcome);
			attempt.observation.error(new WorkAbandonedException("Background work '" + entry.getKey().name() + "' ("
					+ entry.getKey().id() + ") did not finish before the shutdown deadline"));
			attempt.observation.stop();
			return true;
		});
	}

	private record Attempt(Observation observation, WorkObservationContext context) {
	}

	@Override
	public int getOrder() {
		return ORDER;
	}

}
