package io.github.backgroundwork.examples.security;

import io.github.backgroundwork.actuate.BackgroundWorkEndpoint;

import org.springframework.boot.security.autoconfigure.actuate.web.servlet.EndpointRequest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Secures the {@code backgroundwork} endpoint: support staff read it, operators also
 * cancel work. Every other request keeps Spring Boot's default rule (a user is needed),
 * which a {@link SecurityFilterChain} of your own would otherwise turn off.
 */
@Configuration(proxyBeanMethods = false)
class BackgroundWorkEndpointSecurity {

	@Bean
	@Order(1)
	SecurityFilterChain backgroundWorkEndpointSecurityFilterChain(HttpSecurity http) throws Exception {
		return http.securityMatcher(EndpointRequest.to(BackgroundWorkEndpoint.class))
			.authorizeHttpRequests((requests) -> requests.requestMatchers(HttpMethod.GET)
				.hasAnyRole("SUPPORT", "OPERATOR")
				.anyRequest()
				.hasRole("OPERATOR"))
			.httpBasic(Customizer.withDefaults())
			// Called by operators' tools with credentials on each request, never with a
			// browser session: there is no session for a forged request to ride on
			.csrf((csrf) -> csrf.disable())
			.build();
	}

	@Bean
	@Order(2)
	SecurityFilterChain applicationSecurityFilterChain(HttpSecurity http) throws Exception {
		return http.authorizeHttpRequests((requests) -> requests.anyRequest().authenticated())
			.formLogin(Customizer.withDefaults())
			.httpBasic(Customizer.withDefaults())
			.build();
	}

}
