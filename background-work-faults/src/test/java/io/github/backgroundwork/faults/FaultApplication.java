package io.github.backgroundwork.faults;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.stream.IntStream;

import io.github.backgroundwork.BackgroundWorkQueue;
import io.github.backgroundwork.WorkRequest;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;

/**
 * The application run in each child JVM of the fault suite: {@code store=jdbc} on the
 * run's PostgreSQL, with {@link FaultWork} as its handler. System properties choose its
 * behaviour: {@code faults.instance} (its name in {@code fault_runs}),
 * {@code faults.log-url} (the database of {@code fault_runs}), {@code faults.work} (how
 * long each run works), {@code faults.enqueue} (how many items it enqueues once started),
 * {@code faults.kinds} (the kinds of those items, in turn) and {@code faults.v2} (the
 * handlers and payload of the next version, {@code io.github.backgroundwork.faults.v2},
 * which the old instance's classpath does not have). It prints {@code READY} once it has
 * enqueued, and runs until it is stopped or killed.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
public class FaultApplication {

	static final String V2_CONFIGURATION = "io.github.backgroundwork.faults.v2.V2Configuration";

	@Bean(destroyMethod = "close")
	RunRecorder runRecorder() {
		return new RunRecorder(System.getProperty("faults.log-url"), System.getProperty("faults.instance"), 16);
	}

	@Bean
	@ConditionalOnBooleanProperty(name = "faults.v2", havingValue = false, matchIfMissing = true)
	FaultWork faultWork(RunRecorder recorder) {
		return new FaultWork(recorder, work());
	}

	static Duration work() {
		return Duration.ofMillis(Long.getLong("faults.work", 20));
	}

	public static void main(String[] args) throws Exception {
		List<Class<?>> sources = new ArrayList<>(List.of(FaultApplication.class));
		if (Boolean.getBoolean("faults.v2")) {
			sources.add(Class.forName(V2_CONFIGURATION));
		}
		ConfigurableApplicationContext context = SpringApplication.run(sources.toArray(Class<?>[]::new), args);
		int count = Integer.getInteger("faults.enqueue", 0);
		if (count > 0) {
			BackgroundWorkQueue queue = context.getBean(BackgroundWorkQueue.class);
			List<WorkRequest> requests = context.getBeanProvider(FaultRequests.class)
				.getIfAvailable(() -> FaultApplication::faultItems)
				.create(count);
			for (int from = 0; from < requests.size(); from += 500) {
				queue.enqueueAll(requests.subList(from, Math.min(requests.size(), from + 500)));
			}
			System.out.println("ENQUEUED " + requests.size());
		}
		System.out.println("READY " + System.getProperty("faults.instance"));
		// Workers may be daemon threads: keep the JVM alive until it is stopped or killed
		new CountDownLatch(1).await();
	}

	private static List<WorkRequest> faultItems(int count) {
		List<FaultItem.Kind> kinds = List.of(System.getProperty("faults.kinds", "PLAIN").split(","))
			.stream()
			.map(FaultItem.Kind::valueOf)
			.toList();
		return IntStream.rangeClosed(1, count)
			.mapToObj((n) -> WorkRequest.of(FaultWork.NAME, new FaultItem(n, kinds.get(n % kinds.size()))))
			.toList();
	}

}
