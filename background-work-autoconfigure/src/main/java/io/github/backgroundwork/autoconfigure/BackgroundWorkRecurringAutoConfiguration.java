package io.github.backgroundwork.autoconfigure;

import java.time.Clock;

import javax.sql.DataSource;

import io.github.backgroundwork.BackgroundWorkQueue;
import io.github.backgroundwork.handler.WorkHandlers;
import io.github.backgroundwork.jdbc.JdbcRecurringStore;
import io.github.backgroundwork.jdbc.JdbcWorkStore;
import io.github.backgroundwork.jdbc.WorkTableVerifier;
import io.github.backgroundwork.recurring.InMemoryRecurringStore;
import io.github.backgroundwork.recurring.RecurringNames;
import io.github.backgroundwork.recurring.RecurringScheduler;
import io.github.backgroundwork.recurring.RecurringStore;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration of recurring work: a {@link RecurringScheduler} that keeps every
 * recurring {@code @BackgroundWorkHandler} on schedule in the application's queue (the
 * primary one, if it has several), with its pending due times in the database when the
 * queue's typed work is ({@code background-work.store=jdbc}), else in memory.
 *
 * @since 0.1.0
 */
@AutoConfiguration(after = { BackgroundWorkAutoConfiguration.class, BackgroundWorkJdbcAutoConfiguration.class })
@ConditionalOnBooleanProperty(name = "background-work.enabled", matchIfMissing = true)
@ConditionalOnSingleCandidate(BackgroundWorkQueue.class)
public final class BackgroundWorkRecurringAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	RecurringScheduler backgroundWorkRecurringScheduler(BackgroundWorkQueue queue, WorkHandlers handlers,
			BackgroundWorkProperties properties, ObjectProvider<JdbcWorkStore> jdbcStore,
			ObjectProvider<DataSource> dataSource) {
		JdbcWorkStore durable = jdbcStore.getIfUnique();
		DataSource source = (durable != null) ? dataSource.getIfUnique() : null;
		RecurringStore store = (source != null) ? new JdbcRecurringStore(source, durable.tableName())
				: new InMemoryRecurringStore(Clock.systemUTC());
		RecurringNamesResolver resolver = new RecurringNamesResolver(handlers, properties.getRecurring());
		return new RecurringScheduler(queue, store, () -> {
			RecurringNames names = resolver.resolve();
			if (source != null && !names.enabled().isEmpty()) {
				new WorkTableVerifier(source, durable.tableName()).verifyRecurringTable();
			}
			return names;
		});
	}

}
