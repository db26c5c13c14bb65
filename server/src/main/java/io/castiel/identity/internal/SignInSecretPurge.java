package io.castiel.identity.internal;

import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import io.castiel.platform.RecurringJob;

/**
 * Deletes the one-time secrets of sign-in flows once spent or expired, of all tenants in one call
 * (the SECURITY DEFINER function {@code purge_sign_in_secrets}, V14): MFA challenges, emailed
 * password-reset and verification tokens, SSO login states and hand-off codes, and SAML assertion
 * ids past their NotOnOrAfter.
 */
@Component
class SignInSecretPurge implements RecurringJob {

    private static final Logger log = LoggerFactory.getLogger(SignInSecretPurge.class);

    private final JdbcClient jdbc;

    SignInSecretPurge(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public String name() {
        return "purge-sign-in-secrets";
    }

    @Override
    public Duration interval() {
        return Duration.ofMinutes(30);
    }

    @Override
    public void run() {
        long deleted = jdbc.sql("select purge_sign_in_secrets()").query(Long.class).single();
        log.debug("Purged {} spent or expired sign-in secrets", deleted);
    }
}
