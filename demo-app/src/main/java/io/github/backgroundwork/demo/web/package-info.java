/**
 * What the demo's HTTP endpoints share: where accepted work is watched and cancelled, and
 * error responses.
 */
@NullMarked
package io.github.backgroundwork.demo.web;

import org.jspecify.annotations.NullMarked;
