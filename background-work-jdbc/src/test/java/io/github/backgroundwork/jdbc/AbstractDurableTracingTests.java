package io.github.backgroundwork.jdbc;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import io.github.backgroundwork.DefaultBackgroundWorkQueue;
import io.github.backgroundwork.WorkHandle;
import io.github.backgroundwork.WorkRequest;
import io.github.backgroundwork.durable.DurableWorkTracing;
import io.github.backgroundwork.durable.JdbcDurableWork;
import io.github.backgroundwork.handler.WorkHandlers;
import io.github.backgroundwork.jdbc.DurableHandlers.Mail;
import io.github.backgroundwork.observation.DefaultWorkObservationConvention;
import io.github.backgroundwork.observation.ObservationWorkDecorator;
import io.micrometer.common.KeyValue;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationView;
import io.micrometer.observation.tck.TestObservationRegistry;
import io.micrometer.observation.transport.Kind;
import io.micrometer.observation.transport.ReceiverContext;
import io.micrometer.observation.transport.SenderContext;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The enqueuing trace context stored with a row and continued by the queue that runs it,
 * with a handler that plays a tracer's propagator: it gives every observation a trace id
 * (its parent's, or a new one), writes it as {@code traceparent} into a sender's carrier
 * and reads it back from a receiver's.
 */
abstract class AbstractDurableTracingTests {

	private static final String TRACE_ID = "traceId";

	private final TestObservationRegistry registry = TestObservationRegistry.create();

	private final List<Observation.Context> started = new CopyOnWriteArrayList<>();

	private final DurableHandlers handlers = new DurableHandlers();

	private final List<DefaultBackgroundWorkQueue> queues = new ArrayList<>();

	abstract TestDatabase database();

	@BeforeEach
	void setUp() {
		database().clear();
		this.registry.observationConfig().observationHandler(new FakePropagation(this.started));
	}

	@AfterEach
	void stopQueues() {
		this.handlers.unblock.countDown();
		this.queues.forEach(DefaultBackgroundWorkQueue::stop);
	}

	/**
	 * A queue on the test's database, observed, that carries traces; started or not.
	 */
	private DefaultBackgroundWorkQueue queue(String prefix, boolean start) {
		ObservationWorkDecorator observations = new ObservationWorkDecorator(this.registry, null);
		DefaultBackgroundWorkQueue queue = DefaultBackgroundWorkQueue.builder()
			.concurrency(2)
			.threadNamePrefix(prefix)
			.handlers(WorkHandlers.of(this.handlers))
			.decorator(observations)
			.listener(observations)
			.durableWork(JdbcDurableWork.factory(database().dataSource(), database().store(Duration.ofSeconds(5)),
					JsonMapper.shared(), Duration.ofMillis(200), Duration.ofDays(7),
					DurableWorkTracing.of(this.registry)))
			.build();
		this.queues.add(queue);
		if (start) {
			queue.start();
		}
		return queue;
	}

	private @Nullable String storedTraceContext(String id) {
		return database().jdbc()
			.queryForObject("SELECT trace_context FROM background_work WHERE id = ?", String.class, id);
	}

	private void awaitSucceeded(String id) {
		await().atMost(Duration.ofSeconds(10))
			.until(() -> database().store().reader().findById(id).orElseThrow().state() == StoredState.SUCCEEDED);
	}

	private Observation.Context attemptOf(String id) {
		return this.started.stream()
			.filter((context) -> DefaultWorkObservationConvention.NAME.equals(context.getName()))
			.filter((context) -> id.equals(context.getHighCardinalityKeyValue("background.work.id").getValue()))
			.findFirst()
			.orElseThrow();
	}

	@Test
	void enqueueInAnObservationStoresItsTraceAndTheQueueThatRunsTheRowContinuesIt() {
		DefaultBackgroundWorkQueue enqueuing = queue("tracing-a-", false);
		Observation request = Observation.createNotStarted("request", this.registry);
		WorkHandle handle = request.observe(() -> enqueuing.enqueue(WorkRequest.of("mail", new Mail(1))));
		String traceId = request.getContext().getRequired(TRACE_ID);
		String traceparent = "00-" + traceId + "-0000000000000001-01";
		assertThat(storedTraceContext(handle.id())).isEqualTo("traceparent=" + traceparent);
		assertThat(this.registry).hasObservationWithNameEqualTo(DurableWorkTracing.ENQUEUE)
			.that()
			.hasBeenStopped()
			.hasParentObservationEqualTo(request)
			.hasLowCardinalityKeyValue("background.work.name", "mail")
			.hasHighCardinalityKeyValue("background.work.id", handle.id());

		queue("tracing-b-", true);
		awaitSucceeded(handle.id());
		assertThat(this.handlers.ranOn.get(1)).startsWith("tracing-b-");
		Observation.Context attempt = attemptOf(handle.id());
		ObservationView parent = attempt.getParentObservation();
		assertThat(parent).isNotNull();
		Observation.Context receive = (Observation.Context) parent.getContextView();
		assertThat(receive.getName()).isEqualTo(DurableWorkTracing.RECEIVE);
		assertThat(receive).isInstanceOfSatisfying(ReceiverContext.class, (context) -> {
			assertThat(context.getKind()).isEqualTo(Kind.CONSUMER);
			Map<?, ?> carrier = (Map<?, ?>) context.getCarrier();
			assertThat(carrier.get("traceparent")).isEqualTo(traceparent);
		});
		assertThat(receive.getLowCardinalityKeyValues()).containsExactly(KeyValue.of("background.work.name", "mail"));
		assertThat(attempt.<String>get(TRACE_ID)).isEqualTo(traceId);
		await().atMost(Duration.ofSeconds(5))
			.untilAsserted(() -> assertThat(this.registry).hasObservationWithNameEqualTo(DurableWorkTracing.RECEIVE)
				.that()
				.hasBeenStopped()
				.doesNotHaveError());
	}

	@Test
	void enqueueWithoutACurrentObservationStoresNothingAndTheRunStartsItsOwnTrace() {
		DefaultBackgroundWorkQueue enqueuing = queue("tracing-a-", false);
		WorkHandle handle = enqueuing.enqueue(WorkRequest.of("mail", new Mail(2)));
		assertThat(storedTraceContext(handle.id())).isNull();
		assertThat(this.registry).doesNotHaveAnyObservation();

		queue("tracing-b-", true);
		awaitSucceeded(handle.id());
		assertThat(attemptOf(handle.id()).getParentObservation()).isNull();
		assertThat(this.started).noneMatch((context) -> DurableWorkTracing.RECEIVE.equals(context.getName()));
	}

	@Test
	void enqueueOfSeveralNamesIsOneObservationAndEveryRowCarriesItsTrace() {
		DefaultBackgroundWorkQueue enqueuing = queue("tracing-a-", false);
		List<WorkHandle> handles = Observation.createNotStarted("request", this.registry)
			.observe(() -> enqueuing.enqueueAll(List.of(WorkRequest.of("mail", new Mail(3)),
					WorkRequest.of("anything", "x"), WorkRequest.of("mail", new Mail(4)))));
		assertThat(handles).hasSize(3);
		assertThat(this.registry).hasNumberOfObservationsWithNameEqualTo(DurableWorkTracing.ENQUEUE, 1)
			.hasObservationWithNameEqualTo(DurableWorkTracing.ENQUEUE)
			.that()
			.hasLowCardinalityKeyValue("background.work.name", DurableWorkTracing.MIXED)
			.doesNotHaveHighCardinalityKeyValueWithKey("background.work.id");
		String stored = storedTraceContext(handles.get(0).id());
		assertThat(stored).startsWith("traceparent=00-");
		assertThat(handles).allSatisfy((handle) -> assertThat(storedTraceContext(handle.id())).isEqualTo(stored));
	}

	@Test
	void failedItemsReceiveObservationRecordsTheFailure() {
		DefaultBackgroundWorkQueue enqueuing = queue("tracing-a-", false);
		WorkHandle handle = Observation.createNotStarted("request", this.registry)
			.observe(() -> enqueuing.enqueue(WorkRequest.builder("flaky", new Mail(5)).maxRetries(0).build()));
		queue("tracing-b-", true);
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(this.registry).hasObservationWithNameEqualTo(DurableWorkTracing.RECEIVE)
				.that()
				.hasBeenStopped()
				.hasHighCardinalityKeyValue("background.work.id", handle.id())
				.assertThatError()
				.hasMessage("SMTP down for 5"));
	}

	/**
	 * Plays a tracer and its propagator.
	 */
	static final class FakePropagation implements ObservationHandler<Observation.Context> {

		private final List<Observation.Context> started;

		FakePropagation(List<Observation.Context> started) {
			this.started = started;
		}

		@Override
		@SuppressWarnings("unchecked")
		public void onStart(Observation.Context context) {
			this.started.add(context);
			if (context instanceof ReceiverContext<?> receiver) {
				ReceiverContext<Object> typed = (ReceiverContext<Object>) receiver;
				String traceparent = typed.getGetter().get(typed.getCarrier(), "traceparent");
				if (traceparent != null) {
					context.put(TRACE_ID, traceparent.split("-")[1]);
					return;
				}
			}
			ObservationView parent = context.getParentObservation();
			String traceId = (parent != null) ? parent.getContextView().get(TRACE_ID) : null;
			context.put(TRACE_ID, (traceId != null) ? traceId : UUID.randomUUID().toString().replace("-", ""));
			if (context instanceof SenderContext<?> sender) {
				SenderContext<Object> typed = (SenderContext<Object>) sender;
				typed.getSetter()
					.set(typed.getCarrier(), "traceparent", "00-" + context.get(TRACE_ID) + "-0000000000000001-01");
			}
		}

		@Override
		public boolean supportsContext(Observation.Context context) {
			return true;
		}

	}

}
