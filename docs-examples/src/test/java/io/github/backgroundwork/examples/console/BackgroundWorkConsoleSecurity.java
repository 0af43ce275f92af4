package io.github.backgroundwork.examples.console;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;

/**
 * The docs' recipe for the console with Spring Security: support staff look, operators
 * also act. The application's own chain decides who uses the console (the console's
 * loopback-only default steps aside once Spring Security is there), with a login form for
 * the browser and CSRF protection left on: the console sends the token on every POST.
 * Tested by {@link BackgroundWorkConsoleSecurityTests}; docs/console.md shows this file.
 */
@Configuration(proxyBeanMethods = false)
class BackgroundWorkConsoleSecurity {

	@Bean
	SecurityFilterChain securityFilterChain(HttpSecurity http) throws Exception {
		return http
			.authorizeHttpRequests((requests) -> requests.requestMatchers(HttpMethod.GET, "/background-work/**")
				.hasAnyRole("SUPPORT", "OPERATOR")
				.requestMatchers("/background-work/**")
				.hasRole("OPERATOR")
				// ... your application's own rules
				.anyRequest()
				.authenticated())
			.formLogin(Customizer.withDefaults())
			.httpBasic(Customizer.withDefaults())
			.build();
	}

}
