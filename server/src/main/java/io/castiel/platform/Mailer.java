package io.castiel.platform;

/**
 * Sends transactional email (invitations, password resets, notifications). With
 * {@code spring.mail.host} set it speaks SMTP; without it (a laptop running the embedded mode) each
 * message is written as an {@code .eml} file under {@code $CASTIEL_HOME/outbox}, so links in it can
 * still be followed.
 */
public interface Mailer {

    void send(Mail mail);

    /** A plain-text message to one recipient. */
    record Mail(String to, String subject, String text) {

        public Mail {
            if (to == null || to.isBlank() || to.contains("\r") || to.contains("\n")) {
                throw new IllegalArgumentException("A mail needs one recipient address");
            }
            if (subject == null || subject.contains("\r") || subject.contains("\n")) {
                throw new IllegalArgumentException("A mail subject is one line");
            }
        }
    }
}
