/**
 * Demo application: customer emails and picture thumbnails queued as background work.
 */
@NullMarked
package io.github.backgroundwork.demo;

import org.jspecify.annotations.NullMarked;
