package dev.s3batch.api.console;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** Failed sign-ins slow down further ones per key and per address; the window forgets, a success clears the key. */
class SignInThrottleTests {
    static final ConsoleConfig CONFIG = new ConsoleConfig() {
        public Duration idleTimeout() { return Duration.ofMinutes(30); }
        public Duration maxAge() { return Duration.ofHours(12); }
        public int failuresBeforeLockout() { return 3; }
        public int addressFailuresBeforeLockout() { return 5; }
        public Duration failureWindow() { return Duration.ofMinutes(15); }
        public Duration maxLockout() { return Duration.ofSeconds(8); }
    };

    static final class MovableClock extends Clock {
        Instant now = Instant.parse("2026-11-30T12:00:00Z");
        public java.time.ZoneId getZone() { return ZoneOffset.UTC; }
        public Clock withZone(java.time.ZoneId zone) { return this; }
        public Instant instant() { return now; }
    }

    final MovableClock clock = new MovableClock();
    final SignInThrottle throttle = new SignInThrottle(CONFIG, clock);

    @Test
    void aKeyIsLockedOutPastItsAllowanceForDoublingWaitsUpToTheMaximum() {
        for (int i = 0; i < 3; i++) {
            assertEquals(Duration.ZERO, throttle.wait("K", "a" + i));
            throttle.failed("K", "a" + i);
        }
        assertEquals(Duration.ofSeconds(1), throttle.wait("K", "elsewhere"));
        assertEquals(Duration.ZERO, throttle.wait("another-key", "elsewhere"), "other keys from other addresses are not slowed");
        clock.now = clock.now.plusSeconds(1);
        throttle.failed("K", "a");
        assertEquals(Duration.ofSeconds(2), throttle.wait("K", "b"));
        for (int i = 0; i < 5; i++) {
            throttle.failed("K", "c" + i);
        }
        assertEquals(Duration.ofSeconds(8), throttle.wait("K", "d"), "at most the maximum");
        clock.now = clock.now.plus(Duration.ofMinutes(16));
        assertEquals(Duration.ZERO, throttle.wait("K", "d"), "the window forgets");
    }

    @Test
    void anAddressIsLockedOutPastItsOwnAllowanceWhateverTheKeys() {
        for (int i = 0; i < 5; i++) {
            throttle.failed("key" + i, "10.0.0.1");
        }
        assertEquals(Duration.ofSeconds(1), throttle.wait("a-good-key", "10.0.0.1"));
        assertEquals(Duration.ZERO, throttle.wait("a-good-key", "10.0.0.2"));
    }

    @Test
    void aSuccessClearsItsKeysCount() {
        throttle.failed("K", "a");
        throttle.failed("K", "b");
        throttle.succeeded("K");
        throttle.failed("K", "c");
        throttle.failed("K", "d");
        assertEquals(Duration.ZERO, throttle.wait("K", "e"));
    }
}
