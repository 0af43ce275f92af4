package io.github.backgroundwork.console;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.github.backgroundwork.BackgroundWorkQueue;
import io.github.backgroundwork.PausedWork;
import io.github.backgroundwork.WorkHandle;
import io.github.backgroundwork.WorkRejectedException;
import io.github.backgroundwork.WorkRequest;
import io.github.backgroundwork.actuate.BackgroundWorkEndpoint;
import io.github.backgroundwork.actuate.BulkActionDescriptor;
import io.github.backgroundwork.actuate.ItemActionDescriptor;
import io.github.backgroundwork.actuate.QueuesDescriptor;
import io.github.backgroundwork.actuate.RequestErrorDescriptor;
import io.github.backgroundwork.actuate.WorkActions;
import io.github.backgroundwork.actuate.WorkItemDescriptor;
import io.github.backgroundwork.recurring.RecurringStatus;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.actuate.endpoint.InvalidEndpointRequestException;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.RouterFunctions;
import org.springframework.web.servlet.function.ServerRequest;
import org.springframework.web.servlet.function.ServerResponse;

/**
 * The console's page and its JSON API under {@code {path}/api}: reads go through the
 * {@link BackgroundWorkEndpoint} (the recurring names too), actions through
 * {@link WorkActions}, as the endpoint's. In read-only mode every action answers
 * {@code 403}.
 *
 * @since 0.1.0
 */
public class ConsoleApi {

	static final String STATIC_LOCATION = "io/github/backgroundwork/console/static/";

	/**
	 * No script, style or connection leaves the application; nothing may frame the page.
	 */
	private static final String CONTENT_SECURITY_POLICY = "default-src 'self'; img-src 'self' data:; "
			+ "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

	private static final String CSRF_ATTRIBUTE = "org.springframework.security.web.csrf.CsrfToken";

	private final BackgroundWorkEndpoint endpoint;

	private final WorkActions actions;

	private final ThroughputHistory throughput;

	private final BackgroundWorkConsoleProperties properties;

	private final Map<String, ? extends BackgroundWorkQueue> queues;

	private final List<String> queueNames;

	private final boolean durable;

	/**
	 * Create the API.
	 * @param queues the queues, by name
	 * @param endpoint the endpoint that describes them
	 * @param durable whether typed work is kept in a durable store
	 * @param actions the actions on them
	 * @param throughput their recent throughput
	 * @param properties the console's configuration
	 */
	public ConsoleApi(Map<String, ? extends BackgroundWorkQueue> queues, BackgroundWorkEndpoint endpoint,
			boolean durable, WorkActions actions, ThroughputHistory throughput,
			BackgroundWorkConsoleProperties properties) {
		this.endpoint = endpoint;
		this.actions = actions;
		this.throughput = throughput;
		this.properties = properties;
		this.queues = queues;
		this.queueNames = List.copyOf(queues.keySet());
		this.durable = durable;
	}

	/**
	 * The console's routes, under its path.
	 * @return the routes
	 */
	public RouterFunction<ServerResponse> routes() {
		String path = this.properties.getPath();
		String api = path + "/api";
		return RouterFunctions.route()
			.GET(path, this::redirectToPage)
			.GET(path + "/", this::page)
			.resources(path + "/assets/**", new ClassPathResource(STATIC_LOCATION))
			.GET(api + "/session", this::session)
			.GET(api + "/queues", this::queues)
			.GET(api + "/items/{id}", this::item)
			.GET(api + "/items/{id}/payload", this::payload)
			.GET(api + "/throughput", (request) -> json(this.throughput.points()))
			.GET(api + "/paused", this::paused)
			.GET(api + "/recurring", (request) -> json(recurring()))
			.POST(api + "/items/{id}/{action}",
					(request) -> act(() -> itemAction(request.pathVariable("id"), request.pathVariable("action"))))
			.POST(api + "/bulk/{action}", (request) -> act(() -> bulk(request)))
			.POST(api + "/queues/{queue}/{action}", (request) -> act(() -> pause(request, null)))
			.POST(api + "/queues/{queue}/names/{name}/{action}",
					(request) -> act(() -> pause(request, request.pathVariable("name"))))
			.POST(api + "/recurring/{name}/{action}", (request) -> act(() -> recurringAction(request)))
			.build();
	}

	private ServerResponse redirectToPage(ServerRequest request) {
		// The page loads its assets and the API by relative URLs, which need the slash
		return ServerResponse.status(HttpStatus.FOUND)
			.location(URI.create(request.servletRequest().getRequestURI() + "/"))
			.build();
	}

	private ServerResponse page(ServerRequest request) {
		Resource index = new ClassPathResource(STATIC_LOCATION + "index.html");
		return ServerResponse.ok()
			.contentType(MediaType.TEXT_HTML)
			.cacheControl(CacheControl.noStore())
			.header("Content-Security-Policy", CONTENT_SECURITY_POLICY)
			.header("X-Content-Type-Options", "nosniff")
			.header("Referrer-Policy", "no-referrer")
			.body(index);
	}

	private ServerResponse session(ServerRequest request) {
		Map<String, @Nullable Object> session = new LinkedHashMap<>();
		session.put("readOnly", this.properties.isReadOnly());
		session.put("showPayloads", this.properties.isShowPayloads());
		session.put("queues", this.queueNames);
		session.put("durable", this.durable);
		Object csrf = request.servletRequest().getAttribute(CSRF_ATTRIBUTE);
		// Spring Security's token, for the header of every POST; null without it
		session.put("csrf", (csrf != null) ? CsrfTokens.describe(csrf) : null);
		return json(session);
	}

