package io.github.backgroundwork.actuate;

import java.util.Map;

import io.github.backgroundwork.BackgroundWorkQueue;
import io.github.backgroundwork.DefaultBackgroundWorkQueue;
import io.github.backgroundwork.PausedWork;
import io.github.backgroundwork.QueueState;
import io.github.backgroundwork.QueueStatistics;
import io.github.backgroundwork.durable.JdbcDurableWork;
import io.github.backgroundwork.durable.StoreHealth;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * {@link HealthIndicator} of a {@link BackgroundWorkQueue}: {@code UP} while it accepts
 * work, {@code OUT_OF_SERVICE} from the moment its shutdown drain begins (it refuses new
 * work from then on), {@code DOWN} while the durable store of a running queue cannot be
 * reached (details {@code store}, {@code storeUnreachableSince} and {@code storeError}).
 * Details: {@code state}, {@code queued}, {@code scheduled}, {@code running},
 * {@code concurrency}, {@code capacity} and {@code capacityUsed}, the percentage of the
 * waiting room taken by queued and scheduled items; and {@code paused} when an operator
 * has paused the queue ({@code queue: true}) or names of work ({@code names}): the queue
 * stays {@code UP} then, since a pause is a choice, not a fault.
 *
 * @since 0.1.0
 */
public class BackgroundWorkHealthIndicator extends AbstractHealthIndicator {

	private final BackgroundWorkQueue queue;

	/**
	 * Create an indicator.
	 * @param queue the queue to report on
	 */
	public BackgroundWorkHealthIndicator(BackgroundWorkQueue queue) {
		super("Background work health check failed");
		this.queue = queue;
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) {
		QueueStatistics statistics = this.queue.statistics();
		StoreHealth store = storeHealth();
		if (statistics.state() != QueueState.RUNNING) {
			builder.outOfService();
		}
		else if (store != null && !store.reachable()) {
			builder.down();
		}
		else {
			builder.up();
		}
		if (store != null) {
			builder.withDetail("store", store.reachable() ? "reachable" : "unreachable");
			if (!store.reachable()) {
				builder.withDetail("storeUnreachableSince", String.valueOf(store.unreachableSince()))
					.withDetail("storeError", String.valueOf(store.lastError()));
			}
		}
		builder.withDetail("state", statistics.state())
			.withDetail("queued", statistics.queued())
			.withDetail("scheduled", statistics.scheduled())
			.withDetail("running", statistics.running())
			.withDetail("concurrency", statistics.concurrency())
			.withDetail("capacity", statistics.capacity())
			.withDetail("capacityUsed", capacityUsed(statistics));
		PausedWork paused = this.queue.paused();
		if (paused.queue() || !paused.names().isEmpty()) {
			builder.withDetail("paused",
					Map.of("queue", paused.queue(), "names", paused.names().stream().sorted().toList()));
		}
	}

	private @Nullable StoreHealth storeHealth() {
		if (this.queue instanceof DefaultBackgroundWorkQueue queue
				&& queue.durableWork().orElse(null) instanceof JdbcDurableWork durable) {
			return durable.storeHealth();
		}
		return null;
	}

	private static double capacityUsed(QueueStatistics statistics) {
		if (statistics.capacity() <= 0) {
			return 0;
		}
		// Scheduled items take room as queued ones do
		return Math.round((statistics.queued() + statistics.scheduled()) * 1000.0 / statistics.capacity()) / 10.0;
	}

}
