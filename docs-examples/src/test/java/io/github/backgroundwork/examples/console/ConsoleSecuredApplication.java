package io.github.backgroundwork.examples.console;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;

/**
 * An application with the console, its security recipe and two users.
 */
@SpringBootApplication
class ConsoleSecuredApplication {

	@Bean
	InMemoryUserDetailsManager users() {
		return new InMemoryUserDetailsManager(User.withUsername("support").password("{noop}s").roles("SUPPORT").build(),
				User.withUsername("operator").password("{noop}o").roles("OPERATOR").build());
	}

}
