package io.castiel.identity.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The shipped common-password list is loaded whole and compared case-insensitively. */
class PasswordPolicyTests {

    @Test
    void commonPasswordsAreRefusedCaseInsensitively() {
        assertThat(PasswordPolicy.commonCount()).isGreaterThanOrEqualTo(10_000);
        assertThat(PasswordPolicy.isCommon("password1")).isTrue();
        assertThat(PasswordPolicy.isCommon("PassWord1")).isTrue();
        assertThat(PasswordPolicy.isCommon("#name?")).as("a listed password that starts with #").isTrue();
        assertThat(PasswordPolicy.isCommon("correct horse battery staple")).isFalse();
    }
}
