package io.github.backgroundwork.jdbc;

import java.util.function.Supplier;

import javax.sql.DataSource;

import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The transactions the store's writes run in, so that they are committed whatever the
 * pool's auto-commit: a pool whose connections have {@code autoCommit=false} (a common
 * HikariCP setting) would otherwise roll back, when the connection is returned, every
 * statement run outside a Spring-managed transaction.
 * <ul>
 * <li>{@link #joinOrBegin}: inserts and cancellations take part in the caller's
 * transaction when one is active, so that a rolled back enqueue leaves nothing and a
 * rolled back cancellation never happened; otherwise they run in a transaction of their
 * own. Joining is decided by whether a transaction is active, not by a
 * {@link DataSourceTransactionManager}'s {@code PROPAGATION_REQUIRED}: a JPA transaction
 * exposes its connection in a way that manager does not see as a transaction, and it
 * would commit the JPA transaction's connection halfway.</li>
 * <li>{@link #own}: what the claimer thread writes (outcomes, leases, releases, rescues,
 * cleanup) runs in a short transaction of the store's own,
 * {@code PROPAGATION_REQUIRES_NEW}: those threads never run in a caller's transaction,
 * and should one be active on the calling thread, an outcome is still written at once,
 * never undone by it.</li>
 * </ul>
 */
final class StoreTransactions {

	private final TransactionTemplate own;

	StoreTransactions(DataSource dataSource) {
		this.own = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
		this.own.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
	}

	/**
	 * Run work in the caller's transaction if one is active, else in one of its own,
	 * committed when the work returns.
	 * @param work the work
	 * @return what the work returned
	 */
	<T> T joinOrBegin(Supplier<T> work) {
		if (TransactionSynchronizationManager.isActualTransactionActive()) {
			return work.get();
		}
		return own(work);
	}

	/**
	 * Run work in a transaction of its own, committed when the work returns and rolled
	 * back if it throws.
	 * @param work the work
	 * @return what the work returned
	 */
	<T> T own(Supplier<T> work) {
		T result = this.own.execute((status) -> work.get());
		if (result == null) {
			throw new IllegalStateException("Work in a transaction returned nothing");
		}
		return result;
	}

}
