package io.github.backgroundwork.examples.queues;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.springframework.stereotype.Component;

/**
 * Where the audit goes: the name of each item started, and the thread that ran it.
 */
@Component
class AuditLog {

	final List<String> entries = new CopyOnWriteArrayList<>();

}
