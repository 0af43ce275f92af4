package io.github.backgroundwork.jdbc;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The instances table by the database's clock: a heartbeat makes an instance live for a
 * lease, a stop makes it gone at once, and rows gone for long are deleted.
 */
abstract class AbstractInstancesTests {

	abstract TestDatabase database();

	private JdbcWorkStore store;

	@BeforeEach
	void setUp() {
		database().clear();
		this.store = database().store(Duration.ofSeconds(30));
	}

	@Test
	void heartbeatMakesAnInstanceLiveAndAStopMakesItGone() {
		WorkInstances instances = this.store.instances();
		instances.beat("a", "q", "host-a", 4, List.of("report", "mail"));
		instances.beat("b", "q", "host-b", 2, List.of("mail"));
		instances.beat("a", "q", "host-a", 4, List.of("report", "mail"));
		assertThat(this.store.reader().instances()).extracting(StoredInstance::id, StoredInstance::live)
			.containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("a", true),
					org.assertj.core.groups.Tuple.tuple("b", true));
		StoredInstance a = this.store.reader()
			.instances()
			.stream()
			.filter((instance) -> instance.id().equals("a"))
			.findFirst()
			.orElseThrow();
		assertThat(a.names()).containsExactly("mail", "report");
		assertThat(a.concurrency()).isEqualTo(4);
		assertThat(a.host()).isEqualTo("host-a");
		assertThat(a.lastSeen()).isAfterOrEqualTo(a.startedAt());
		assertThat(instances.stopped("a")).isTrue();
		assertThat(this.store.reader().instances()).extracting(StoredInstance::id, StoredInstance::live)
			.containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("a", false),
					org.assertj.core.groups.Tuple.tuple("b", true));
		// A restart beats again: live
		instances.beat("a", "q", "host-a", 4, List.of("report", "mail"));
		assertThat(this.store.reader().instances()).allMatch(StoredInstance::live);
		assertThat(instances.deleteGone(Duration.ofDays(1))).isZero();
		assertThat(instances.deleteGone(Duration.ZERO)).as("seen before now").isEqualTo(2);
	}

}
