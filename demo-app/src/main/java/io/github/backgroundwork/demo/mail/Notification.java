package io.github.backgroundwork.demo.mail;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

/**
 * A notification for every customer, as posted in a form or as JSON.
 *
 * @param subject the mail's subject
 * @param message the mail's text
 * @since 0.1.0
 */
public record Notification(@Nullable @NotBlank @Size(max = 200) String subject,
		@Nullable @NotBlank @Size(max = 10_000) String message) {

}
