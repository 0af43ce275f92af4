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
 * the row's own columns. When an operator has an ended row run again, every attempt it
 * had is written back marked as one of an ended run, so that the new run's attempts,
 * numbered from 1 again, are told from them.
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
		return line(attempt, false);
	}

	/**
	 * Return every attempt of a row that ended, before an operator has it run again, as
	 * the column's new value, cut to its bound as the database cuts it.
	 * @param history the row's attempts, oldest first (its {@link StoredWork#history()})
	 */
	static String ofEndedRuns(List<WorkAttempt> history) {
		StringBuilder column = new StringBuilder();
		for (WorkAttempt attempt : history) {
			column.append(line(attempt, true));
		}
		return (column.length() > MAX_CHARS) ? column.substring(column.length() - MAX_CHARS) : column.toString();
	}

	private static String line(WorkAttempt attempt, boolean ofEndedRun) {
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
		if (ofEndedRun) {
			fields.put("endedRun", true);
		}
		// PostgreSQL refuses the NUL character in text; JSON escapes every other control
		return JsonMapper.shared().writeValueAsString(fields).replace("\\u0000", "?") + "\n";
	}

	/**
	 * Read the column back: the attempts it holds, oldest first; a line that does not
	 * parse (the first, cut by the bound) is skipped.
	 */
	static List<WorkAttempt> read(@Nullable String column) {
		List<WorkAttempt> attempts = new ArrayList<>();
		for (JsonNode node : nodes(column)) {
			WorkAttempt attempt = parse(node);
			if (attempt != null) {
				attempts.add(attempt);
			}
		}
		return attempts;
	}

	/**
	 * Return how many of the attempts {@link #read(String)} returns, the first ones,
	 * belong to runs that ended before an operator had the row run again.
	 */
	static int ofEndedRuns(@Nullable String column) {
		int count = 0;
		for (JsonNode node : nodes(column)) {
			if (parse(node) != null && node.has("endedRun")) {
				count++;
			}
		}
		return count;
	}

	private static List<JsonNode> nodes(@Nullable String column) {
		if (column == null || column.isEmpty()) {
			return List.of();
		}
		List<JsonNode> nodes = new ArrayList<>();
		for (String line : column.split("\n")) {
			if (line.isBlank()) {
				continue;
			}
			try {
				nodes.add(JsonMapper.shared().readTree(line));
			}
			catch (JacksonException ex) {
				// The first line, cut by the bound
			}
		}
		return nodes;
	}

	private static @Nullable WorkAttempt parse(JsonNode node) {
		try {
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
