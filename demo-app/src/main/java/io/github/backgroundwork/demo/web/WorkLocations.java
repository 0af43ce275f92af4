package io.github.backgroundwork.demo.web;

import java.net.URI;

import io.github.backgroundwork.WorkHandle;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Where a queued item can be watched: its page of the actuator's {@code backgroundwork}
 * endpoint.
 *
 * @since 0.1.0
 */
@Component
public class WorkLocations {

	private final String contextPath;

	private final String actuatorBasePath;

	/**
	 * Create the locations.
	 * @param contextPath the application's context path
	 * @param actuatorBasePath the actuator's base path
	 */
	public WorkLocations(@Value("${server.servlet.context-path:}") String contextPath,
			@Value("${management.endpoints.web.base-path:/actuator}") String actuatorBasePath) {
		this.contextPath = contextPath;
		this.actuatorBasePath = actuatorBasePath;
	}

	/**
	 * Return the location of an item, relative to the server.
	 * @param id the item's id
	 * @return for example {@code /actuator/backgroundwork/42}
	 */
	public URI of(String id) {
		return UriComponentsBuilder.fromPath(this.contextPath)
			.path(this.actuatorBasePath)
			.pathSegment("backgroundwork", id)
			.build()
			.toUri();
	}

	/**
	 * Start a {@code 202 Accepted} response whose {@code Location} is the item's.
	 * @param work the queued item
	 * @return the response builder
	 */
	public ResponseEntity.BodyBuilder accepted(WorkHandle work) {
		return ResponseEntity.accepted().location(of(work.id()));
	}

}
