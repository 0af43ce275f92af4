package io.github.backgroundwork.jdbc;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.github.backgroundwork.WorkAttempt;
import io.github.backgroundwork.WorkError;
import io.github.backgroundwork.WorkState;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The {@code attempt_history} column: the attempts of a row before its latest one, one
 * JSON object a line, oldest first. The database keeps the last {@link #MAX_CHARS}
 * characters of it, so that an item retried without end cannot grow its row without
 * bound; the first line may then be cut, and is skipped. The latest attempt is read from
 * the row's own columns.
 */
final class AttemptLines {

	/**
	 * The most characters the column keeps: with messages cut to
	 * {@link #MAX_MESSAGE_CHARS}, at least the last 10 attempts.
	 */
	static final int MAX_CHARS = 16000;

	static final int MAX_MESSAGE_CHARS = 1000;

	private AttemptLines() {
	}

	/**
	 * Return one attempt as a line to append to the column.
	 */
	static String line(WorkAttempt attempt) {
		Map<String, Object> fields = new LinkedHashMap<>();
		fields.put("attempt", attempt.attempt());
		put(fields, "startedAt", attempt.startedAt());
		put(fields, "finishedAt", attempt.finishedAt());
		if (attempt.duration() != null) {
			fields.put("durationMs", attempt.duration().toMillis());
		}
		put(fields, "owner", attempt.owner());
		fields.put("outcome", attempt.outcome().name());
		WorkError error = attempt.error();
		if (error != null) {
			fields.put("errorType", error.type());
			put(fields, "errorMessage", cut(error.message()));
		}
		// PostgreSQL refuses the NUL character in text; JSON escapes every other control
		return JsonMapper.shared().writeValueAsString(fields).replace("\\u0000", "?") + "\n";
	}

	/**
	 * Read the column back: the attempts it holds, oldest first; a line that does not
	 * parse (the first, cut by the bound) is skipped.
	 */
	static List<WorkAttempt> read(@Nullable String column) {
		if (column == null || column.isEmpty()) {
			return List.of();
		}
		List<WorkAttempt> attempts = new ArrayList<>();
		for (String line : column.split("\n")) {
			WorkAttempt attempt = parse(line);
			if (attempt != null) {
				attempts.add(attempt);
			}
		}
		return attempts;
	}

	private static @Nullable WorkAttempt parse(String line) {
		if (line.isBlank()) {
			return null;
		}
		try {
			JsonNode node = JsonMapper.shared().readTree(line);
			if (!node.isObject() || !node.has("attempt") || !node.has("outcome")) {
				return null;
			}
			String errorType = text(node, "errorType");
			return new WorkAttempt(node.get("attempt").asInt(), instant(text(node, "startedAt")),
					instant(text(node, "finishedAt")),
					node.has("durationMs") ? Duration.ofMillis(node.get("durationMs").asLong()) : null,
					text(node, "owner"), WorkState.valueOf(node.get("outcome").asString()),
					(errorType != null) ? new WorkError(errorType, text(node, "errorMessage")) : null);
		}
		catch (JacksonException | IllegalArgumentException ex) {
			return null;
		}
	}

	private static void put(Map<String, Object> fields, String name, @Nullable Object value) {
		if (value != null) {
			fields.put(name, value.toString());
		}
	}

	private static @Nullable String cut(@Nullable String message) {
		return (message != null && message.length() > MAX_MESSAGE_CHARS) ? message.substring(0, MAX_MESSAGE_CHARS)
				: message;
	}

	private static @Nullable String text(JsonNode node, String field) {
		JsonNode value = node.get(field);
		return (value != null && !value.isNull()) ? value.asString() : null;
	}

	private static @Nullable Instant instant(@Nullable String text) {
		return (text != null) ? Instant.parse(text) : null;
	}

}
