package io.github.backgroundwork.faults.v2;

import java.util.stream.IntStream;

import io.github.backgroundwork.BackgroundWorkHandler;
import io.github.backgroundwork.WorkContext;
import io.github.backgroundwork.WorkRequest;
import io.github.backgroundwork.faults.FaultApplication;
import io.github.backgroundwork.faults.FaultRequests;
import io.github.backgroundwork.faults.FaultWork;
import io.github.backgroundwork.faults.RunRecorder;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The new version's additions, loaded by {@link FaultApplication} with
 * {@code -Dfaults.v2=true}: a handler of a new name, {@value #NEW_NAME}, and a new
 * payload class, {@link RollingItem}, for work of the existing name
 * {@link FaultWork#NAME}; it enqueues half of its items of each.
 */
@Configuration(proxyBeanMethods = false)
public class V2Configuration {

	/**
	 * Name of the work only the new version handles.
	 */
	public static final String NEW_NAME = "fault-work-v2";

	@Bean
	NewHandler newHandler(RunRecorder recorder) {
		return new NewHandler(recorder);
	}

	@Bean
	FaultRequests rollingRequests() {
		return (count) -> IntStream.rangeClosed(1, count)
			.mapToObj((n) -> WorkRequest.of((n % 2 == 0) ? NEW_NAME : FaultWork.NAME, new RollingItem(n, "v2")))
			.toList();
	}

	/**
	 * Runs both names with the new payload class. The old version's {@link FaultWork}
	 * handles {@link FaultWork#NAME} with the old payload class; in the new version this
	 * handler replaces it.
	 */
	static class NewHandler {

		private final RunRecorder recorder;

		NewHandler(RunRecorder recorder) {
			this.recorder = recorder;
		}

		@BackgroundWorkHandler(NEW_NAME)
		void runNew(RollingItem item, WorkContext context) {
			run(context);
		}

		@BackgroundWorkHandler(FaultWork.NAME)
		void runExisting(RollingItem item, WorkContext context) {
			run(context);
		}

		void run(WorkContext context) {
			long run = this.recorder.started(context.id());
			this.recorder.completed(run);
		}

	}

}
