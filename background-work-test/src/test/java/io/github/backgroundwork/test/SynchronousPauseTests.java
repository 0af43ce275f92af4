package io.github.backgroundwork.test;

import java.util.Set;

import io.github.backgroundwork.PausedWork;
import io.github.backgroundwork.WorkHandle;
import io.github.backgroundwork.WorkState;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests that {@link SynchronousBackgroundWorkQueue} records pauses and reports them, and
 * still runs work at once: nothing waits in it.
 */
class SynchronousPauseTests {

	private final SynchronousBackgroundWorkQueue queue = new SynchronousBackgroundWorkQueue();

	@Test
	void pausesAreRecordedAndWorkStillRunsAtOnce() {
		this.queue.pause("mail");
		this.queue.pauseQueue();
		assertThat(this.queue.paused()).isEqualTo(new PausedWork(true, Set.of("mail")));
		WorkHandle item = this.queue.enqueue("mail", (context) -> {
		});
		assertThat(item.state()).isEqualTo(WorkState.SUCCEEDED);
		this.queue.resumeQueue();
		this.queue.resume("mail");
		assertThat(this.queue.paused()).isEqualTo(new PausedWork(false, Set.of()));
	}

	@Test
	void aBlankNameIsRefusedNamingTheArgument() {
		assertThatIllegalArgumentException().isThrownBy(() -> this.queue.pause(" ")).withMessageContaining("name");
		assertThatIllegalArgumentException().isThrownBy(() -> this.queue.resume(null)).withMessageContaining("name");
	}

}
