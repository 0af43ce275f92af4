package io.github.backgroundwork.observation;

import io.github.backgroundwork.metrics.WorkNameTags;
import io.micrometer.common.KeyValues;

/**
 * The default {@link WorkObservationConvention}: observation {@value #NAME}, contextual
 * name {@code background-work <name>}, low-cardinality keys {@code background.work.name}
 * (bounded by {@link WorkNameTags}: past the bound, {@value WorkNameTags#OVERFLOW}) and
 * {@code background.work.outcome} ({@code success}, {@code failure}, {@code cancelled},
 * {@code handed-back}, {@code abandoned}, or {@code unknown} while the item runs),
 * high-cardinality key {@code background.work.id}. The contextual name, which tracing
 * uses as the span's name, keeps the real name.
 *
 * @since 0.1.0
 */
public class DefaultWorkObservationConvention implements WorkObservationConvention {

	/**
	 * The observation's name.
	 */
	public static final String NAME = "background.work.execution";

	private final WorkNameTags names;

	/**
	 * Create a convention that tags at most 100 distinct names.
	 */
	public DefaultWorkObservationConvention() {
		this(new WorkNameTags(100, "the bound of DefaultWorkObservationConvention"));
	}

	/**
	 * Create a convention.
	 * @param names the bound on the values of {@code background.work.name}
	 * @since 0.1.0
	 */
	public DefaultWorkObservationConvention(WorkNameTags names) {
		this.names = names;
	}

	@Override
	public String getName() {
		return NAME;
	}

	@Override
	public String getContextualName(WorkObservationContext context) {
		return "background-work " + context.getItem().name();
	}

	@Override
	public KeyValues getLowCardinalityKeyValues(WorkObservationContext context) {
		String outcome = context.getOutcome();
		return KeyValues.of("background.work.name", this.names.tagValue(context.getItem().name()),
				"background.work.outcome", (outcome != null) ? outcome : "unknown", "background.work.attempt",
				attempt(context.getAttempt()));
	}

	/**
	 * The attempt as a tag value, bounded: attempts past the tenth share one value.
	 */
	private static String attempt(int attempt) {
		return (attempt <= 10) ? Integer.toString(Math.max(attempt, 1)) : "11+";
	}

	@Override
	public KeyValues getHighCardinalityKeyValues(WorkObservationContext context) {
		return KeyValues.of("background.work.id", context.getItem().id());
	}

}
