/**
 * Customer notifications sent over SMTP as background work, and the embedded mail server.
 */
@NullMarked
package io.github.backgroundwork.demo.mail;

import org.jspecify.annotations.NullMarked;
