package io.github.backgroundwork.examples.recurring;

import io.github.backgroundwork.BackgroundWorkHandler;
import io.github.backgroundwork.WorkContext;

import org.springframework.stereotype.Component;

/**
 * Recurring handlers, as docs/recurring.md shows them.
 */
@Component
class Reports {

	@BackgroundWorkHandler(value = "nightly-report", cron = "0 0 2 * * *", zone = "Europe/Paris")
	void nightlyReport(WorkContext context) {
		context.throwIfCancellationRequested();
	}

	@BackgroundWorkHandler(value = "expire-sessions", every = "5m")
	void expireSessions() {
	}

}
