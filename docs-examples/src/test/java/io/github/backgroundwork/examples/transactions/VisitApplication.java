package io.github.backgroundwork.examples.transactions;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.github.backgroundwork.BackgroundWorkHandler;
import io.github.backgroundwork.BackgroundWorkQueue;
import io.github.backgroundwork.WorkRequest;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A clinic that books visits and reminds each visitor in the background: the shape of the
 * docs' "Enqueueing from a transaction" with {@code store=jdbc}.
 */
@SpringBootApplication
class VisitApplication {

	/**
	 * Books visits; the reminder is enqueued inside the booking's transaction.
	 */
	@Service
	static class VisitService {

		private final JdbcClient jdbc;

		private final BackgroundWorkQueue queue;

		VisitService(JdbcClient jdbc, BackgroundWorkQueue queue) {
			this.jdbc = jdbc;
			this.queue = queue;
		}

		@Transactional
		public long book(String pet) {
			KeyHolder keys = new GeneratedKeyHolder();
			this.jdbc.sql("INSERT INTO visit (pet) VALUES (?)").param(pet).update(keys);
			long visit = keys.getKeyAs(Long.class);
			this.queue.enqueue(WorkRequest.builder("visit-reminder", new VisitReminder(visit)).build());
			if (pet.isBlank()) {
				throw new IllegalArgumentException("A visit needs a pet");
			}
			return visit;
		}

	}

	/**
	 * Sends reminders: reads the visit the booking wrote, which the commit made visible
	 * before any instance could claim the reminder.
	 */
	@Service
	static class Reminders {

		private final JdbcClient jdbc;

		final List<String> sent = new CopyOnWriteArrayList<>();

		Reminders(JdbcClient jdbc) {
			this.jdbc = jdbc;
		}

		@BackgroundWorkHandler("visit-reminder")
		void remind(VisitReminder reminder) {
			String pet = this.jdbc.sql("SELECT pet FROM visit WHERE id = ?")
				.param(reminder.visit())
				.query(String.class)
				.single();
			this.sent.add(pet);
		}

	}

	/**
	 * The payload: an id, not the entity.
	 *
	 * @param visit the visit's id
	 */
	record VisitReminder(long visit) {

	}

}
