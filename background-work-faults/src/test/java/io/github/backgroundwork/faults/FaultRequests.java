package io.github.backgroundwork.faults;

import java.util.List;

import io.github.backgroundwork.WorkRequest;

/**
 * The requests a child instance enqueues when it is told to ({@code faults.enqueue}).
 */
@FunctionalInterface
public interface FaultRequests {

	/**
	 * Create the requests.
	 * @param count how many
	 * @return the requests
	 */
	List<WorkRequest> create(int count);

}
