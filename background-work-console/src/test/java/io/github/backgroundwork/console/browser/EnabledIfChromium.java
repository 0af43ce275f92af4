package io.github.backgroundwork.console.browser;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs the annotated test class only where Chromium and ChromeDriver are found, and
 * otherwise skips it with a message that says how to install them, as Testcontainers'
 * {@code disabledWithoutDocker} does; where the browser is required, their absence fails
 * the class instead.
 *
 * @see ChromiumCondition
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@ExtendWith(ChromiumCondition.class)
public @interface EnabledIfChromium {

}
