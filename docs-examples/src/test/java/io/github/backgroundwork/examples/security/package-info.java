/**
 * The recipe for securing the endpoint with Spring Security.
 */
@NullMarked
package io.github.backgroundwork.examples.security;

import org.jspecify.annotations.NullMarked;
