package io.github.backgroundwork.demo.mail;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import com.icegreen.greenmail.store.StoredMessage;
import com.icegreen.greenmail.util.GreenMail;
import io.github.backgroundwork.demo.mail.SentMailLedger.CampaignMails;
import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /mailbox}: what the embedded SMTP server has received, so that a person can
 * see the mail arrive without a mail client, and the {@link SentMailLedger}'s count of
 * each campaign's mails, which survives a restart as the embedded mailbox does not.
 *
 * @since 0.1.0
 */
@RestController
public class MailboxController {

	private static final int LATEST = 20;

	private final ObjectProvider<GreenMail> embeddedMailServer;

	private final SentMailLedger ledger;

	/**
	 * Create a controller.
	 * @param embeddedMailServer the embedded SMTP server, if it runs
	 * @param ledger the ledger of sent mails
	 */
	public MailboxController(ObjectProvider<GreenMail> embeddedMailServer, SentMailLedger ledger) {
		this.embeddedMailServer = embeddedMailServer;
		this.ledger = ledger;
	}

	/**
	 * Return how many mails the embedded server received since it started, the latest
	 * ones, and the ledger's count of the campaigns that sent last. With the embedded
	 * server off ({@code spring.mail.host} set), only the ledger's count.
	 * @return the mailbox
	 * @throws MessagingException if a received mail cannot be read
	 */
	@GetMapping("/mailbox")
	public Mailbox mailbox() throws MessagingException {
		GreenMail server = this.embeddedMailServer.getIfAvailable();
		if (server == null) {
			// The ledger counts what was sent wherever it went
			return new Mailbox(null, List.of(), this.ledger.campaigns());
		}
		List<StoredMessage> received = server.getManagers().getImapHostManager().getAllMessages();
		List<ReceivedMail> latest = new ArrayList<>();
		for (StoredMessage stored : received.stream()
			.sorted(Comparator.comparing(StoredMessage::getReceivedDate).reversed())
			.limit(LATEST)
			.toList()) {
			MimeMessage mail = stored.getMimeMessage();
			latest.add(new ReceivedMail(addresses(mail), mail.getSubject()));
		}
		return new Mailbox(received.size(), latest, this.ledger.campaigns());
	}

	private static String addresses(MimeMessage mail) throws MessagingException {
		Address[] recipients = mail.getAllRecipients();
		return (recipients != null) ? InternetAddress.toString(recipients) : "";
	}

	/**
	 * The embedded server's mailbox.
	 *
	 * @param received how many mails it received since it started, or {@code null} when
	 * the embedded server is off
	 * @param latest the latest of them, most recent first; empty when it is off
	 * @param campaigns the ledger's count of the campaigns that sent last, across
	 * restarts: mails, customers and duplicates of each
	 */
	public record Mailbox(@Nullable Integer received, List<ReceivedMail> latest, List<CampaignMails> campaigns) {

	}

	/**
	 * One received mail.
	 *
	 * @param to its recipients
	 * @param subject its subject
	 */
	public record ReceivedMail(String to, @Nullable String subject) {

	}

}
