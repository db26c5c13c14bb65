package io.castiel.platform;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.UUID;

import org.springframework.stereotype.Component;

/**
 * UUIDv7 (RFC 9562): time-ordered, so new rows append to the end of every id index. Within one
 * millisecond the 12-bit {@code rand_a} field is a counter (RFC 9562 method 1), so ids made by
 * this process are strictly increasing even when many are made per millisecond.
 */
@Component
public class Ids {

    private final SecureRandom random = new SecureRandom();
    private final Clock clock;
    private long lastMillis;
    private int sequence;

    public Ids(Clock clock) {
        this.clock = clock;
    }

    public UUID next() {
        long millis;
        int seq;
        synchronized (this) {
            millis = Math.max(clock.millis(), lastMillis);
            if (millis == lastMillis) {
                sequence++;
                if (sequence > 0xFFF) {
                    millis++;
                    sequence = random.nextInt(1 << 10);
                }
            } else {
                sequence = random.nextInt(1 << 10);
            }
            lastMillis = millis;
            seq = sequence;
        }
        long msb = (millis << 16) | (0x7L << 12) | seq;
        long lsb = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(msb, lsb);
    }
}
