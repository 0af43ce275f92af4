package io.github.backgroundwork.autoconfigure.shutdown;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.github.backgroundwork.BackgroundWorkQueue;
import io.github.backgroundwork.DefaultBackgroundWorkQueue;
import io.github.backgroundwork.WorkHandle;
import io.github.backgroundwork.WorkState;
import io.github.backgroundwork.autoconfigure.BackgroundWorkAutoConfiguration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceLock;

import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests the queue's part in the application context's lifecycle: nothing runs during
 * refresh, a failed refresh does not wait out a drain, and a stopped context starts
 * again.
 */
@ResourceLock("spring-boot-logging-system")
class ContextLifecycleTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(BackgroundWorkAutoConfiguration.class))
		.withPropertyValues("background-work.shutdown.drain-timeout=60s");

	@Test
	void workEnqueuedDuringRefreshRunsOnlyOnceTheContextHasStarted() {
		this.contextRunner.withUserConfiguration(EnqueuesDuringRefresh.class).run((context) -> {
			EnqueuesDuringRefresh early = context.getBean(EnqueuesDuringRefresh.class);
			assertThat(early.queueRunningWhenItRan.get(5, TimeUnit.SECONDS)).isTrue();
			assertThat(early.handle.state()).isEqualTo(WorkState.SUCCEEDED);
		});
	}

	@Test
	void aContextThatFailsToRefreshDoesNotWaitOutTheDrain() {
		long start = System.nanoTime();
		this.contextRunner.withUserConfiguration(EnqueuesDuringRefresh.class, FailsToStart.class).run((context) -> {
			assertThat(context).hasFailed();
		});
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(30));
		assertThat(EnqueuesDuringRefresh.last.handle.state()).isEqualTo(WorkState.ABANDONED);
		assertThat(EnqueuesDuringRefresh.last.queueRunningWhenItRan).isNotDone();
	}

	@Test
	void aStoppedContextStartsAgainAndSoDoesItsQueue() throws Exception {
		ConfigurableApplicationContext context = ShutdownTestApplication.start();
		try {
			BackgroundWorkQueue queue = context.getBean(BackgroundWorkQueue.class);
			queue.enqueue("before", (work) -> {
			}).completion().toCompletableFuture().get(5, TimeUnit.SECONDS);
			context.stop();
			assertThat(((DefaultBackgroundWorkQueue) queue).isRunning()).isFalse();
			context.start();
			WorkHandle after = queue.enqueue("after", (work) -> {
			});
			after.completion().toCompletableFuture().get(5, TimeUnit.SECONDS);
			assertThat(after.state()).isEqualTo(WorkState.SUCCEEDED);
		}
		finally {
			context.close();
		}
	}

	@Configuration(proxyBeanMethods = false)
	static class EnqueuesDuringRefresh implements SmartInitializingSingleton {

		static volatile EnqueuesDuringRefresh last;

		private final DefaultBackgroundWorkQueue queue;

		final CompletableFuture<Boolean> queueRunningWhenItRan = new CompletableFuture<>();

		volatile WorkHandle handle;

		EnqueuesDuringRefresh(DefaultBackgroundWorkQueue queue) {
			this.queue = queue;
			last = this;
		}

		@Override
		public void afterSingletonsInstantiated() {
			this.handle = this.queue.enqueue("during-refresh",
					(work) -> this.queueRunningWhenItRan.complete(this.queue.isRunning()));
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class FailsToStart {

		@Bean
		SmartInitializingSingleton failsAfterTheWorkWasEnqueued(EnqueuesDuringRefresh early) {
			return () -> {
				throw new IllegalStateException("Cannot start");
			};
		}

	}

}
