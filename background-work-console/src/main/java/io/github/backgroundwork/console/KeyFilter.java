package io.github.backgroundwork.console;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.github.backgroundwork.actuate.BackgroundWorkEndpoint;
import io.github.backgroundwork.actuate.DurableWorkDescriptor;
import io.github.backgroundwork.actuate.QueueDescriptor.ItemsDescriptor;
import io.github.backgroundwork.actuate.QueuesDescriptor;
import io.github.backgroundwork.actuate.WorkItemDescriptor;
import org.jspecify.annotations.Nullable;

/**
 * The items list filtered by a key prefix, which the endpoint does not filter by: among
 * the newest {@value BackgroundWorkEndpoint#MAX_LIMIT} items that match the other
 * criteria, per queue and in the store, so that the read stays bounded; then paged. The
 * answer holds the pages only: {@code queues.<name>.items} and {@code durable.items}.
 */
final class KeyFilter {

	private KeyFilter() {
	}

	static Map<String, Object> apply(QueuesDescriptor newest, String keyPrefix, @Nullable Integer offset,
			@Nullable Integer limit) {
		int from = (offset != null) ? Math.max(0, offset) : 0;
		int size = (limit != null) ? Math.max(0, Math.min(limit, BackgroundWorkEndpoint.MAX_LIMIT))
				: BackgroundWorkEndpoint.DEFAULT_LIMIT;
		Map<String, Object> queues = new LinkedHashMap<>();
		newest.queues()
			.forEach((name, queue) -> queues.put(name, Map.of("items", page(queue.items(), keyPrefix, from, size))));
		Map<String, Object> answer = new LinkedHashMap<>();
		answer.put("queues", queues);
		DurableWorkDescriptor durable = newest.durable();
		if (durable != null) {
			answer.put("durable", Map.of("items", page(durable.items(), keyPrefix, from, size)));
		}
		return answer;
	}

	private static ItemsDescriptor page(ItemsDescriptor items, String keyPrefix, int offset, int limit) {
		List<WorkItemDescriptor> matching = items.list()
			.stream()
			.filter((item) -> item.key() != null && item.key().startsWith(keyPrefix))
			.toList();
		List<WorkItemDescriptor> page = matching.stream().skip(offset).limit(limit).toList();
		return new ItemsDescriptor(offset, limit, matching.size(), page);
	}

}
