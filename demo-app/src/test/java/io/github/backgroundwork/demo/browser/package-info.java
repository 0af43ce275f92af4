/**
 * Finding Chromium for the demo's browser test, and skipping or failing it without.
 */
@NullMarked
package io.github.backgroundwork.demo.browser;

import org.jspecify.annotations.NullMarked;
