package io.github.backgroundwork.faults;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * What a repetition did, counted from the work table, {@code fault_runs} and the
 * children's logs.
 *
 * @param items items enqueued
 * @param stored rows in the work table
 * @param runs runs started (rows of {@code fault_runs})
 * @param duplicates items whose handler completed more than once
 * @param lost items never completed, or that did not end {@code SUCCEEDED}, or never
 * stored
 * @param duplicateIds the items counted in {@code duplicates}
 * @param states rows per state
 * @param completedBy completed runs per instance
 * @param unmatchedAttempts attempts the work table counts beyond the runs recorded for
 * them: attempts consumed without the handler running
 * @param logs WARN and ERROR events in the children's logs
 */
record Tally(int items, int stored, int runs, int duplicates, int lost, Set<String> duplicateIds,
		Map<String, Integer> states, Map<String, Integer> completedBy, int unmatchedAttempts, Instance.LogCount logs) {

	static Tally of(int enqueued, JdbcTemplate app, JdbcTemplate log, Instance.LogCount logs) {
		List<Map<String, Object>> rows = app.queryForList("SELECT id, state, attempts FROM background_work");
		List<Map<String, Object>> runs = log
			.queryForList("SELECT item_id, instance, completed IS NOT NULL AS done FROM fault_runs");
		Map<String, Integer> runsPerItem = new HashMap<>();
		Map<String, Integer> completedPerItem = new HashMap<>();
		Map<String, Integer> completedBy = new TreeMap<>();
		for (Map<String, Object> run : runs) {
			String item = (String) run.get("item_id");
			runsPerItem.merge(item, 1, Integer::sum);
			if (Boolean.TRUE.equals(run.get("done"))) {
				completedPerItem.merge(item, 1, Integer::sum);
				completedBy.merge((String) run.get("instance"), 1, Integer::sum);
			}
		}
		Map<String, Integer> states = new TreeMap<>();
		// Accepted by enqueue but not in the table: lost too
		int lost = Math.max(0, enqueued - rows.size());
		int unmatched = 0;
		for (Map<String, Object> row : rows) {
			String id = (String) row.get("id");
			String state = (String) row.get("state");
			states.merge(state, 1, Integer::sum);
			if (!"SUCCEEDED".equals(state) || completedPerItem.getOrDefault(id, 0) == 0) {
				lost++;
			}
			unmatched += Math.max(0, ((Number) row.get("attempts")).intValue() - runsPerItem.getOrDefault(id, 0));
		}
		Set<String> duplicates = completedPerItem.entrySet()
			.stream()
			.filter((entry) -> entry.getValue() > 1)
			.map(Map.Entry::getKey)
			.collect(Collectors.toSet());
		return new Tally(enqueued, rows.size(), runs.size(), duplicates.size(), lost, duplicates, states, completedBy,
				unmatched, logs);
	}

}
