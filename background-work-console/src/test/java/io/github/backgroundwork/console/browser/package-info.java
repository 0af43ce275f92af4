/**
 * Finding Chromium for the console's browser tests, and skipping or failing them without;
 * a copy of the demo's, as the modules share no test code.
 */
@NullMarked
package io.github.backgroundwork.console.browser;

import org.jspecify.annotations.NullMarked;
