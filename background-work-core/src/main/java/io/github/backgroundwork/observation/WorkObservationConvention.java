package io.github.backgroundwork.observation;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;

/**
 * {@link ObservationConvention} for the observation of background work. Declare a bean of
 * this type to change the observation's name or key values.
 *
 * @since 0.1.0
 * @see DefaultWorkObservationConvention
 */
public interface WorkObservationConvention extends ObservationConvention<WorkObservationContext> {

	@Override
	default boolean supportsContext(Observation.Context context) {
		return context instanceof WorkObservationContext;
	}

}
