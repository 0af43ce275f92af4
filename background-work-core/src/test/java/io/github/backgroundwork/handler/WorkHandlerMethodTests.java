package io.github.backgroundwork.handler;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicReference;

import io.github.backgroundwork.BackgroundWorkHandler;
import io.github.backgroundwork.WorkContext;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIOException;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.mockito.Mockito.mock;

/**
 * Tests for {@link WorkHandlerMethod}: what a handler method is found to be, and how it
 * is called.
 */
class WorkHandlerMethodTests {

	private final WorkContext context = mock(WorkContext.class);

	private final Thumbnails thumbnails = new Thumbnails();

	private final WorkHandlers handlers = WorkHandlers.of(this.thumbnails);

	@Test
	void handlerKnowsItsNamePayloadTypeShapeAndLimits() {
		WorkHandlerMethod make = this.handlers.get("thumbnail");
		assertThat(make.name()).isEqualTo("thumbnail");
		assertThat(make.payloadType()).isEqualTo(Thumbnail.class);
		assertThat(make.takesContext()).isTrue();
		assertThat(make.returnsCompletionStage()).isFalse();
		assertThat(make.maxRetries()).isEqualTo(5);
		assertThat(make.concurrency()).isEqualTo(2);
		assertThat(make)
			.hasToString(Thumbnails.class.getName() + "#make(WorkHandlerMethodTests.Thumbnail, WorkContext)");
		WorkHandlerMethod count = this.handlers.get("count");
		assertThat(count.takesContext()).isFalse();
		assertThat(count.maxRetries()).isNull();
		assertThat(count.concurrency()).isZero();
	}

	@Test
	void invokePassesPayloadAndContextWhateverTheirOrder() throws Exception {
		Thumbnail payload = new Thumbnail("a.png");
		assertThat(this.handlers.get("thumbnail").invoke(payload, this.context)).isNull();
		assertThat(this.thumbnails.made).hasValue(List.of(payload, this.context));
		assertThat(this.handlers.get("context-first").invoke(payload, this.context)).isNull();
		assertThat(this.thumbnails.made).hasValue(List.of(this.context, payload));
	}

	@Test
	void invokeTakesPrimitivePayloadsBoxed() throws Exception {
		WorkHandlerMethod count = this.handlers.get("count");
		assertThat(count.payloadType()).isEqualTo(int.class);
		count.checkPayload(7);
		count.invoke(7, this.context);
		assertThat(this.thumbnails.made).hasValue(List.of(7));
	}

	@Test
	void invokeReturnsTheHandlersStage() throws Exception {
		WorkHandlerMethod async = this.handlers.get("async");
		assertThat(async.returnsCompletionStage()).isTrue();
		CompletionStage<?> stage = async.invoke(new Thumbnail("b.png"), this.context);
		assertThat(stage).isSameAs(this.thumbnails.stage);
	}

	@Test
	void invokeFailsWhenAHandlerReturnsNoStage() {
		this.thumbnails.stage = null;
		assertThatIllegalStateException()
			.isThrownBy(() -> this.handlers.get("async").invoke(new Thumbnail("b.png"), this.context))
			.withMessage("Background work handler " + Thumbnails.class.getName()
					+ "#async(WorkHandlerMethodTests.Thumbnail) returned null instead of a CompletionStage");
	}

	@Test
	void invokeSurfacesTheWorksOwnException() {
		assertThatIOException()
			.isThrownBy(() -> this.handlers.get("broken").invoke(new Thumbnail("c.png"), this.context))
			.withMessage("disk full")
			.withNoCause();
		assertThat(catchThrowable(() -> this.handlers.get("erroneous").invoke(new Thumbnail("c.png"), this.context)))
			.isExactlyInstanceOf(StackOverflowError.class);
	}

	@Test
	void payloadOfAnotherTypeIsRefusedNamingWorkHandlerAndTypes() {
		assertThatIllegalArgumentException().isThrownBy(() -> this.handlers.get("thumbnail").checkPayload("a.png"))
			.withMessage("Background work 'thumbnail' has a payload of type java.lang.String, but its handler "
					+ Thumbnails.class.getName() + "#make(WorkHandlerMethodTests.Thumbnail, WorkContext) takes a "
					+ Thumbnail.class.getName());
	}

	@Test
	void payloadTypeOfAGenericHandlerIsResolvedAgainstTheBeanClass() {
		WorkHandlerMethod handler = WorkHandlers.of(new StringHandler()).get("generic");
		assertThat(handler.payloadType()).isEqualTo(String.class);
		assertThatIllegalArgumentException().isThrownBy(() -> handler.checkPayload(3));
	}

	record Thumbnail(String path) {
	}

	static class Thumbnails {

		final AtomicReference<List<Object>> made = new AtomicReference<>();

		CompletableFuture<String> stage = new CompletableFuture<>();

		@BackgroundWorkHandler(value = "thumbnail", maxRetries = 5, concurrency = 2)
		void make(Thumbnail request, WorkContext context) {
			this.made.set(List.of(request, context));
		}

		@BackgroundWorkHandler("context-first")
		private void contextFirst(WorkContext context, Thumbnail request) {
			this.made.set(List.of(context, request));
		}

		@BackgroundWorkHandler("count")
		public void count(int count) {
			this.made.set(List.of(count));
		}

		@BackgroundWorkHandler("async")
		CompletableFuture<String> async(Thumbnail request) {
			return this.stage;
		}

		@BackgroundWorkHandler("broken")
		void broken(Thumbnail request) throws IOException {
			throw new IOException("disk full");
		}

		@BackgroundWorkHandler("erroneous")
		void erroneous(Thumbnail request) {
			throw new StackOverflowError();
		}

	}

	abstract static class GenericHandler<T> {

		@BackgroundWorkHandler("generic")
		void handle(T payload) {
		}

	}

	static class StringHandler extends GenericHandler<String> {

	}

}
