package io.github.backgroundwork.handler;

import io.github.backgroundwork.BackgroundWorkHandler;
import io.github.backgroundwork.WorkRequest;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Tests for {@link WorkHandlers}: lookups by name, and what it says when a name is
 * unknown or taken twice.
 */
class WorkHandlersTests {

	private final WorkHandlers handlers = WorkHandlers.of(new Thumbnails(), new Mails());

	@Test
	void handlersAreFoundByName() {
		assertThat(this.handlers.names()).containsExactly("customer-mail", "thumbnail");
		assertThat(this.handlers.find("thumbnail")).isNotNull()
			.satisfies((handler) -> assertThat(handler.method().getName()).isEqualTo("make"));
		assertThat(this.handlers.find("unknown")).isNull();
	}

	@Test
	void handlerForARequestIsItsNamesHandler() {
		WorkHandlerMethod handler = this.handlers.handlerFor(WorkRequest.of("customer-mail", new Mail(42)));
		assertThat(handler).isSameAs(this.handlers.get("customer-mail"));
	}

	@Test
	void unknownNameIsRefusedNamingItAndTheKnownHandlers() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> this.handlers.handlerFor(WorkRequest.of("thumbnial", new Thumbnail("a.png"))))
			.withMessage("No @BackgroundWorkHandler for background work 'thumbnial'; "
					+ "known handlers: customer-mail, thumbnail");
	}

	@Test
	void unknownNameIsRefusedSayingWhenThereAreNoHandlers() {
		assertThatIllegalArgumentException().isThrownBy(() -> WorkHandlers.of().get("thumbnail"))
			.withMessage("No @BackgroundWorkHandler for background work 'thumbnail'; there are none");
	}

	@Test
	void unknownNameWhileStartingSaysThatHandlersAreStillBeingFound() {
		WorkHandlerBeanPostProcessor processor = new WorkHandlerBeanPostProcessor();
		processor.postProcessAfterInitialization(new Mails(), "mails");
		assertThatIllegalArgumentException().isThrownBy(() -> processor.handlers().get("thumbnail"))
			.withMessage("No @BackgroundWorkHandler for background work 'thumbnail'; known handlers: customer-mail "
					+ "(the application is still starting: a handler is found when its bean is created)");
		processor.afterSingletonsInstantiated();
		assertThatIllegalArgumentException().isThrownBy(() -> processor.handlers().get("thumbnail"))
			.withMessage("No @BackgroundWorkHandler for background work 'thumbnail'; known handlers: customer-mail");
	}

	@Test
	void payloadOfTheWrongTypeIsRefusedAtLookup() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> this.handlers.handlerFor(WorkRequest.of("thumbnail", new Mail(42))))
			.withMessageContaining("Background work 'thumbnail' has a payload of type " + Mail.class.getName())
			.withMessageContaining(Thumbnails.class.getName() + "#make(WorkHandlersTests.Thumbnail)")
			.withMessageEndingWith("takes a " + Thumbnail.class.getName());
	}

	@Test
	void twoHandlersForOneNameAreRefusedNamingBoth() {
		assertThatIllegalStateException().isThrownBy(() -> WorkHandlers.of(new Thumbnails(), new OtherThumbnails()))
			.withMessage("Background work 'thumbnail' has two handlers: " + Thumbnails.class.getName()
					+ "#make(WorkHandlersTests.Thumbnail) of bean 'Thumbnails' and " + OtherThumbnails.class.getName()
					+ "#render(WorkHandlersTests.Thumbnail) of bean 'OtherThumbnails'");
	}

	@Test
	void oneHandlerMethodOnTwoBeansIsRefusedAsNotASingleton() {
		assertThatIllegalStateException().isThrownBy(() -> WorkHandlers.of(new Thumbnails(), new Thumbnails()))
			.withMessageEndingWith("; a handler's bean must be a singleton");
	}

	record Thumbnail(String path) {
	}

	record Mail(long customerId) {
	}

	static class Thumbnails {

		@BackgroundWorkHandler("thumbnail")
		void make(Thumbnail thumbnail) {
		}

	}

	static class OtherThumbnails {

		@BackgroundWorkHandler("thumbnail")
		void render(Thumbnail thumbnail) {
		}

	}

	static class Mails {

		@BackgroundWorkHandler("customer-mail")
		void send(Mail mail) {
		}

	}

}
