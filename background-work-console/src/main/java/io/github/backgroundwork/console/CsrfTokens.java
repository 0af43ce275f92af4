package io.github.backgroundwork.console;

import java.util.Map;

import org.springframework.security.web.csrf.CsrfToken;

/**
 * Reads Spring Security's CSRF token for the console's page; loaded only when a request
 * carries one, so that the console needs no Spring Security otherwise.
 */
final class CsrfTokens {

	private CsrfTokens() {
	}

	/**
	 * Describe a token: the header to send it in and its value. Reading the value loads a
	 * deferred token, so that the repository keeps it for the POSTs that follow.
	 * @param token the request's {@code CsrfToken} attribute
	 * @return the header name and the token, or {@code null} if it is not a token
	 */
	static Map<String, String> describe(Object token) {
		if (token instanceof CsrfToken csrf) {
			return Map.of("headerName", csrf.getHeaderName(), "token", csrf.getToken());
		}
		return Map.of();
	}

}
