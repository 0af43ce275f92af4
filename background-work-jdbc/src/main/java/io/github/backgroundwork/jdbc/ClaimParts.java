package io.github.backgroundwork.jdbc;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * A {@link ClaimRequest} as the claim reads it: parts that each walk the queue's due rows
 * in due order and stop at their own limit, one per limited name that may take more, one
 * for every other name. The claim then keeps the oldest of their rows up to the request's
 * limit, so a limited name's backlog never takes the places of other names' items, and no
 * name gets more than its limit.
 */
final class ClaimParts {

	/**
	 * What every part reads: due rows of the queue whose cancellation nobody asked for.
	 * PostgreSQL's partial due index repeats its state condition.
	 */
	private static final String DUE = "queue = :queue AND state IN ('QUEUED', 'SCHEDULED') "
			+ "AND not_before <= {now} AND NOT cancel_requested";

	/**
	 * One part: a condition on names (empty for every name) and the most rows it reads.
	 */
	record Part(String names, int limit) {
	}

	private final ClaimRequest request;

	private final List<Part> parts = new ArrayList<>();

	private final Map<String, Object> parameters = new HashMap<>();

	ClaimParts(ClaimRequest request) {
		this.request = request;
		this.parameters.put("queue", request.queue());
		this.parameters.put("limit", request.limit());
		if (!request.excludedIds().isEmpty()) {
			this.parameters.put("excluded", List.copyOf(request.excludedIds()));
		}
		if (request.limit() == 0) {
			return;
		}
		// Sorted, so that the same limited names give the same statement text
		Map<String, Integer> limited = new TreeMap<>(request.nameLimits());
		for (Map.Entry<String, Integer> entry : limited.entrySet()) {
			if (entry.getValue() > 0 && (request.names() == null || request.names().contains(entry.getKey()))) {
				String parameter = "name_" + this.parts.size();
				this.parameters.put(parameter, entry.getKey());
				this.parts.add(new Part(" AND name = :" + parameter, Math.min(entry.getValue(), request.limit())));
			}
		}
		if (request.names() == null) {
			if (limited.isEmpty()) {
				this.parts.add(new Part("", request.limit()));
			}
			else {
				this.parameters.put("limited_names", List.copyOf(limited.keySet()));
				this.parts.add(new Part(" AND name NOT IN (:limited_names)", request.limit()));
			}
		}
		else {
			Set<String> unlimited = new HashSet<>(request.names());
			unlimited.removeAll(limited.keySet());
			if (!unlimited.isEmpty()) {
				this.parameters.put("unlimited_names", List.copyOf(unlimited));
				this.parts.add(new Part(" AND name IN (:unlimited_names)", request.limit()));
			}
		}
		for (int i = 0; i < this.parts.size(); i++) {
			this.parameters.put("limit_" + i, this.parts.get(i).limit());
		}
	}

	/**
	 * Whether the request can claim nothing: a limit of 0, no names, or only names that
	 * may take no more.
	 */
	boolean isEmpty() {
		return this.parts.isEmpty();
	}

	/**
	 * Return the most rows the claim takes in all.
	 */
	int limit() {
		return this.request.limit();
	}

	List<Part> parts() {
		return this.parts;
	}

	/**
	 * Return the condition of one part, with {@code {now}} for the dialect to resolve.
	 * @param index the part's index
	 * @return the condition
	 */
	String where(int index) {
		String excluded = this.request.excludedIds().isEmpty() ? "" : " AND id NOT IN (:excluded)";
		return DUE + excluded + this.parts.get(index).names();
	}

	/**
	 * Return the parameters of every part by name: {@code :queue}, {@code :limit}, each
	 * part's {@code :limit_i} and names, and {@code :excluded} when ids are excluded.
	 * @return the parameters
	 */
	Map<String, Object> parameters() {
		return this.parameters;
	}

}
