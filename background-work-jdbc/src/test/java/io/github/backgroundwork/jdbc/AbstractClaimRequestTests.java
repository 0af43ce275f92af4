package io.github.backgroundwork.jdbc;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * A claim keeps a request's limits: each queue takes its own items, a name limited to a
 * few never takes the places of other names' items, excluded ids stay for others; and a
 * claimed item carries the diagnostic context stored with it.
 */
abstract class AbstractClaimRequestTests {

	abstract TestDatabase database();

	private JdbcWorkStore store;

	@BeforeEach
	void setUp() {
		database().clear();
		this.store = database().store();
	}

	@Test
	void aLimitedNamesBacklogDoesNotHoldUpOtherNames() {
		List<NewWork> slow = new ArrayList<>();
		List<NewWork> fast = new ArrayList<>();
		for (int i = 0; i < 20; i++) {
			slow.add(dueAgo("slow", 100 - i));
		}
		for (int i = 0; i < 5; i++) {
			fast.add(dueAgo("fast", 50 - i));
		}
		this.store.insertAll(slow);
		this.store.insertAll(fast);
		ClaimRequest request = new ClaimRequest(JdbcWorkStore.DEFAULT_QUEUE, 4, List.of("slow", "fast"),
				Map.of("slow", 1), Set.of());
		assertThat(this.store.claim("a", request)).extracting(ClaimedWork::id)
			.containsExactly(slow.get(0).id(), fast.get(0).id(), fast.get(1).id(), fast.get(2).id());
		assertThat(this.store.completeAndClaim("a", List.of(slow.get(0).id()),
				new ClaimRequest(JdbcWorkStore.DEFAULT_QUEUE, 4, null, Map.of("slow", 2), Set.of())))
			.as("every name, limits still kept")
			.extracting(ClaimedWork::id)
			.containsExactly(slow.get(1).id(), slow.get(2).id(), fast.get(3).id(), fast.get(4).id());
		assertThat(this.store.claim("a",
				new ClaimRequest(JdbcWorkStore.DEFAULT_QUEUE, 4, List.of("slow", "fast"), Map.of("slow", 0), Set.of())))
			.as("a name that may take no more")
			.isEmpty();
		assertThat(this.store.claim("a",
				new ClaimRequest(JdbcWorkStore.DEFAULT_QUEUE, 2, List.of("slow"), Map.of("slow", 10), Set.of())))
			.as("never more than the limit in all")
			.extracting(ClaimedWork::id)
			.containsExactly(slow.get(3).id(), slow.get(4).id());
	}

	@Test
	void severalLimitedNamesTakeTheOldestWithinEachLimit() {
		List<NewWork> items = new ArrayList<>();
		for (int i = 0; i < 30; i++) {
			items.add(dueAgo(List.of("x", "y", "z").get(i % 3), 100 - i));
		}
		this.store.insertAll(items);
		List<ClaimedWork> claimed = this.store.claim("a", new ClaimRequest(JdbcWorkStore.DEFAULT_QUEUE, 6,
				List.of("x", "y", "z"), Map.of("x", 1, "y", 2), Set.of()));
		assertThat(claimed).extracting(ClaimedWork::name).containsExactly("x", "y", "z", "y", "z", "z");
		assertThat(claimed).extracting(ClaimedWork::id)
			.containsExactly(items.get(0).id(), items.get(1).id(), items.get(2).id(), items.get(4).id(),
					items.get(5).id(), items.get(8).id());
	}

	@Test
	void eachQueueClaimsOnlyItsOwnItems() {
		NewWork mine = dueAgo("mail", 20).withQueue("reports");
		NewWork other = dueAgo("mail", 30);
		this.store.insertAll(List.of(mine, other));
		assertThat(this.store.claim("a", ClaimRequest.of("reports", 10, List.of("mail")))).extracting(ClaimedWork::id)
			.containsExactly(mine.id());
		assertThat(this.store.claim("a", ClaimRequest.ofEveryName("reports", 10))).isEmpty();
		assertThat(this.store.claim("a", 10)).as("the auto-configured queue's")
			.extracting(ClaimedWork::id)
			.containsExactly(other.id());
	}

	@Test
	void excludedIdsAreLeftForOthers() {
		NewWork unreadable = dueAgo("mail", 20);
		NewWork next = dueAgo("mail", 10);
		this.store.insertAll(List.of(unreadable, next));
		ClaimRequest request = new ClaimRequest(JdbcWorkStore.DEFAULT_QUEUE, 10, List.of("mail"), Map.of(),
				Set.of(unreadable.id()));
		assertThat(this.store.claim("a", request)).extracting(ClaimedWork::id).containsExactly(next.id());
		assertThat(this.store.claim("b", 10)).extracting(ClaimedWork::id).containsExactly(unreadable.id());
	}

	@Test
	void claimedItemsCarryTheirStoredContext() {
		NewWork item = Items.item("mail").withContext("{\"tenant\":\"acme\",\"requestId\":\"r-1\"}");
		NewWork bare = Items.item("mail");
		this.store.insertAll(List.of(item, bare));
		assertThat(this.store.claim("a", 10)).extracting(ClaimedWork::context)
			.containsExactlyInAnyOrder("{\"tenant\":\"acme\",\"requestId\":\"r-1\"}", null);
	}

	@Test
	void badRequestsAreRefusedNamingTheCulprit() {
		assertThatIllegalArgumentException().isThrownBy(() -> new ClaimRequest(" ", 1, null, Map.of(), Set.of()))
			.withMessageContaining("queue");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new ClaimRequest("q", 1, null, Map.of("slow", -1), Set.of()))
			.withMessageContaining("slow=-1");
	}

	static NewWork dueAgo(String name, int seconds) {
		return new NewWork(Items.newId(), name, null, "{}", "T", 3, Instant.now().minusSeconds(seconds), Duration.ZERO,
				null);
	}

}
