package dev.s3batch.api.console;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Slows down guessing: failed sign-ins are counted per access key id and per client address; past its allowance each
 * further attempt on that key or from that address is refused, without checking the secret, until a lockout that
 * doubles with each failure (1 s, 2 s, 4 s … up to the maximum) has passed. Counts older than the window are forgotten;
 * a success clears its key's count. At most {@link #MAX_ENTRIES} counters: when full, counters below the allowance are
 * dropped first. Per API instance (an attacker spreading over instances gains their number).
 */
final class SignInThrottle {
    /** Counters kept at most (the oldest are dropped past it, so a flood of made-up key ids cannot grow the map for ever). */
    static final int MAX_ENTRIES = 100_000;

    private record Failures(int count, Instant first, Instant last) {
    }

    private final Map<String, Failures> failures = new ConcurrentHashMap<>();
    private final ConsoleConfig config;
    private final Clock clock;

    SignInThrottle(ConsoleConfig config, Clock clock) {
        this.config = config;
        this.clock = clock;
    }

    /** How long {@code keyId} or {@code address} must still wait before an attempt is checked (zero: now). */
    Duration wait(String keyId, String address) {
        Duration a = waitFor("key:" + keyId, config.failuresBeforeLockout());
        Duration b = waitFor("addr:" + address, config.addressFailuresBeforeLockout());
        return a.compareTo(b) >= 0 ? a : b;
    }

    void failed(String keyId, String address) {
        count("key:" + keyId);
        count("addr:" + address);
    }

    void succeeded(String keyId) {
        failures.remove("key:" + keyId);
    }

    private Duration waitFor(String id, int allowance) {
        Failures f = current(id);
        if (f == null || f.count() < allowance) {
            return Duration.ZERO;
        }
        int past = f.count() - allowance;
        Duration lockout = Duration.ofSeconds(1L << Math.min(past, 20));
        if (lockout.compareTo(config.maxLockout()) > 0) {
            lockout = config.maxLockout();
        }
        Duration left = Duration.between(clock.instant(), f.last().plus(lockout));
        return left.isNegative() ? Duration.ZERO : left;
    }

    private Failures current(String id) {
        Failures f = failures.get(id);
        if (f != null && f.first().plus(config.failureWindow()).isBefore(clock.instant())) {
            failures.remove(id, f);
            return null;
        }
        return f;
    }

    private void count(String id) {
        Instant now = clock.instant();
        if (failures.size() >= MAX_ENTRIES && !failures.containsKey(id)) {
            failures.entrySet().removeIf(e -> e.getValue().first().plus(config.failureWindow()).isBefore(now));
            if (failures.size() >= MAX_ENTRIES) {
                // counters below the allowance go first; lockouts stay (a flood cannot wash one away)
                failures.entrySet().removeIf(e -> e.getValue().count() < config.failuresBeforeLockout());
            }
            if (failures.size() >= MAX_ENTRIES) {
                return;
            }
        }
        failures.compute(id, (k, f) -> f == null || f.first().plus(config.failureWindow()).isBefore(now)
                ? new Failures(1, now, now) : new Failures(f.count() + 1, f.first(), now));
    }
}
