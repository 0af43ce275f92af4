package io.github.backgroundwork.examples.queues;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * An application with two queues of its own and a customizer for both.
 */
@SpringBootApplication
class QueuesApplication {

}
