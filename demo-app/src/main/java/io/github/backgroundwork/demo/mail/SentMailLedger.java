package io.github.backgroundwork.demo.mail;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The demo's ledger of sent mails, table {@code sent_mail} in its database: one row per
 * mail, written right after the SMTP server accepted it. Unlike the embedded mail
 * server's mailbox, which is in memory, the ledger outlives a restart or a
 * {@code kill -9}, so a campaign's mails, customers and duplicates can be counted across
 * runs.
 *
 * @since 0.1.0
 */
@Repository
public class SentMailLedger {

	/**
	 * How many campaigns {@link #campaigns()} returns at most.
	 */
	static final int CAMPAIGNS_SHOWN = 20;

	private final JdbcClient jdbc;

	/**
	 * Create a ledger.
	 * @param jdbc the client on the application's data source
	 */
	public SentMailLedger(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Record a mail the SMTP server accepted, in a transaction of its own.
	 * @param campaign the mailing it belongs to
	 * @param customerId the customer it went to
	 */
	public void record(String campaign, long customerId) {
		this.jdbc.sql("INSERT INTO sent_mail (campaign, customer_id, sent_at) VALUES (:campaign, :customer, :at)")
			.param("campaign", campaign)
			.param("customer", customerId)
			.param("at", OffsetDateTime.now(ZoneOffset.UTC))
			.update();
	}

	/**
	 * Count the mails of the {@value #CAMPAIGNS_SHOWN} campaigns that sent last.
	 * @return the campaigns, the one that sent last first
	 */
	public List<CampaignMails> campaigns() {
		return this.jdbc
			.sql("SELECT campaign, COUNT(*) AS mails, COUNT(DISTINCT customer_id) AS customers, "
					+ "MAX(sent_at) AS last_sent_at FROM sent_mail GROUP BY campaign "
					+ "ORDER BY MAX(sent_at) DESC, campaign FETCH FIRST " + CAMPAIGNS_SHOWN + " ROWS ONLY")
			.query((rs, row) -> {
				long mails = rs.getLong("mails");
				long customers = rs.getLong("customers");
				Instant last = rs.getObject("last_sent_at", OffsetDateTime.class).toInstant();
				return new CampaignMails(rs.getString("campaign"), mails, customers, mails - customers, last);
			})
			.list();
	}

	/**
	 * The mails of one campaign, as the ledger counts them.
	 *
	 * @param campaign the campaign: the durable mailing's name, or the id of the lambda
	 * mailing's item
	 * @param mails how many mails were sent
	 * @param customers how many customers got at least one
	 * @param duplicates how many mails went to a customer who had already got one
	 * @param lastSentAt when the last one was sent
	 */
	public record CampaignMails(String campaign, long mails, long customers, long duplicates, Instant lastSentAt) {

	}

}
