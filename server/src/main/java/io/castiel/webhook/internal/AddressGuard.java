package io.castiel.webhook.internal;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Locale;

import org.springframework.stereotype.Component;

import io.castiel.webhook.WebhookProperties;

/**
 * The SSRF guard: a webhook URL must be http(s), carry no credentials, and resolve only to public
 * addresses (not loopback, private, link-local/metadata, unspecified, multicast, CGNAT, ULA, nor
 * IPv4-mapped/compatible IPv6 forms of those) unless {@code castiel.webhooks.allow-private-networks}.
 * Checked when an endpoint is saved, and where it matters, when a delivery opens a connection:
 * {@link EndpointClient} resolves hosts through {@link #resolve} and connects to exactly the addresses
 * checked, so a DNS answer that changes after a check (rebinding) is never connected to.
 */
@Component
public class AddressGuard {

    public static final int MAX_URL_LENGTH = 2048;

    /** Why a URL is refused; the message is for the API caller. */
    public static final class Refused extends Exception {
        Refused(String message) {
            super(message, null, false, false);
        }
    }

    private final boolean allowPrivate;

    AddressGuard(WebhookProperties properties) {
        this.allowPrivate = properties.allowPrivateNetworks();
    }

    /** The URL's syntax alone (scheme, host, no credentials, length). */
    public URI parse(String url) throws Refused {
        if (url == null || url.isBlank()) {
            throw new Refused("url is required");
        }
        if (url.length() > MAX_URL_LENGTH) {
            throw new Refused("url must be at most " + MAX_URL_LENGTH + " characters");
        }
        URI uri;
        try {
            uri = new URI(url.trim());
        } catch (URISyntaxException e) {
            throw new Refused("url is not a valid URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new Refused("url must be an http or https URL");
        }
        if (uri.getRawUserInfo() != null) {
            throw new Refused("url must not contain credentials");
        }
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            throw new Refused("url must name a host");
        }
        if (uri.getRawFragment() != null) {
            throw new Refused("url must not contain a fragment");
        }
        return uri;
    }

    /** Parses and resolves the URL, refusing it when any address it resolves to is not public. */
    public URI check(String url) throws Refused {
        URI uri = parse(url);
        if (!allowPrivate) {
            resolve(uri.getHost());
        }
        return uri;
    }

    /**
     * The host's addresses (an IP literal is its own, brackets allowed), refused when any of them is
     * not public unless private networks are allowed.
     */
    public InetAddress[] resolve(String host) throws Refused {
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(host);
        } catch (UnknownHostException e) {
            throw new Refused("url's host does not resolve");
        }
        if (!allowPrivate) {
            for (InetAddress address : addresses) {
                if (!isPublic(address)) {
                    throw new Refused("url resolves to a loopback, private, link-local or otherwise non-public address ("
                            + address.getHostAddress() + ")");
                }
            }
        }
        return addresses;
    }

    static boolean isPublic(InetAddress address) {
        if (address instanceof Inet6Address v6) {
            byte[] b = v6.getAddress();
            if (isZero(b, 0, 10) && (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff) {
                return isPublicV4(new byte[] {b[12], b[13], b[14], b[15]}); // ::ffff:a.b.c.d
            }
            if (isZero(b, 0, 12) && !isZero(b, 12, 16) && !(isZero(b, 12, 15) && b[15] == 1)) {
                return isPublicV4(new byte[] {b[12], b[13], b[14], b[15]}); // ::a.b.c.d (deprecated compatible form)
            }
            if ((b[0] & 0xff) == 0x20 && (b[1] & 0xff) == 0x02) {
                return isPublicV4(new byte[] {b[2], b[3], b[4], b[5]}); // 6to4 2002:a.b.c.d::
            }
            if ((b[0] & 0xff) == 0x00 && (b[1] & 0xff) == 0x64 && (b[2] & 0xff) == 0xff && (b[3] & 0xff) == 0x9b && isZero(b, 4, 12)) {
                return isPublicV4(new byte[] {b[12], b[13], b[14], b[15]}); // NAT64 64:ff9b::a.b.c.d
            }
            if ((b[0] & 0xfe) == 0xfc) {
                return false; // fc00::/7 unique local
            }
            return !(v6.isAnyLocalAddress() || v6.isLoopbackAddress() || v6.isLinkLocalAddress() || v6.isSiteLocalAddress()
                    || v6.isMulticastAddress());
        }
        return address instanceof Inet4Address && isPublicV4(address.getAddress());
    }

    private static boolean isPublicV4(byte[] b) {
        int a0 = b[0] & 0xff;
        int a1 = b[1] & 0xff;
        return !(a0 == 0 // unspecified, "this network"
                || a0 == 10
                || a0 == 127
                || (a0 == 100 && a1 >= 64 && a1 <= 127) // CGNAT 100.64/10
                || (a0 == 169 && a1 == 254) // link-local, cloud metadata
                || (a0 == 172 && a1 >= 16 && a1 <= 31)
                || (a0 == 192 && a1 == 168)
                || (a0 == 192 && a1 == 0 && (b[2] & 0xff) == 0) // IETF protocol assignments
                || (a0 == 198 && (a1 == 18 || a1 == 19)) // benchmarking
                || a0 >= 224); // multicast, reserved, broadcast
    }

    private static boolean isZero(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return true;
    }
}
