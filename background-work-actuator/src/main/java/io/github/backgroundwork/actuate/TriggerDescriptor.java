package io.github.backgroundwork.actuate;

import io.github.backgroundwork.WorkState;

import org.springframework.boot.actuate.endpoint.OperationResponseBody;

/**
 * What {@code POST /actuator/backgroundwork/recurring/{name}} returns: the extra run of a
 * recurring name it enqueued.
 *
 * @param name the recurring name
 * @param id the run's item id
 * @param state the run's state just after it was enqueued
 * @since 0.1.0
 */
public record TriggerDescriptor(String name, String id, WorkState state) implements OperationResponseBody {

}