	private ServerResponse queues(ServerRequest request) {
		try {
			String key = param(request, "key");
			if (key == null) {
				return json(this.endpoint.queues(param(request, "queue"), param(request, "state"),
						param(request, "name"), integer(request, "offset"), integer(request, "limit")));
			}
			QueuesDescriptor newest = this.endpoint.queues(param(request, "queue"), param(request, "state"),
					param(request, "name"), 0, BackgroundWorkEndpoint.MAX_LIMIT);
			return json(KeyFilter.apply(newest, key, integer(request, "offset"), integer(request, "limit")));
		}
		catch (InvalidEndpointRequestException ex) {
			return badRequest(ex.getReason());
		}
		catch (IllegalArgumentException ex) {
			return badRequest(String.valueOf(ex.getMessage()));
		}
	}

	private ServerResponse paused(ServerRequest request) {
		Map<String, PausedWork> paused = new LinkedHashMap<>();
		this.queues.forEach((name, queue) -> paused.put(name, queue.paused()));
		return json(paused);
	}

	private ServerResponse payload(ServerRequest request) {
		if (!this.properties.isShowPayloads()) {
			return error(HttpStatus.FORBIDDEN,
					"Payloads are not shown (background-work.console.show-payloads=false): they may hold personal data");
		}
		String id = request.pathVariable("id");
		for (BackgroundWorkQueue queue : this.queues.values()) {
			Optional<WorkHandle> item = queue.find(id);
			if (item.isPresent()) {
				WorkRequest work = item.get().snapshot().request();
				Map<String, @Nullable Object> body = new LinkedHashMap<>();
				body.put("id", id);
				body.put("payload", (work != null) ? work.payload() : null);
				body.put("type", (work != null) ? work.payload().getClass().getName() : null);
				return json(body);
			}
		}
		return error(HttpStatus.NOT_FOUND, "No item kept in memory has the id '" + id + "'");
	}

	private ServerResponse item(ServerRequest request) {
		WorkItemDescriptor item = this.endpoint.item(request.pathVariable("id"));
		if (item == null) {
			return error(HttpStatus.NOT_FOUND, "No item has the id '" + request.pathVariable("id") + "' (any more)");
		}
		return json(item);
	}

	private ServerResponse itemAction(String id, String action) {
		ItemActionDescriptor outcome = this.actions.onItem(id, action);
		HttpStatus status = switch (outcome.result()) {
			case APPLIED -> HttpStatus.OK;
			case NOT_FOUND -> HttpStatus.NOT_FOUND;
			default -> HttpStatus.CONFLICT;
		};
		return ServerResponse.status(status).contentType(MediaType.APPLICATION_JSON).body(outcome);
	}

	private ServerResponse bulk(ServerRequest request) {
		BulkActionDescriptor result = this.actions.onAll(request.pathVariable("action"), param(request, "queue"),
				param(request, "state"), param(request, "name"), param(request, "key"), param(request, "olderThan"));
		return json(result);
	}

	private ServerResponse pause(ServerRequest request, @Nullable String name) {
		String action = request.pathVariable("action");
		if (!action.equals("pause") && !action.equals("resume")) {
			return badRequest("action must be pause or resume, was '" + action + "'");
		}
		return json(this.actions.onAll(action, request.pathVariable("queue"), null, name, null, null));
	}

	private List<RecurringStatus> recurring() {
		List<RecurringStatus> recurring = this.endpoint.recurring();
		return (recurring != null) ? recurring : List.of();
	}

	/**
	 * Run a recurring name now, or pause or resume it in every queue (it runs in the
	 * primary one), as the endpoint's {@code trigger}, {@code pause} and {@code resume}.
	 */
	private ServerResponse recurringAction(ServerRequest request) {
		String name = request.pathVariable("name");
		String action = request.pathVariable("action");
		return switch (action) {
			case "trigger" -> json(this.actions.trigger(name));
			case "pause", "resume" -> json(this.actions.onAll(action, null, null, name, null, null));
			default -> badRequest("action must be pause, resume or trigger, was '" + action + "'");
		};
	}

	private ServerResponse act(ActionCall action) {
		if (this.properties.isReadOnly()) {
			return error(HttpStatus.FORBIDDEN,
					"The console is read-only (background-work.console.read-only=true): it changes nothing");
		}
		try {
			return action.call();
		}
		catch (IllegalArgumentException ex) {
			return badRequest(String.valueOf(ex.getMessage()));
		}
		catch (WorkRejectedException ex) {
			// A retried item kept in memory that does not fit in its queue now
			return error(HttpStatus.SERVICE_UNAVAILABLE, String.valueOf(ex.getMessage()));
		}
	}

	private static @Nullable String param(ServerRequest request, String name) {
		Optional<String> value = request.param(name);
		return value.filter((text) -> !text.isBlank()).orElse(null);
	}

	private static @Nullable Integer integer(ServerRequest request, String name) {
		String value = param(request, name);
		if (value == null) {
			return null;
		}
		try {
			return Integer.valueOf(value.trim());
		}
		catch (NumberFormatException ex) {
			throw new IllegalArgumentException(name + " must be a whole number, was '" + value + "'");
		}
	}

	private static ServerResponse json(Object body) {
		return ServerResponse.ok()
			.contentType(MediaType.APPLICATION_JSON)
			.cacheControl(CacheControl.noStore())
			.body(body);
	}

	private static ServerResponse badRequest(String message) {
		return error(HttpStatus.BAD_REQUEST, message);
	}

	private static ServerResponse error(HttpStatus status, String message) {
		return ServerResponse.status(status)
			.contentType(MediaType.APPLICATION_JSON)
			.body(new RequestErrorDescriptor(status.value(), status.getReasonPhrase(), message));
	}

	@FunctionalInterface
	private interface ActionCall {

		ServerResponse call();

	}

}
