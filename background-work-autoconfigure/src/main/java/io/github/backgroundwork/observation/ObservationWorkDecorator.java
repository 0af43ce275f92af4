package io.github.backgroundwork.observation;

import java.util.concurrent.CompletionException;

import io.github.backgroundwork.WorkAbandonedException;
import io.github.backgroundwork.WorkDecorator;
import io.github.backgroundwork.WorkHandle;
import io.github.backgroundwork.WorkInfo;
import io.github.backgroundwork.WorkState;
import io.github.backgroundwork.metrics.WorkNameTags;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import org.jspecify.annotations.Nullable;

import org.springframework.core.Ordered;

/**
 * {@link WorkDecorator} that runs each item in an {@link Observation}, so that a trace
 * shows the background work a request spawned. The observation current on the enqueuing
 * thread becomes the parent of the item's observation, which starts when the item starts
 * and stops when it ends (for asynchronous work, when its stage completes).
 *
 * @since 0.1.0
 * @see DefaultWorkObservationConvention
 */
public class ObservationWorkDecorator implements WorkDecorator, Ordered {

	/**
	 * The order of this decorator: just inside the
	 * {@link ContextPropagatingWorkDecorator}.
	 */
	public static final int ORDER = ContextPropagatingWorkDecorator.ORDER + 1;

	private final ObservationRegistry registry;

	private final @Nullable WorkObservationConvention convention;

	private final WorkObservationConvention defaultConvention;

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
	 * @since 0.2.0
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
		Observation.Scope scope = observation.openScope();
		try {
			execution.run();
		}
		catch (RuntimeException | Error ex) {
			// Only a decorator inside this one can throw: the queue catches the work's
			// exceptions
			scope.close();
			observation.error(ex);
			observation.stop();
			throw ex;
		}
		scope.close();
		if (item instanceof WorkHandle handle) {
			// Asynchronous work is still running here; the stage completes at once
			// otherwise
			handle.completion().whenComplete((result, ex) -> stop(observation, context, item, ex));
		}
		else {
			stop(observation, context, item, null);
		}
	}

	private static void stop(Observation observation, WorkObservationContext context, WorkInfo item,
			@Nullable Throwable failure) {
		Throwable cause = (failure instanceof CompletionException && failure.getCause() != null) ? failure.getCause()
				: failure;
		if (cause instanceof WorkAbandonedException) {
			context.setOutcome("abandoned");
			observation.error(cause);
		}
		else {
			WorkState state = item.state();
			context.setOutcome(switch (state) {
				case SUCCEEDED -> "success";
				case FAILED -> "failure";
				case CANCELLED -> "cancelled";
				default -> "unknown";
			});
			if (state == WorkState.FAILED && cause != null) {
				observation.error(cause);
			}
		}
		observation.stop();
	}

	@Override
	public int getOrder() {
		return ORDER;
	}

}
