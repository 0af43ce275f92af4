package io.github.backgroundwork.handler;

import java.util.function.Function;

import io.github.backgroundwork.BackgroundWorkHandler;
import io.github.backgroundwork.recurring.RecurringSchedule;
import org.jspecify.annotations.Nullable;

/**
 * What a {@link BackgroundWorkHandler} annotation asks of its method, checked when the
 * method is found: the name of its work, its retries, its concurrency limit and when it
 * recurs. Its parameters are the {@link WorkHandlerMethod}'s own concern.
 *
 * @param name the name of the work, not blank
 * @param maxRetries the retries, or {@code null} to use the configured default
 * @param concurrency how many items of the name may run at once, {@code 0} for no limit
 * @param schedule when the work recurs, or {@code null} if it does not or its
 * {@code cron} is {@code "-"}
 * @param disabledCron whether its {@code cron} is {@code "-"}
 */
record HandlerAnnotation(String name, @Nullable Integer maxRetries, int concurrency,
		@Nullable RecurringSchedule schedule, boolean disabledCron) {

	/**
	 * Read and check an annotation.
	 * @param annotation the method's annotation
	 * @param invalid makes the error naming the method and its bean, given the reason
	 * @return what the annotation says
	 * @throws IllegalStateException if the annotation is invalid
	 */
	static HandlerAnnotation read(BackgroundWorkHandler annotation, Function<String, IllegalStateException> invalid) {
		if (annotation.value().isBlank()) {
			throw invalid.apply("its name is blank");
		}
		if (annotation.maxRetries() < -1) {
			throw invalid
				.apply("maxRetries must be -1 (the configured default) or at least 0, was " + annotation.maxRetries());
		}
		if (annotation.concurrency() < 0) {
			throw invalid.apply("concurrency must be 0 (no limit) or more, was " + annotation.concurrency());
		}
		Integer maxRetries = (annotation.maxRetries() >= 0) ? annotation.maxRetries() : null;
		boolean disabledCron = RecurringSchedule.DISABLED.equals(annotation.cron());
		return new HandlerAnnotation(annotation.value(), maxRetries, annotation.concurrency(),
				schedule(annotation, disabledCron, invalid), disabledCron);
	}

	private static @Nullable RecurringSchedule schedule(BackgroundWorkHandler annotation, boolean disabledCron,
			Function<String, IllegalStateException> invalid) {
		if (!annotation.cron().isEmpty() && !annotation.every().isEmpty()) {
			throw invalid.apply("it has both cron and every; give one of them");
		}
		if (!annotation.zone().isEmpty() && annotation.cron().isEmpty()) {
			throw invalid.apply("it has a zone but no cron; a zone applies to a cron expression");
		}
		try {
			if (!annotation.every().isEmpty()) {
				return RecurringSchedule.every(RecurringSchedule.parseDuration(annotation.every()));
			}
			if (!annotation.cron().isEmpty() && !disabledCron) {
				return RecurringSchedule.cron(annotation.cron(), annotation.zone());
			}
			return null;
		}
		catch (IllegalArgumentException ex) {
			throw invalid.apply(ex.getMessage());
		}
	}

	/**
	 * Whether the annotation makes the work recur, even if its {@code cron} is
	 * {@code "-"}.
	 */
	boolean isRecurring() {
		return this.schedule != null || this.disabledCron;
	}

}
