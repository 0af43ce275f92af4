package io.github.backgroundwork.autoconfigure;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.github.backgroundwork.BackgroundWorkQueue;
import io.github.backgroundwork.WorkErrorHandler;
import io.github.backgroundwork.WorkHandle;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.annotation.Order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests that every {@link WorkErrorHandler} bean hears of each failure, in order, even
 * when one of them throws.
 */
class ErrorHandlerCompositionTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(BackgroundWorkAutoConfiguration.class));

	@Test
	void everyErrorHandlerBeanIsAppliedInOrder() {
		List<String> heard = new CopyOnWriteArrayList<>();
		this.contextRunner.withBean("second", WorkErrorHandler.class, () -> new Second(heard))
			.withBean("first", WorkErrorHandler.class, () -> new First(heard))
			.run((context) -> {
				WorkHandle handle = context.getBean(BackgroundWorkQueue.class).enqueue("failing", (work) -> {
					throw new IllegalStateException("boom");
				});
				await().atMost(Duration.ofSeconds(5)).until(() -> heard.size() == 2);
				assertThat(heard).containsExactly("first:" + handle.id(), "second:" + handle.id());
			});
	}

	@Order(1)
	record First(List<String> heard) implements WorkErrorHandler {

		@Override
		public void handleError(io.github.backgroundwork.WorkInfo item, Throwable error) {
			this.heard.add("first:" + item.id());
			throw new IllegalStateException("a broken handler does not silence the next one");
		}

	}

	@Order(2)
	record Second(List<String> heard) implements WorkErrorHandler {

		@Override
		public void handleError(io.github.backgroundwork.WorkInfo item, Throwable error) {
			this.heard.add("second:" + item.id());
		}

	}

}
