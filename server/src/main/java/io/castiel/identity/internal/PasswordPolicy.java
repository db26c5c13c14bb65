package io.castiel.identity.internal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

import io.castiel.platform.ApiException;

/**
 * What a new password must be (NIST SP 800-63B, OWASP ASVS 2.1): 8 to 256 characters, any
 * characters, no composition rules, and not one of the most common passwords. The list (about
 * 49,000 entries, see the header of {@code identity/common-passwords.txt}) is loaded once, on
 * first use, into an unmodifiable set and compared case-insensitively.
 */
public final class PasswordPolicy {

    static final int MIN_LENGTH = 8;
    static final int MAX_LENGTH = 256;
    private static final String LIST = "/identity/common-passwords.txt";

    private PasswordPolicy() {
    }

    /** Refuses an unacceptable new password with a 400 pointing at {@code pointer}. */
    public static void check(String password, String pointer) {
        if (password == null || password.codePointCount(0, password.length()) < MIN_LENGTH) {
            throw ApiException.badRequest("The password must have at least " + MIN_LENGTH + " characters", pointer);
        }
        if (password.length() > MAX_LENGTH) {
            throw ApiException.badRequest("The password must have at most " + MAX_LENGTH + " characters", pointer);
        }
        if (isCommon(password)) {
            throw ApiException.badRequest("This password is among the most commonly used ones; choose another", pointer);
        }
    }

    static boolean isCommon(String password) {
        return CommonList.PASSWORDS.contains(password.toLowerCase(Locale.ROOT));
    }

    static int commonCount() {
        return CommonList.PASSWORDS.size();
    }

    /** Holder: the list is read when first needed, once, thread-safely (class initialisation). */
    private static final class CommonList {

        static final Set<String> PASSWORDS = load();

        private static Set<String> load() {
            try (InputStream in = PasswordPolicy.class.getResourceAsStream(LIST)) {
                if (in == null) {
                    throw new IllegalStateException(LIST + " is missing from the classpath");
                }
                BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
                Set<String> passwords = new HashSet<>(100_000);
                boolean header = true;
                String line;
                while ((line = reader.readLine()) != null) {
                    // Only the leading block is comments: a common password may itself start with '#'.
                    if (header && line.startsWith("#")) {
                        continue;
                    }
                    header = false;
                    if (!line.isEmpty()) {
                        passwords.add(line.toLowerCase(Locale.ROOT));
                    }
                }
                return Collections.unmodifiableSet(passwords);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
