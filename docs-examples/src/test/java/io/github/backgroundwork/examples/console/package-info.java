/**
 * The console's security recipe, run against a real server.
 */
@NullMarked
package io.github.backgroundwork.examples.console;

import org.jspecify.annotations.NullMarked;
