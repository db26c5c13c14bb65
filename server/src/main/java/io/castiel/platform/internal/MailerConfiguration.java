package io.castiel.platform.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.mail.MailException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;

import io.castiel.platform.CastielProperties;
import io.castiel.platform.Ids;
import io.castiel.platform.MailProperties;
import io.castiel.platform.Mailer;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;

/** Chooses SMTP when Spring Boot configured a mail sender, else the outbox directory. */
@Configuration(proxyBeanMethods = false)
class MailerConfiguration {

    private static final Logger log = LoggerFactory.getLogger(MailerConfiguration.class);

    @Bean
    Mailer mailer(ObjectProvider<JavaMailSender> senders, MailProperties mail, CastielProperties properties, Ids ids) {
        JavaMailSender sender = senders.getIfAvailable();
        if (sender != null) {
            return message -> {
                try {
                    MimeMessage mime = sender.createMimeMessage();
                    fill(mime, mail.from(), message);
                    sender.send(mime);
                } catch (MessagingException | MailException e) {
                    throw new IllegalStateException("Could not send mail to " + message.to(), e);
                }
            };
        }
        Path outbox = properties.home().resolve("outbox");
        log.info("No SMTP server configured (spring.mail.host); mail goes to {}", outbox);
        return message -> {
            try {
                Files.createDirectories(outbox);
                MimeMessage mime = new MimeMessage(Session.getInstance(new Properties()));
                fill(mime, mail.from(), message);
                try (OutputStream out = Files.newOutputStream(outbox.resolve(ids.next() + ".eml"))) {
                    mime.writeTo(out);
                }
            } catch (MessagingException | IOException e) {
                throw new IllegalStateException("Could not write mail to " + outbox, e);
            }
        };
    }

    private static void fill(MimeMessage mime, String from, Mailer.Mail message) throws MessagingException {
        MimeMessageHelper helper = new MimeMessageHelper(mime, false, "UTF-8");
        helper.setFrom(from);
        helper.setTo(message.to());
        helper.setSubject(message.subject());
        helper.setText(message.text(), false);
    }
}
