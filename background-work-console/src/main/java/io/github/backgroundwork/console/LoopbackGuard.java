package io.github.backgroundwork.console;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Lets only loopback clients use the console, as Hangfire's dashboard does by default,
 * where no Spring Security filter chain guards the application. The client is
 * {@link HttpServletRequest#getRemoteAddr()}: the address as the application resolves it,
 * which {@code server.forward-headers-strategy} rewrites to the one a proxy forwarded, so
 * that a request a local proxy forwards for a remote client is refused too. Others get
 * {@code 403} with a text that says why and what to do.
 *
 * @since 0.1.0
 */
public class LoopbackGuard extends OncePerRequestFilter {

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String client = request.getRemoteAddr();
		if (isLoopback(client)) {
			chain.doFilter(request, response);
			return;
		}
		response.setStatus(HttpStatus.FORBIDDEN.value());
		response.setContentType(MediaType.TEXT_PLAIN_VALUE);
		response.setCharacterEncoding(StandardCharsets.UTF_8.name());
		response.getWriter()
			.write("The background work console answers only clients on this machine (loopback), and this request "
					+ "came from " + client + ". Protect the console (Spring Security, or a network that only "
					+ "operators reach), then set background-work.console.allow-remote=true. Behind a proxy, see "
					+ "server.forward-headers-strategy.\n");
	}

	/**
	 * Whether an address is a loopback one. Only IP literals are parsed, so that no name
	 * is ever looked up in DNS; anything else ({@code unknown} from a proxy, say) is not
	 * loopback.
	 * @param address the client's address
	 * @return whether it is {@code 127.0.0.0/8} or {@code ::1}
	 */
	static boolean isLoopback(@Nullable String address) {
		if (address == null || address.isEmpty() || !address.chars().allMatch(LoopbackGuard::isLiteralChar)) {
			return false;
		}
		String literal = address.startsWith("[") && address.endsWith("]") ? address.substring(1, address.length() - 1)
				: address;
		if (literal.indexOf(':') < 0 && !literal.chars().allMatch((c) -> c == '.' || Character.isDigit(c))) {
			// Hexadecimal letters without a colon would be a host name
			return false;
		}
		try {
			return InetAddress.getByName(literal).isLoopbackAddress();
		}
		catch (UnknownHostException ex) {
			return false;
		}
	}

	private static boolean isLiteralChar(int c) {
		return Character.digit(c, 16) >= 0 || c == '.' || c == ':' || c == '[' || c == ']';
	}

}
