package io.github.backgroundwork.examples.aftercommit;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.github.backgroundwork.BackgroundWorkQueue;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * A shop that confirms each order by mail in the background, with the memory store: the
 * work is enqueued after the commit, by a transactional event listener. docs/usage.md
 * shows {@link OrderService}; {@link AfterCommitEnqueueTests} runs it.
 */
@SpringBootApplication
class OrderApplication {

	/**
	 * Places orders and enqueues their confirmation once the order is committed.
	 */
	@Service
	static class OrderService {

		private final Orders orders;

		private final ApplicationEventPublisher events;

		private final BackgroundWorkQueue queue;

		private final ConfirmationMails mails;

		OrderService(Orders orders, ApplicationEventPublisher events, BackgroundWorkQueue queue,
				ConfirmationMails mails) {
			this.orders = orders;
			this.events = events;
			this.queue = queue;
			this.mails = mails;
		}

		@Transactional
		public Order place(OrderRequest request) {
			Order order = this.orders.save(Order.from(request));
			this.events.publishEvent(new OrderPlaced(order.id()));
			return order;
		}

		// AFTER_COMMIT is the default phase
		@TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT)
		void confirm(OrderPlaced event) {
			this.queue.enqueue("order-confirmation", (context) -> this.mails.sendConfirmation(event.orderId()));
		}

	}

	/**
	 * Stores orders.
	 */
	@Repository
	static class Orders {

		private final JdbcClient jdbc;

		Orders(JdbcClient jdbc) {
			this.jdbc = jdbc;
		}

		Order save(Order order) {
			KeyHolder keys = new GeneratedKeyHolder();
			this.jdbc.sql("INSERT INTO customer_order (item) VALUES (?)").param(order.item()).update(keys);
			return new Order(keys.getKeyAs(Long.class), order.item());
		}

	}

	/**
	 * Sends confirmations: reads the order, which the commit made visible before the work
	 * was enqueued.
	 */
	@Service
	static class ConfirmationMails {

		private final JdbcClient jdbc;

		final List<String> sent = new CopyOnWriteArrayList<>();

		ConfirmationMails(JdbcClient jdbc) {
			this.jdbc = jdbc;
		}

		void sendConfirmation(long orderId) {
			this.sent.add(this.jdbc.sql("SELECT item FROM customer_order WHERE id = ?")
				.param(orderId)
				.query(String.class)
				.single());
		}

	}

	/**
	 * An order.
	 *
	 * @param id its id, 0 until saved
	 * @param item what was ordered
	 */
	record Order(long id, String item) {

		static Order from(OrderRequest request) {
			return new Order(0, request.item());
		}

	}

	/**
	 * What the customer asked for.
	 *
	 * @param item what to order
	 */
	record OrderRequest(String item) {

	}

	/**
	 * Published when an order is saved; heard once its transaction has committed.
	 *
	 * @param orderId the order
	 */
	record OrderPlaced(long orderId) {

	}

}
