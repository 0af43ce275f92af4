/**
 * What the demo's HTTP endpoints share: error responses.
 */
@NullMarked
package io.github.backgroundwork.demo.web;

import org.jspecify.annotations.NullMarked;
