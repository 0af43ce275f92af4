package io.github.backgroundwork.autoconfigure.typed;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import io.github.backgroundwork.BackgroundWorkAbandonedEvent;
import io.github.backgroundwork.BackgroundWorkQueue;
import io.github.backgroundwork.WorkItemSnapshot;
import io.github.backgroundwork.WorkRequest;

import org.springframework.context.event.ContextRefreshedEvent;
import org.springframework.context.event.EventListener;

/**
 * The example of docs/typed-work.md, as written there: keep the requests of typed work
 * that a shutdown abandoned, and enqueue them again when the application starts next. A
 * real application keeps them in its database; this one in a list that outlives the
 * application context.
 */
public class AbandonedWorkResubmitter {

	private final BackgroundWorkQueue queue;

	private final List<WorkRequest> saved;

	AbandonedWorkResubmitter(BackgroundWorkQueue queue, List<WorkRequest> saved) {
		this.queue = queue;
		this.saved = saved;
	}

	@EventListener
	void save(BackgroundWorkAbandonedEvent event) {
		event.items().stream().map(WorkItemSnapshot::request).filter(Objects::nonNull).forEach(this.saved::add);
	}

	@EventListener(ContextRefreshedEvent.class)
	void resubmit() {
		List<WorkRequest> requests = new ArrayList<>(this.saved);
		this.saved.clear();
		this.queue.enqueueAll(requests);
	}

}
