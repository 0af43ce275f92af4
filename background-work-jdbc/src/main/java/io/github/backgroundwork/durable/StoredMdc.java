package io.github.backgroundwork.durable;

import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import io.github.backgroundwork.WorkDecorator;
import io.github.backgroundwork.WorkHandle;
import io.github.backgroundwork.WorkInfo;
import io.github.backgroundwork.jdbc.ClaimedWork;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.slf4j.MDC;
import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.util.Assert;
import org.springframework.util.ClassUtils;

/**
 * Carries the logging MDC entries an application names from the thread that enqueues a
 * stored item to the worker that runs it, on whichever instance: they are captured at
 * enqueue, as a JSON object in the row's {@code context} column, and put in the worker's
 * MDC around the work, then removed. The claimer thread's own MDC never reaches an item:
 * while a claimed row is handed to the queue, the claimer's MDC holds only the row's
 * entries, so that decorators that capture context there (such as
 * {@code ContextPropagatingWorkDecorator}) capture those.
 * <p>
 * Only the named keys are stored, none by default, because MDC values may be personal
 * data and rows are kept after the work ends. Give it to
 * {@link JdbcDurableWork#factory(javax.sql.DataSource, io.github.backgroundwork.jdbc.JdbcWorkStore, JsonMapper, java.time.Duration, java.time.Duration, DurableWorkTracing, StoredMdc, org.springframework.util.unit.DataSize)}
 * and add it to the queue as a {@link WorkDecorator}, innermost (the auto-configuration
 * does both), so that the entries are restored whether or not the queue propagates
 * context. Without SLF4J it does nothing.
 *
 * @since 0.1.0
 */
public final class StoredMdc implements WorkDecorator {

	private static final Log logger = LogFactory.getLog(StoredMdc.class);

	private static final boolean MDC_PRESENT = ClassUtils.isPresent("org.slf4j.MDC", StoredMdc.class.getClassLoader());

	private static final TypeReference<Map<String, String>> ENTRIES = new TypeReference<>() {
	};

	/**
	 * The entries of the row being handed to the queue on this (claimer) thread, for
	 * {@link #decorate(WorkInfo, Runnable)}.
	 */
	private static final ThreadLocal<Map<String, String>> handingOver = new ThreadLocal<>();

	private static final StoredMdc NONE = new StoredMdc(List.of());

	private final List<String> keys;

	private StoredMdc(List<String> keys) {
		this.keys = keys;
	}

	/**
	 * Carry the MDC entries of the given keys.
	 * @param keys the keys, none blank
	 * @return the stored MDC
	 */
	public static StoredMdc of(Collection<String> keys) {
		Assert.notNull(keys, "keys must not be null");
		for (String key : keys) {
			Assert.isTrue(key != null && !key.isBlank(), "MDC keys must not be blank");
		}
		return keys.isEmpty() ? NONE : new StoredMdc(List.copyOf(keys));
	}

	/**
	 * Store no MDC entry, and still keep the claimer's MDC away from the items.
	 * @return the stored MDC
	 */
	public static StoredMdc none() {
		return NONE;
	}

	/**
	 * Return the keys whose entries are stored.
	 * @return the keys
	 */
	public List<String> keys() {
		return this.keys;
	}

	/**
	 * Capture the named entries of the calling thread's MDC.
	 * @return them as a JSON object, or {@code null} if none is set
	 */
	@Nullable String capture() {
		if (this.keys.isEmpty() || !MDC_PRESENT) {
			return null;
		}
		Map<String, String> entries = Slf4j.get(this.keys);
		return entries.isEmpty() ? null : JsonMapper.shared().writeValueAsString(entries);
	}

	/**
	 * Hand a claimed row to the queue, the claimer's MDC holding only the row's stored
	 * entries meanwhile.
	 * @param row the claimed row
	 * @param submit what hands it over
	 * @return what {@code submit} returns
	 */
	static @Nullable WorkHandle receive(ClaimedWork row, Supplier<@Nullable WorkHandle> submit) {
		if (!MDC_PRESENT) {
			return submit.get();
		}
		Map<String, String> entries = read(row);
		Map<String, String> claimers = Slf4j.replace(entries);
		handingOver.set(entries);
		try {
			return submit.get();
		}
		finally {
			handingOver.remove();
			Slf4j.replace(claimers);
		}
	}

	/**
	 * Put the stored entries of the item being handed over, if it is one, in the worker's
	 * MDC around its execution.
	 */
	@Override
	public Runnable decorate(WorkInfo item, Runnable execution) {
		Map<String, String> entries = handingOver.get();
		if (entries == null || entries.isEmpty()) {
			return execution;
		}
		return () -> {
			Map<String, @Nullable String> previous = Slf4j.put(entries);
			try {
				execution.run();
			}
			finally {
				Slf4j.restore(previous);
			}
		};
	}

	private static Map<String, String> read(ClaimedWork row) {
		String context = row.context();
		if (context == null) {
			return Map.of();
		}
		try {
			Map<String, String> entries = JsonMapper.shared().readValue(context, ENTRIES);
			return (entries != null) ? entries : Map.of();
		}
		catch (JacksonException ex) {
			// Logging context is not worth failing the work for
			logger.warn("Background work '" + row.name() + "' (" + row.id()
					+ ") runs without its stored MDC, which is not a JSON object of strings: "
					+ ex.getOriginalMessage());
			return Map.of();
		}
	}

	/**
	 * Keeps SLF4J optional: loaded only when it is present.
	 */
	private static final class Slf4j {

		static Map<String, String> get(List<String> keys) {
			Map<String, String> entries = new LinkedHashMap<>();
			for (String key : keys) {
				String value = MDC.get(key);
				if (value != null) {
					entries.put(key, value);
				}
			}
			return entries;
		}

		/**
		 * Replace the whole MDC.
		 * @return what it held
		 */
		static Map<String, String> replace(Map<String, String> entries) {
			Map<String, String> previous = MDC.getCopyOfContextMap();
			MDC.setContextMap(entries);
			return (previous != null) ? previous : Map.of();
		}

		/**
		 * Put entries, leaving the others.
		 * @return the previous values of their keys, {@code null} where unset
		 */
		static Map<String, @Nullable String> put(Map<String, String> entries) {
			Map<String, @Nullable String> previous = new HashMap<>();
			entries.forEach((key, value) -> {
				previous.put(key, MDC.get(key));
				MDC.put(key, value);
			});
			return previous;
		}

		static void restore(Map<String, @Nullable String> previous) {
			previous.forEach((key, value) -> {
				if (value != null) {
					MDC.put(key, value);
				}
				else {
					MDC.remove(key);
				}
			});
		}

	}

}
