package io.castiel.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import io.castiel.support.CastielTest;
import io.castiel.support.Inbox;

class MailerTests extends CastielTest {

    @Autowired
    Mailer mailer;

    @Test
    void mailIsDeliveredOverSmtpWithUnicodeIntact() {
        String to = "someone-" + UUID.randomUUID() + "@example.test";
        mailer.send(new Mailer.Mail(to, "Grüße", "Hello Zoë,\nyour link: https://castiel.example/accept?token=abc_123"));

        Inbox.Mail mail = INBOX.await(to);
        assertThat(mail.subject()).isEqualTo("Grüße");
        assertThat(mail.text()).contains("Hello Zoë");
        assertThat(mail.find("token=([A-Za-z0-9_]+)")).isEqualTo("abc_123");
    }
}
