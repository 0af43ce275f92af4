package io.github.backgroundwork.observation;

import java.util.ArrayList;
import java.util.List;

import io.github.backgroundwork.WorkInfo;
import io.micrometer.context.ContextRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.mockito.Mockito.mock;

/**
 * Tests of what {@link ContextPropagatingWorkDecorator} sets on the worker and what it
 * leaves there, run on one thread: the enqueuing thread's values are set, values it did
 * not have are hidden, and the worker gets its own back afterwards, whatever happens;
 * work enqueued with nothing to carry is left undecorated, and what it leaves is cleared
 * after it.
 */
class ContextPropagatingWorkDecoratorTests {

	private final ThreadLocal<String> tenant = new ThreadLocal<>();

	private final ThreadLocal<String> user = new ThreadLocal<>();

	private final ContextPropagatingWorkDecorator decorator = new ContextPropagatingWorkDecorator(
			new ContextRegistry().registerThreadLocalAccessor("tenant", this.tenant)
				.registerThreadLocalAccessor("user", this.user));

	private final WorkInfo item = mock(WorkInfo.class);

	@AfterEach
	void clear() {
		this.tenant.remove();
		this.user.remove();
	}

	@Test
	void valuesSetAtEnqueueAreSetInTheWorkAndTheWorkersOwnAreBackAfter() {
		this.tenant.set("acme");
		List<String> seen = new ArrayList<>();
		Runnable work = this.decorator.decorate(this.item, () -> seen.add(this.tenant.get() + "/" + this.user.get()));
		this.tenant.set("worker's tenant");
		this.user.set("worker's user");
		work.run();
		assertThat(seen).containsExactly("acme/null");
		assertThat(this.tenant.get()).isEqualTo("worker's tenant");
		assertThat(this.user.get()).isEqualTo("worker's user");
	}

	@Test
	void workEnqueuedWithNothingToCarryIsLeftUndecorated() {
		Runnable execution = () -> {
		};
		assertThat(this.decorator.decorate(this.item, execution)).isSameAs(execution);
	}

	@Test
	void workEnqueuedWithAnyValueToCarryIsWrapped() {
		Runnable execution = () -> {
		};
		this.user.set("alice");
		assertThat(this.decorator.decorate(this.item, execution)).isNotSameAs(execution);
	}

	@Test
	void workersOwnValuesAreBackWhenTheWorkThrows() {
		this.tenant.set("acme");
		Runnable work = this.decorator.decorate(this.item, () -> {
			this.user.set("set by the work");
			throw new IllegalStateException("boom");
		});
		this.tenant.remove();
		assertThatIllegalStateException().isThrownBy(work::run).withMessage("boom");
		assertThat(this.tenant.get()).isNull();
		assertThat(this.user.get()).as("left behind by the work").isNull();
	}

	@Test
	void afterUndecoratedClearsWhatTheWorkLeftBehind() {
		Runnable execution = () -> this.tenant.set("forgotten");
		Runnable work = this.decorator.decorate(this.item, execution);
		work.run();
		this.decorator.afterUndecorated(this.item);
		assertThat(this.tenant.get()).isNull();
		assertThat(this.user.get()).isNull();
	}

}
