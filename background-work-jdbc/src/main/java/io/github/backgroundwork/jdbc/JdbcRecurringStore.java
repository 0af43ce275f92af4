package io.github.backgroundwork.jdbc;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

import javax.sql.DataSource;

import io.github.backgroundwork.recurring.RecurringStore;
import org.jspecify.annotations.Nullable;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Keeps the pending due time of each recurring name in the table beside the work table
 * (its name followed by {@code _recurring}: {@code background_work_recurring}), one row
 * per name, by the database's clock. A name moves to its next due time with a
 * compare-and-set on the id of the item it waited for, in the transaction that inserts
 * the next item: of the instances that race to move it, one wins and the others' items
 * roll back, so each due time is one item for the whole cluster, whatever their clocks
 * say.
 *
 * @since 0.1.0
 */
public final class JdbcRecurringStore implements RecurringStore {

	private final JdbcTemplate jdbc;

	private final TransactionTemplate transactions;

	private final WorkTable workTable;

	private final String table;

	/**
	 * Create a store on the data source of the work table.
	 * @param dataSource the data source, the one the {@link JdbcWorkStore} uses, so that
	 * the next item is inserted in the same transaction
	 * @param workTableName the work table's name, where the owner of a run is read
	 */
	public JdbcRecurringStore(DataSource dataSource, String workTableName) {
		this.jdbc = new JdbcTemplate(dataSource);
		this.transactions = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
		this.transactions.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
		this.workTable = new WorkTable(workTableName);
		this.table = tableName(workTableName);
	}

	/**
	 * Return the name of the table of recurring work beside a work table.
	 * @param workTableName the work table's name
	 * @return its name followed by {@code _recurring}
	 */
	public static String tableName(String workTableName) {
		return new WorkTable(workTableName).name() + "_recurring";
	}

	@Override
	public Instant now() {
		OffsetDateTime now = this.jdbc.queryForObject("SELECT CURRENT_TIMESTAMP", OffsetDateTime.class);
		if (now == null) {
			throw new IllegalStateException("The database returned no CURRENT_TIMESTAMP");
		}
		return now.toInstant();
	}

	@Override
	public @Nullable Pending pending(String name) {
		List<Pending> rows = this.jdbc.query(
				"SELECT next_due, item_id, schedule, last_item_id FROM " + this.table + " WHERE name = ?",
				(rs, rowNum) -> new Pending(rs.getObject("next_due", OffsetDateTime.class).toInstant(),
						rs.getString("item_id"), rs.getString("schedule"), rs.getString("last_item_id")),
				name);
		return rows.isEmpty() ? null : rows.get(0);
	}

	@Override
	public boolean advance(String name, @Nullable Pending expected, Pending next, Supplier<String> enqueue) {
		Boolean moved = this.transactions.execute((status) -> {
			String itemId = enqueue.get();
			OffsetDateTime due = next.due().atOffset(ZoneOffset.UTC);
			int rows;
			if (expected == null) {
				try {
					rows = this.jdbc.update(
							"INSERT INTO " + this.table
									+ " (name, next_due, item_id, schedule, last_item_id, updated_at)"
									+ " VALUES (?, ?, ?, ?, ?, CURRENT_TIMESTAMP)",
							name, due, itemId, next.schedule(), next.lastItemId());
				}
				catch (DuplicateKeyException ex) {
					rows = 0;
				}
			}
			else {
				rows = this.jdbc.update("UPDATE " + this.table
						+ " SET next_due = ?, item_id = ?, schedule = ?, last_item_id = ?, updated_at = CURRENT_TIMESTAMP"
						+ " WHERE name = ? AND item_id = ?", due, itemId, next.schedule(), next.lastItemId(), name,
						expected.itemId());
			}
			if (rows != 1) {
				// Another instance moved it first: its item stands, this one is never
				// stored
				status.setRollbackOnly();
			}
			return rows == 1;
		});
		return Boolean.TRUE.equals(moved);
	}

	@Override
	public Set<String> names() {
		return Set.copyOf(this.jdbc.queryForList("SELECT name FROM " + this.table, String.class));
	}

	@Override
	public @Nullable String owner(String itemId) {
		List<String> owners = this.jdbc.queryForList(this.workTable.sql("SELECT owner FROM {table} WHERE id = ?"),
				String.class, itemId);
		return owners.isEmpty() ? null : owners.get(0);
	}

}
