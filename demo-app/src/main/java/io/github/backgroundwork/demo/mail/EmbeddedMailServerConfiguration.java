package io.github.backgroundwork.demo.mail;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.mail.javamail.JavaMailSenderImpl;

/**
 * Starts an SMTP server (GreenMail) in-process on a free local port and points the
 * {@link org.springframework.mail.javamail.JavaMailSender} at it, so that the demo sends
 * real mail with no setup. Setting {@code spring.mail.host} switches to that server
 * (through Spring Boot's mail auto-configuration) and turns this one off, as does
 * {@code demo.mail.embedded-server.enabled=false}.
 *
 * @since 0.1.0
 */
@Configuration(proxyBeanMethods = false)
@Conditional(EmbeddedMailServerConfiguration.NoMailServerConfigured.class)
@ConditionalOnBooleanProperty(name = "demo.mail.embedded-server.enabled", matchIfMissing = true)
public class EmbeddedMailServerConfiguration {

	private static final Log logger = LogFactory.getLog(EmbeddedMailServerConfiguration.class);

	@Bean(destroyMethod = "stop")
	GreenMail embeddedMailServer() {
		GreenMail server = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort());
		server.start();
		logger.info("Embedded SMTP server listening on 127.0.0.1:" + server.getSmtp().getPort()
				+ "; GET /mailbox shows what it received");
		return server;
	}

	@Bean
	JavaMailSenderImpl mailSender(GreenMail embeddedMailServer) {
		JavaMailSenderImpl sender = new JavaMailSenderImpl();
		sender.setHost(embeddedMailServer.getSmtp().getBindTo());
		sender.setPort(embeddedMailServer.getSmtp().getPort());
		return sender;
	}

	/**
	 * Matches when Spring Boot configures no mail sender of its own: neither
	 * {@code spring.mail.host} nor {@code spring.mail.jndi-name} is set.
	 */
	static class NoMailServerConfigured extends SpringBootCondition {

		@Override
		public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
			for (String property : new String[] { "spring.mail.host", "spring.mail.jndi-name" }) {
				if (context.getEnvironment().containsProperty(property)) {
					return ConditionOutcome.noMatch(property + " is set");
				}
			}
			return ConditionOutcome.match("neither spring.mail.host nor spring.mail.jndi-name is set");
		}

	}

}
