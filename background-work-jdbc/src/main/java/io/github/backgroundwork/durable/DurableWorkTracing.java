package io.github.backgroundwork.durable;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.function.Function;
import java.util.function.Supplier;

import io.github.backgroundwork.WorkAbandonedException;
import io.github.backgroundwork.WorkHandle;
import io.github.backgroundwork.jdbc.ClaimedWork;
import io.github.backgroundwork.jdbc.InsertedWork;
import io.github.backgroundwork.jdbc.NewWork;
import io.github.backgroundwork.metrics.WorkNameTags;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.transport.ReceiverContext;
import io.micrometer.observation.transport.SenderContext;
import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * Carries the enqueuing trace through the database to whichever instance runs a stored
 * item, with Micrometer's Observation API the way messaging clients do:
 * <ul>
 * <li>an enqueue made while an observation is current runs in an observation
 * {@value #ENQUEUE} of kind {@code PRODUCER}, whose carrier the tracer fills with its
 * propagation headers ({@code traceparent}, {@code b3}, ...); the rows store them in
 * their {@code trace_context} column as {@code name=value} lines. Without a current
 * observation, or without a tracer that writes headers, nothing is stored;</li>
 * <li>a claimed row with a stored trace context is handed to the queue inside an
 * observation {@value #RECEIVE} of kind {@code CONSUMER}, whose carrier holds the stored
 * headers: the tracer continues the enqueuing trace from them. It is current while the
 * queue's decorators capture their context, so the observation of each attempt is its
 * child, and it stops when the item ends.</li>
 * </ul>
 * Both have the low-cardinality key {@code background.work.name} (bounded by
 * {@link WorkNameTags}; {@value #MIXED} for an enqueue of several names) and the
 * high-cardinality key {@code background.work.id} (for an enqueue, only of one item).
 * Give it to
 * {@link JdbcDurableWork#factory(javax.sql.DataSource, io.github.backgroundwork.jdbc.JdbcWorkStore, tools.jackson.databind.json.JsonMapper, java.time.Duration, java.time.Duration, DurableWorkTracing)};
 * the auto-configuration does when the application has an {@link ObservationRegistry}.
 *
 * @since 0.1.0
 */
public final class DurableWorkTracing {

	/**
	 * The name of the observation of an enqueue.
	 */
	public static final String ENQUEUE = "background.work.enqueue";

	/**
	 * The name of the observation that continues the enqueuing trace on the instance that
	 * runs a stored item.
	 */
	public static final String RECEIVE = "background.work.receive";

	/**
	 * The value of {@code background.work.name} for an enqueue of items of several names.
	 */
	public static final String MIXED = "MIXED";

	private static final String NAME_KEY = "background.work.name";

	private static final String ID_KEY = "background.work.id";

	private final ObservationRegistry registry;

	private final WorkNameTags names;

	private DurableWorkTracing(ObservationRegistry registry, WorkNameTags names) {
		this.registry = registry;
		this.names = names;
	}

	/**
	 * Carry traces with the observations of a registry, tagging at most 100 distinct
	 * names.
	 * @param registry the registry
	 * @return the tracing
	 */
	public static DurableWorkTracing of(ObservationRegistry registry) {
		return of(registry, new WorkNameTags(100, "the bound of DurableWorkTracing"));
	}

	/**
	 * Carry traces with the observations of a registry.
	 * @param registry the registry
	 * @param names the bound on the names used as key values, best shared with the
	 * queue's metrics and observations
	 * @return the tracing
	 */
	public static DurableWorkTracing of(ObservationRegistry registry, WorkNameTags names) {
		Assert.notNull(registry, "registry must not be null");
		Assert.notNull(names, "names must not be null");
		return new DurableWorkTracing(registry, names);
	}

	/**
	 * Insert rows, in an enqueue observation if one is current, storing its propagation
	 * headers with every row.
	 */
	List<InsertedWork> enqueue(List<NewWork> rows, Function<List<NewWork>, List<InsertedWork>> insert) {
		if (this.registry.isNoop() || this.registry.getCurrentObservation() == null || rows.isEmpty()) {
			return insert.apply(rows);
		}
		SenderContext<Map<String, String>> context = new SenderContext<>(Map::put);
		context.setCarrier(new LinkedHashMap<>());
		String name = commonName(rows);
		Observation observation = Observation.createNotStarted(ENQUEUE, () -> context, this.registry)
			.contextualName("background-work enqueue" + ((name != null) ? " " + name : ""))
			.lowCardinalityKeyValue(NAME_KEY, (name != null) ? this.names.tagValue(name) : MIXED);
		if (rows.size() == 1) {
			observation.highCardinalityKeyValue(ID_KEY, rows.get(0).id());
		}
		observation.start();
		Observation.Scope scope = observation.openScope();
		try {
			Map<String, String> carrier = context.getCarrier();
			String traceContext = (carrier != null) ? TraceHeaders.write(carrier) : null;
			return insert.apply((traceContext != null) ? withTraceContext(rows, traceContext) : rows);
		}
		catch (RuntimeException | Error ex) {
			observation.error(ex);
			throw ex;
		}
		finally {
			scope.close();
			observation.stop();
		}
	}

	/**
	 * Hand a claimed row to the queue, in a receive observation if the row has a trace
	 * context; the observation stops when the item ends.
	 */
	@Nullable WorkHandle receive(ClaimedWork row, Supplier<@Nullable WorkHandle> submit) {
		String traceContext = row.traceContext();
		if (traceContext == null || this.registry.isNoop()) {
			return submit.get();
		}
		ReceiverContext<Map<String, String>> context = new ReceiverContext<>(Map::get);
		context.setCarrier(TraceHeaders.read(traceContext));
		Observation observation = Observation.createNotStarted(RECEIVE, () -> context, this.registry)
			.contextualName("background-work receive " + row.name())
			.lowCardinalityKeyValue(NAME_KEY, this.names.tagValue(row.name()))
			.highCardinalityKeyValue(ID_KEY, row.id())
			.start();
		WorkHandle handle;
		Observation.Scope scope = observation.openScope();
		try {
			handle = submit.get();
		}
		catch (RuntimeException | Error ex) {
			scope.close();
			observation.error(ex);
			observation.stop();
			throw ex;
		}
		scope.close();
		if (handle == null) {
			observation.stop();
			return null;
		}
		handle.completion().whenComplete((result, failure) -> {
			Throwable cause = (failure instanceof CompletionException) ? failure.getCause() : failure;
			if (cause != null && !(cause instanceof CancellationException)
					&& !(cause instanceof WorkAbandonedException)) {
				observation.error(cause);
			}
			observation.stop();
		});
		return handle;
	}

	private static @Nullable String commonName(List<NewWork> rows) {
		String name = rows.get(0).name();
		for (NewWork row : rows) {
			if (!row.name().equals(name)) {
				return null;
			}
		}
		return name;
	}

	private static List<NewWork> withTraceContext(List<NewWork> rows, String traceContext) {
		List<NewWork> traced = new ArrayList<>(rows.size());
		for (NewWork row : rows) {
			traced.add(row.withTraceContext(traceContext));
		}
		return traced;
	}

}
