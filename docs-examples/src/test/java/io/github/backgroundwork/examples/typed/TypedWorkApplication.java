package io.github.backgroundwork.examples.typed;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * An application with the typed handlers of the README and docs/typed-work.md.
 */
@SpringBootApplication
class TypedWorkApplication {

}
