package io.github.backgroundwork.durable;

import io.github.backgroundwork.WorkRequest;
import io.github.backgroundwork.jdbc.ClaimedWork;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.util.ClassUtils;

/**
 * Writes payloads as JSON with the application's Jackson {@link JsonMapper}, and reads
 * them back as the class they were written from.
 */
final class PayloadCodec {

	private final JsonMapper mapper;

	private final @Nullable ClassLoader classLoader;

	PayloadCodec(JsonMapper mapper, @Nullable ClassLoader classLoader) {
		this.mapper = mapper;
		this.classLoader = classLoader;
	}

	/**
	 * Write a request's payload.
	 * @throws IllegalArgumentException naming the work and the payload's type if Jackson
	 * cannot write it
	 */
	String write(WorkRequest request) {
		try {
			return this.mapper.writeValueAsString(request.payload());
		}
		catch (JacksonException ex) {
			throw new IllegalArgumentException("The payload of background work '" + request.name() + "', of type "
					+ request.payload().getClass().getName() + ", cannot be stored as JSON: " + ex.getOriginalMessage(),
					ex);
		}
	}

	/**
	 * Read a claimed item's payload back.
	 * @throws UnreadablePayloadException saying why if its class is gone or no longer
	 * fits the JSON
	 */
	Object read(ClaimedWork item) {
		Class<?> type;
		try {
			type = ClassUtils.forName(item.payloadType(), this.classLoader);
		}
		catch (ClassNotFoundException | LinkageError ex) {
			throw new UnreadablePayloadException("Payload class " + item.payloadType() + " of background work '"
					+ item.name() + "' (" + item.id() + ") is not on the classpath", ex);
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

	/**
	 * A stored payload that cannot be read back: retrying would not help.
	 */
	static final class UnreadablePayloadException extends RuntimeException {

		private static final long serialVersionUID = 1L;

		UnreadablePayloadException(String message, @Nullable Throwable cause) {
			super(message, cause);
		}

	}

}
