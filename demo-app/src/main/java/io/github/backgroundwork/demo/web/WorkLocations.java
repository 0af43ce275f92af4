package io.github.backgroundwork.demo.web;

import java.net.URI;

import io.github.backgroundwork.WorkHandle;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Where a queued item can be watched and cancelled: {@code /work/{id}} on the demo's own
 * server ({@link WorkController}), so that it holds wherever the actuator is served.
 *
 * @since 0.1.0
 */
@Component
public class WorkLocations {

	private final String contextPath;

	/**
	 * Create the locations.
	 * @param contextPath the application's context path
	 */
	public WorkLocations(@Value("${server.servlet.context-path:}") String contextPath) {
		this.contextPath = contextPath;
	}

	/**
	 * Return the location of an item, relative to the server.
	 * @param id the item's id
	 * @return for example {@code /work/k3XbQ9aZ-1f}
	 */
	public URI of(String id) {
		return UriComponentsBuilder.fromPath(this.contextPath).pathSegment("work", id).build().encode().toUri();
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
