package io.github.backgroundwork;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a bean method as the handler of typed work of one name, run for each
 * {@link WorkRequest} of that name. <pre class="code">
 * &#64;BackgroundWorkHandler("thumbnail")
 * void make(Thumbnail request, WorkContext context) throws IOException { ... }
 * </pre> The method takes one payload parameter of any type and optionally a
 * {@link WorkContext} parameter, in either order. It returns {@code void}, or a
 * {@link java.util.concurrent.CompletionStage} and then the item ends when that stage
 * ends. Handlers are found at startup, as {@code @Scheduled} methods are; two handlers
 * for one name, or a method of another shape, fail startup naming the methods.
 * <p>
 * With {@link #cron()} or {@link #every()} the work also recurs: the method takes no
 * payload (optionally a {@link WorkContext}) and runs once per due time, once per cluster
 * with a durable store and once per instance in memory. <pre class="code">
 * &#64;BackgroundWorkHandler(value = "nightly-report", cron = "0 0 2 * * *", zone = "Europe/Paris")
 * void nightlyReport(WorkContext context) { ... }
 * </pre> The properties {@code background-work.recurring.<name>.*} override these
 * attributes per name.
 *
 * @since 0.1.0
 */
@Target({ ElementType.METHOD, ElementType.ANNOTATION_TYPE })
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface BackgroundWorkHandler {

	/**
	 * Name of the work this method handles, as given to
	 * {@link WorkRequest#of(String, Object)}: a kind of work, not blank.
	 * @return the name
	 */
	String value();

	/**
	 * How many times a failed run of this handler is retried, unless the request says
	 * otherwise. The default, {@code -1}, leaves it to
	 * {@code background-work.retry.max-retries}.
	 * @return the number of retries, {@code 0} for none, or {@code -1} for the configured
	 * default
	 */
	int maxRetries() default -1;

	/**
	 * How many items of this name may run at once; the others wait without holding a
	 * worker. The default, {@code 0}, sets no limit besides the queue's concurrency.
	 * @return the limit, or {@code 0} for none
	 */
	int concurrency() default 0;

	/**
	 * When the work recurs: a six-field cron expression as Spring's
	 * {@link org.springframework.scheduling.support.CronExpression} reads it (seconds
	 * first), in {@link #zone()}; {@code "-"} declares the name recurring but switched
	 * off (a property may switch it on). Not together with {@link #every()}.
	 * @return the expression, or empty if the work does not recur by cron
	 * @since 0.1.0
	 */
	String cron() default "";

	/**
	 * How often the work recurs: a duration as Spring Boot reads one ({@code 30s},
	 * {@code 5m}, {@code 1h}, or ISO-8601 {@code PT5M}); due times are the multiples of
	 * it since the epoch, the same on every instance. Not together with {@link #cron()}.
	 * @return the interval, or empty if the work does not recur by interval
	 * @since 0.1.0
	 */
	String every() default "";

	/**
	 * Time zone of {@link #cron()}, a {@link java.time.ZoneId} such as
	 * {@code Europe/Paris}; due times follow its daylight-saving changes.
	 * @return the zone, or empty for the JVM's default zone
	 * @since 0.1.0
	 */
	String zone() default "";

}
