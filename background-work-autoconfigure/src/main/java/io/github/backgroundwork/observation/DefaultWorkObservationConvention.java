package io.github.backgroundwork.observation;

import io.micrometer.common.KeyValues;

/**
 * The default {@link WorkObservationConvention}: observation {@value #NAME}, contextual
 * name {@code background-work <name>}, low-cardinality keys {@code background.work.name}
 * and {@code background.work.outcome} ({@code success}, {@code failure},
 * {@code cancelled}, {@code abandoned}, or {@code unknown} while the item runs),
 * high-cardinality key {@code background.work.id}.
 *
 * @since 0.1.0
 */
public class DefaultWorkObservationConvention implements WorkObservationConvention {

	/**
	 * The observation's name.
	 */
	public static final String NAME = "background.work.execution";

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
		return KeyValues.of("background.work.name", context.getItem().name(), "background.work.outcome",
				(outcome != null) ? outcome : "unknown");
	}

	@Override
	public KeyValues getHighCardinalityKeyValues(WorkObservationContext context) {
		return KeyValues.of("background.work.id", context.getItem().id());
	}

}
