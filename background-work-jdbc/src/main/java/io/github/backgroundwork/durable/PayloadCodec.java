package io.github.backgroundwork.durable;

import java.nio.charset.StandardCharsets;

import io.github.backgroundwork.WorkRequest;
import io.github.backgroundwork.handler.WorkHandlerMethod;
import io.github.backgroundwork.handler.WorkHandlers;
import io.github.backgroundwork.jdbc.ClaimedWork;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.jsontype.DefaultBaseTypeLimitingValidator;

import org.springframework.util.ClassUtils;
import org.springframework.util.unit.DataSize;

/**
 * Writes payloads as JSON and reads them back as the class they were written from, once
 * that class is known to fit the handler. A row is data anyone with write access to the
 * table may have written: the class it names is checked against the handler's payload
 * parameter before Jackson creates anything, and JSON is read with a copy of the
 * application's {@link JsonMapper} that honours no type id outside the payload's own
 * annotations (default typing off, and Jackson's validator that refuses
 * {@code Object}-like base types).
 */
final class PayloadCodec {

	/**
	 * The largest payload stored by default, as JSON encoded in UTF-8.
	 */
	static final DataSize DEFAULT_MAX_SIZE = DataSize.ofMegabytes(1);

	private final JsonMapper mapper;

	private final @Nullable ClassLoader classLoader;

	private final WorkHandlers handlers;

	private final long maxBytes;

	PayloadCodec(JsonMapper mapper, @Nullable ClassLoader classLoader, WorkHandlers handlers, DataSize maxSize) {
		// The same mapper writes and reads, so that what it writes it can read back
		this.mapper = mapper.rebuild()
			.deactivateDefaultTyping()
			.polymorphicTypeValidator(new DefaultBaseTypeLimitingValidator())
			.build();
		this.classLoader = classLoader;
		this.handlers = handlers;
		this.maxBytes = maxSize.toBytes();
	}

	/**
	 * Write a request's payload.
	 * @throws IllegalArgumentException naming the work and the payload's type if Jackson
	 * cannot write it, or if it is larger than the limit
	 */
	String write(WorkRequest request) {
		String json;
		try {
			json = this.mapper.writeValueAsString(request.payload());
		}
		catch (JacksonException ex) {
			throw new IllegalArgumentException("The payload of background work '" + request.name() + "', of type "
					+ request.payload().getClass().getName() + ", cannot be stored as JSON: " + ex.getOriginalMessage(),
					ex);
		}
		// A character is at most 3 bytes in UTF-8 (a surrogate pair 4 for 2): count only
		// when it may matter
		if ((long) json.length() * 3 > this.maxBytes) {
			long bytes = json.getBytes(StandardCharsets.UTF_8).length;
			if (bytes > this.maxBytes) {
				throw new IllegalArgumentException("The payload of background work '" + request.name() + "', of type "
						+ request.payload().getClass().getName() + ", is " + bytes + " bytes as JSON, more than the "
						+ this.maxBytes + " bytes stored at most (background-work.jdbc.max-payload-size): store the"
						+ " data elsewhere and enqueue a reference to it (an id, a path)");
			}
		}
		return json;
	}

	/**
	 * Read a claimed item's payload back, after checking that the class its row names
	 * fits its handler. The class is loaded without being initialized, and nothing of it
	 * runs unless it fits.
	 * @throws PayloadClassNotFoundException if the class its row names is not on this
	 * instance's classpath: another instance may have it
	 * @throws UnreadablePayloadException saying why if no handler here has its name, its
	 * class does not fit the handler, or the JSON does not fit its class: retrying would
	 * not help
	 */
	Object read(ClaimedWork item) {
		WorkHandlerMethod handler = this.handlers.find(item.name());
		if (handler == null) {
			throw new UnreadablePayloadException("No @BackgroundWorkHandler for background work '" + item.name() + "' ("
					+ item.id() + ") on this instance", null);
		}
		Class<?> type = payloadClass(item);
		Class<?> expected = ClassUtils.resolvePrimitiveIfNecessary(handler.payloadType());
		if (!expected.isAssignableFrom(type)) {
			throw new UnreadablePayloadException("The payload of background work '" + item.name() + "' (" + item.id()
					+ ") is stored as " + item.payloadType() + ", which is not a " + expected.getName()
					+ ", the payload type of its handler " + handler + ": it was not read", null);
		}
		try {
			Object payload = this.mapper.readValue(item.payload(), type);
			if (payload == null) {
				throw new UnreadablePayloadException(
						"The payload of background work '" + item.name() + "' (" + item.id() + ") is JSON null", null);
			}
			return payload;
		}
		catch (JacksonException ex) {
			throw new UnreadablePayloadException("The payload of background work '" + item.name() + "' (" + item.id()
					+ ") cannot be read back as " + item.payloadType() + ": " + ex.getOriginalMessage(), ex);
		}
	}

	private Class<?> payloadClass(ClaimedWork item) {
		try {
			// Loads without initializing: no static initializer runs here
			return ClassUtils.forName(item.payloadType(), this.classLoader);
		}
		catch (ClassNotFoundException | LinkageError ex) {
			throw new PayloadClassNotFoundException("Payload class " + item.payloadType() + " of background work '"
					+ item.name() + "' (" + item.id() + ") is not on the classpath of this instance", ex);
		}
	}

	/**
	 * A stored payload that cannot be read back: retrying would not help.
	 */
	static final class UnreadablePayloadException extends RuntimeException {

		private static final long serialVersionUID = 1L;

		UnreadablePayloadException(String message, @Nullable Throwable cause) {
			super(message, cause);
		}

	}

	/**
	 * A stored payload whose class is not on this instance's classpath: another instance,
	 * of another version, may be able to read it. Not an
	 * {@link UnreadablePayloadException}, so that it is never taken for one.
	 */
	static final class PayloadClassNotFoundException extends RuntimeException {

		private static final long serialVersionUID = 1L;

		PayloadClassNotFoundException(String message, Throwable cause) {
			super(message, cause);
		}

	}

}
