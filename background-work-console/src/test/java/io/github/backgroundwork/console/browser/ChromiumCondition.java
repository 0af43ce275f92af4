package io.github.backgroundwork.console.browser;

import java.util.Optional;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Runs browser tests where {@link Chromium} is found and skips them, saying how to
 * install it, where it is not; unless the browser is required
 * ({@value #REQUIRE_PROPERTY}{@code =true} as a system property or JUnit configuration
 * parameter, or {@value #REQUIRE_VARIABLE}{@code =true} in the environment), in which
 * case its absence fails them. CI requires it, so that it never skips them silently.
 *
 * @see EnabledIfChromium
 */
public class ChromiumCondition implements ExecutionCondition {

	/**
	 * Configuration parameter that makes the browser required.
	 */
	public static final String REQUIRE_PROPERTY = "background-work.require-browser";

	/**
	 * Environment variable that makes the browser required.
	 */
	public static final String REQUIRE_VARIABLE = "BACKGROUND_WORK_REQUIRE_BROWSER";

	@Override
	public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
		boolean required = Boolean.parseBoolean(context.getConfigurationParameter(REQUIRE_PROPERTY).orElse(null))
				|| Boolean.parseBoolean(System.getenv(REQUIRE_VARIABLE));
		ConditionEvaluationResult result = evaluate(Chromium.find(), required);
		if (result.isDisabled()) {
			// Maven's console shows how many tests were skipped, not why: say it where
			// people look
			System.err.println("[WARNING] " + context.getDisplayName() + ": " + result.getReason().orElse(""));
		}
		return result;
	}

	/**
	 * Decide whether browser tests run.
	 * @param chromium the browser, if found
	 * @param required whether its absence is a failure
	 * @return enabled if found, disabled with the reason if not
	 * @throws IllegalStateException if the browser is required and not found
	 */
	static ConditionEvaluationResult evaluate(Optional<Chromium> chromium, boolean required) {
		if (chromium.isPresent()) {
			return ConditionEvaluationResult
				.enabled("Chromium at " + chromium.get().browser() + ", ChromeDriver at " + chromium.get().driver());
		}
		if (required) {
			throw new IllegalStateException(Chromium.notFound() + ". The browser test is required here ("
					+ REQUIRE_VARIABLE + "=true or -D" + REQUIRE_PROPERTY + "=true), so it fails instead of skipping");
		}
		return ConditionEvaluationResult.disabled("Browser test skipped: " + Chromium.notFound());
	}

}
