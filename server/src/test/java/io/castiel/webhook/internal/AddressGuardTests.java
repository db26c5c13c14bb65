package io.castiel.webhook.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import io.castiel.webhook.WebhookProperties;

/** The SSRF guard's address classification and URL rules, with and without private networks allowed. */
class AddressGuardTests {

    private final AddressGuard strict = new AddressGuard(new WebhookProperties(List.of(Duration.ofSeconds(5)), false, 1, 4, Duration.ofSeconds(10), Duration.ofDays(30)));
    private final AddressGuard lenient = new AddressGuard(new WebhookProperties(List.of(Duration.ofSeconds(5)), true, 1, 4, Duration.ofSeconds(10), Duration.ofDays(30)));

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "127.8.9.10", "10.1.2.3", "172.16.0.1", "172.31.255.255", "192.168.1.1", "169.254.169.254",
            "169.254.0.1", "100.64.0.1", "100.127.255.254", "0.0.0.0", "224.0.0.1", "255.255.255.255", "::1", "::", "fe80::1",
            "fc00::1", "fd12:3456::1", "ff02::1", "::ffff:127.0.0.1", "::ffff:169.254.169.254", "::ffff:10.0.0.1", "::127.0.0.1",
            "2002:7f00:1::", "64:ff9b::a9fe:a9fe"})
    void nonPublicAddressesAreRefused(String address) throws UnknownHostException {
        assertThat(AddressGuard.isPublic(InetAddress.getByName(address))).isFalse();
        assertThatThrownBy(() -> strict.check("http://" + (address.contains(":") ? "[" + address + "]" : address) + "/hook"))
                .isInstanceOf(AddressGuard.Refused.class).hasMessageContaining("non-public");
    }

    @ParameterizedTest
    @ValueSource(strings = {"93.184.215.14", "8.8.8.8", "172.32.0.1", "100.128.0.1", "2606:4700:4700::1111", "::ffff:8.8.8.8"})
    void publicAddressesPass(String address) throws UnknownHostException {
        assertThat(AddressGuard.isPublic(InetAddress.getByName(address))).isTrue();
    }

    @Test
    void metadataAndLoopbackUrlsAreRefusedByDefaultAndAllowedWhenConfigured() {
        assertThatThrownBy(() -> strict.check("http://169.254.169.254/latest/meta-data/")).isInstanceOf(AddressGuard.Refused.class);
        assertThatThrownBy(() -> strict.check("http://127.0.0.1/")).isInstanceOf(AddressGuard.Refused.class);
        assertThatThrownBy(() -> strict.check("http://localhost:8080/")).isInstanceOf(AddressGuard.Refused.class);
        assertThatCode(() -> lenient.check("http://127.0.0.1:9/hook")).doesNotThrowAnyException();
    }

    @Test
    void urlsMustBeHttpWithoutCredentialsAndNotTooLong() {
        assertThatThrownBy(() -> lenient.check("ftp://example.com/")).hasMessageContaining("http or https");
        assertThatThrownBy(() -> lenient.check("file:///etc/passwd")).hasMessageContaining("http or https");
        assertThatThrownBy(() -> lenient.check("https://user:secret@example.com/")).hasMessageContaining("credentials");
        assertThatThrownBy(() -> lenient.check("https://example.com/" + "a".repeat(AddressGuard.MAX_URL_LENGTH))).hasMessageContaining("at most");
        assertThatThrownBy(() -> lenient.check("https:///nohost")).isInstanceOf(AddressGuard.Refused.class);
        assertThatCode(() -> lenient.check("HTTPS://example.com/hooks?x=1")).doesNotThrowAnyException();
    }
}
