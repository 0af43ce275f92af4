/**
 * A console for operators, served under a path of the application's own servlet web
 * server, reading and acting through the same code as the {@code backgroundwork}
 * endpoint.
 */
@NullMarked
package io.github.backgroundwork.console;

import org.jspecify.annotations.NullMarked;
