package io.github.backgroundwork.autoconfigure;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.github.backgroundwork.BackgroundWorkHandler;
import io.github.backgroundwork.WorkContext;
import io.github.backgroundwork.WorkRequest;
import io.github.backgroundwork.handler.WorkHandlerBeanPostProcessor;
import io.github.backgroundwork.handler.WorkHandlerMethod;
import io.github.backgroundwork.handler.WorkHandlers;
import org.junit.jupiter.api.Test;

import org.springframework.aop.support.AopUtils;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.transaction.autoconfigure.TransactionAutoConfiguration;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;

/**
 * Tests that the auto-configuration finds {@link BackgroundWorkHandler} methods on beans,
 * proxied or not, and fails startup on a bad one.
 */
class WorkHandlerDiscoveryTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(BackgroundWorkAutoConfiguration.class));

	private final ApplicationContextRunner transactionalContextRunner = this.contextRunner
		.withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class,
				DataSourceTransactionManagerAutoConfiguration.class, TransactionAutoConfiguration.class));

	private final WorkContext workContext = mock(WorkContext.class);

	@Test
	void handlersOfBeansAreFoundAndCalled() {
		this.contextRunner.withBean(Thumbnails.class).run((context) -> {
			WorkHandlers handlers = context.getBean(WorkHandlers.class);
			assertThat(handlers.names()).containsExactly("thumbnail");
			Thumbnail thumbnail = new Thumbnail("a.png");
			handlers.handlerFor(WorkRequest.of("thumbnail", thumbnail)).invoke(thumbnail, this.workContext);
			assertThat(context.getBean(Thumbnails.class).made).containsExactly(thumbnail);
		});
	}

	@Test
	void handlerOfAClassProxiedBeanIsCalledThroughTheProxy() {
		this.transactionalContextRunner.withBean(TransactionalMails.class).run((context) -> {
			TransactionalMails mails = context.getBean(TransactionalMails.class);
			assertThat(AopUtils.isCglibProxy(mails)).isTrue();
			context.getBean(WorkHandlers.class).get("customer-mail").invoke(new Mail(42), this.workContext);
			assertThat(mails.sentInTransaction()).containsExactly(true);
		});
	}

	@Test
	void handlerOfAnInterfaceProxiedBeanIsCalledThroughTheProxy() {
		this.transactionalContextRunner.withPropertyValues("spring.aop.proxy-target-class=false")
			.withBean(TransactionalMailSender.class)
			.run((context) -> {
				MailSender sender = context.getBean(MailSender.class);
				assertThat(AopUtils.isJdkDynamicProxy(sender)).isTrue();
				WorkHandlerMethod handler = context.getBean(WorkHandlers.class).get("customer-mail");
				assertThat(handler.method().getDeclaringClass()).isEqualTo(TransactionalMailSender.class);
				handler.invoke(new Mail(42), this.workContext);
				assertThat(sender.sentInTransaction()).containsExactly(true);
			});
	}

	@Test
	void startupFailsWhenAHandlerCannotBeCalledThroughAnInterfaceProxy() {
		this.transactionalContextRunner.withPropertyValues("spring.aop.proxy-target-class=false")
			.withBean("mailSender", HiddenHandlerMailSender.class)
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(context.getStartupFailure()).rootCause()
					.hasMessageStartingWith(
							"Invalid @BackgroundWorkHandler method " + HiddenHandlerMailSender.class.getName()
									+ "#resend(WorkHandlerDiscoveryTests.Mail) of bean 'mailSender': "
									+ "it cannot be called through the bean's proxy");
			});
	}

	@Test
	void startupFailsWhenTwoHandlersShareANameNamingBoth() {
		this.contextRunner.withBean("thumbnails", Thumbnails.class)
			.withBean("otherThumbnails", OtherThumbnails.class)
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(context.getStartupFailure()).rootCause()
					.hasMessage("Background work 'thumbnail' has two handlers: " + Thumbnails.class.getName()
							+ "#make(WorkHandlerDiscoveryTests.Thumbnail, WorkContext) of bean 'thumbnails' and "
							+ OtherThumbnails.class.getName()
							+ "#render(WorkHandlerDiscoveryTests.Thumbnail) of bean 'otherThumbnails'");
			});
	}

	@Test
	void startupFailsOnAHandlerOfTheWrongShapeNamingIt() {
		this.contextRunner.withBean("broken", TwoPayloads.class).run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.hasMessageStartingWith("Invalid @BackgroundWorkHandler method " + TwoPayloads.class.getName()
						+ "#send(String, String) of bean 'broken': it takes 2 payload parameters");
		});
	}

	@Test
	void noHandlersAreLookedForWhenDisabled() {
		this.contextRunner.withPropertyValues("background-work.enabled=false")
			.withBean("broken", TwoPayloads.class)
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context).doesNotHaveBean(WorkHandlers.class);
				assertThat(context).doesNotHaveBean(WorkHandlerBeanPostProcessor.class);
			});
	}

	record Thumbnail(String path) {
	}

	record Mail(long customerId) {
	}

	static class Thumbnails {

		final List<Thumbnail> made = new CopyOnWriteArrayList<>();

		@BackgroundWorkHandler("thumbnail")
		void make(Thumbnail thumbnail, WorkContext context) {
			this.made.add(thumbnail);
		}

	}

	static class OtherThumbnails {

		@BackgroundWorkHandler("thumbnail")
		void render(Thumbnail thumbnail) {
		}

	}

	static class TwoPayloads {

		@BackgroundWorkHandler("mail")
		void send(String to, String body) {
		}

	}

	static class TransactionalMails {

		private final List<Boolean> sentInTransaction = new CopyOnWriteArrayList<>();

		@Transactional
		@BackgroundWorkHandler("customer-mail")
		public void send(Mail mail) {
			this.sentInTransaction.add(TransactionSynchronizationManager.isActualTransactionActive());
		}

		public List<Boolean> sentInTransaction() {
			return this.sentInTransaction;
		}

	}

	interface MailSender {

		void send(Mail mail);

		List<Boolean> sentInTransaction();

	}

	static class TransactionalMailSender implements MailSender {

		private final List<Boolean> sentInTransaction = new CopyOnWriteArrayList<>();

		@Override
		@Transactional
		@BackgroundWorkHandler("customer-mail")
		public void send(Mail mail) {
			this.sentInTransaction.add(TransactionSynchronizationManager.isActualTransactionActive());
		}

		@Override
		public List<Boolean> sentInTransaction() {
			return this.sentInTransaction;
		}

	}

	static class HiddenHandlerMailSender extends TransactionalMailSender {

		@BackgroundWorkHandler("customer-mail-again")
		public void resend(Mail mail) {
		}

	}

}
