package io.github.backgroundwork.handler;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import java.util.stream.Stream;

import io.github.backgroundwork.BackgroundWorkHandler;
import io.github.backgroundwork.WorkContext;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * Tests that a {@link BackgroundWorkHandler} method of the wrong shape is refused, naming
 * the method and what is wrong with it.
 */
class WorkHandlerShapeTests {

	private static final String SHAPE = "a handler takes one payload parameter and optionally a WorkContext, "
			+ "in either order, and returns void or a CompletionStage";

	static Stream<Arguments> wrongShapes() {
		return Stream.of(arguments(new NoParameter(), "run()", "it takes no payload parameter; " + SHAPE),
				arguments(new OnlyContext(), "run(WorkContext)", "it takes no payload parameter; " + SHAPE),
				arguments(new TwoPayloads(), "run(String, Integer)", "it takes 2 payload parameters; " + SHAPE),
				arguments(new ThreeParameters(), "run(String, WorkContext, Integer)",
						"it takes 2 payload parameters; " + SHAPE),
				arguments(new TwoContexts(), "run(WorkContext, String, WorkContext)",
						"it takes more than one WorkContext; " + SHAPE),
				arguments(new ReturnsString(), "run(String)", "it returns String; " + SHAPE),
				arguments(new ReturnsFuture(), "run(String)", "it returns Future; " + SHAPE),
				arguments(new BlankName(), "run(String)", "its name is blank"),
				arguments(new NegativeMaxRetries(), "run(String)",
						"maxRetries must be -1 (the configured default) or at least 0, was -2"),
				arguments(new NegativeConcurrency(), "run(String)",
						"concurrency must be 0 (no limit) or more, was -1"));
	}

	@ParameterizedTest
	@MethodSource("wrongShapes")
	void handlerOfTheWrongShapeIsRefusedNamingTheMethod(Object bean, String method, String reason) {
		assertThatIllegalStateException().isThrownBy(() -> WorkHandlers.of(bean))
			.withMessage("Invalid @BackgroundWorkHandler method " + bean.getClass().getName() + "#" + method
					+ " of bean '" + bean.getClass().getSimpleName() + "': " + reason);
	}

	@ParameterizedTest
	@MethodSource("rightShapes")
	void handlerOfARightShapeIsAccepted(Object bean) {
		assertThat(WorkHandlers.of(bean).names()).containsExactly("work");
	}

	static Stream<Object> rightShapes() {
		return Stream.of(new ReturnsCompletableFuture(), new ContextFirst(), new Static());
	}

	static class NoParameter {

		@BackgroundWorkHandler("work")
		void run() {
		}

	}

	static class OnlyContext {

		@BackgroundWorkHandler("work")
		void run(WorkContext context) {
		}

	}

	static class TwoPayloads {

		@BackgroundWorkHandler("work")
		void run(String first, Integer second) {
		}

	}

	static class ThreeParameters {

		@BackgroundWorkHandler("work")
		void run(String first, WorkContext context, Integer second) {
		}

	}

	static class TwoContexts {

		@BackgroundWorkHandler("work")
		void run(WorkContext first, String payload, WorkContext second) {
		}

	}

	static class ReturnsString {

		@BackgroundWorkHandler("work")
		String run(String payload) {
			return payload;
		}

	}

	static class ReturnsFuture {

		@BackgroundWorkHandler("work")
		Future<?> run(String payload) {
			return CompletableFuture.completedFuture(payload);
		}

	}

	static class BlankName {

		@BackgroundWorkHandler(" ")
		void run(String payload) {
		}

	}

	static class NegativeMaxRetries {

		@BackgroundWorkHandler(value = "work", maxRetries = -2)
		void run(String payload) {
		}

	}

	static class NegativeConcurrency {

		@BackgroundWorkHandler(value = "work", concurrency = -1)
		void run(String payload) {
		}

	}

	static class ReturnsCompletableFuture {

		@BackgroundWorkHandler("work")
		CompletableFuture<Void> run(String payload) {
			return CompletableFuture.completedFuture(null);
		}

	}

	static class ContextFirst {

		@BackgroundWorkHandler("work")
		void run(WorkContext context, String payload) {
		}

	}

	static class Static {

		@BackgroundWorkHandler("work")
		static void run(String payload) {
		}

	}

}
