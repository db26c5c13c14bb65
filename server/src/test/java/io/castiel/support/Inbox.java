package io.castiel.support;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

/**
 * A real SMTP server (GreenMail) on a free port for the whole test JVM; the application sends to
 * it through {@code spring.mail.host/port} like it would to any mail relay.
 */
public final class Inbox {

    private final GreenMail server;

    Inbox() {
        server = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        server.start();
    }

    public int port() {
        return server.getSmtp().getPort();
    }

    /** A received message, decoded. */
    public record Mail(String to, String subject, String text) {

        /** The first match of a regular expression's group 1 in the text (e.g. a token in a link). */
        public String find(String regex) {
            Matcher matcher = Pattern.compile(regex).matcher(text);
            if (!matcher.find()) {
                throw new AssertionError("No match for " + regex + " in mail:\n" + text);
            }
            return matcher.group(1);
        }
    }

    /** Every message delivered so far to this address. */
    public List<Mail> messagesTo(String address) {
        return Arrays.stream(server.getReceivedMessages())
                .map(Inbox::decode)
                .filter(mail -> mail.to().equalsIgnoreCase(address))
                .toList();
    }

    /** Waits (up to 10 s) for the n-th message to an address, counting from 1. */
    public Mail await(String address, int n) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
        while (Instant.now().isBefore(deadline)) {
            List<Mail> mails = messagesTo(address);
            if (mails.size() >= n) {
                return mails.get(n - 1);
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
        throw new AssertionError("No mail #" + n + " to " + address + " within 10 s");
    }

    /** Waits for the first message to an address. */
    public Mail await(String address) {
        return await(address, 1);
    }

    private static Mail decode(MimeMessage message) {
        try {
            return new Mail(message.getRecipients(Message.RecipientType.TO)[0].toString(), message.getSubject(),
                    String.valueOf(message.getContent()).replace("\r\n", "\n"));
        } catch (MessagingException | java.io.IOException e) {
            throw new AssertionError(e);
        }
    }
}
