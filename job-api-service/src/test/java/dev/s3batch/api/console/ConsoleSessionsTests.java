package dev.s3batch.api.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.s3batch.api.config.ApiConfig;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Sign-in refusals, before any session is stored: one message for every wrong key, an over-long key id included. */
class ConsoleSessionsTests {
    static final ApiConfig API = (ApiConfig) java.lang.reflect.Proxy.newProxyInstance(ApiConfig.class.getClassLoader(),
            new Class<?>[]{ApiConfig.class}, (proxy, method, args) -> switch (method.getName()) {
                case "accounts" -> Map.of("local", account());
                default -> throw new UnsupportedOperationException(method.getName());
            });

    static ApiConfig.Account account() {
        return new ApiConfig.Account() {
            public Map<String, String> accessKeys() { return Map.of("KEY1", "the-secret"); }
            public Optional<String> awsAccountId() { return Optional.empty(); }
            public Optional<String> cosAppId() { return Optional.empty(); }
        };
    }

    final ConsoleSessions sessions = new ConsoleSessions(null, API, SignInThrottleTests.CONFIG, java.time.Clock.systemUTC());

    String refusal(String key, String secret, String address) {
        return assertThrows(ConsoleSessions.Refused.class, () -> sessions.signIn(key, secret, address).await().atMost(Duration.ofSeconds(5)))
                .getMessage();
    }

    @Test
    void everyWrongKeyGetsTheSameMessage() {
        String wrongSecret = refusal("KEY1", "not-it", "a");
        assertEquals(wrongSecret, refusal("NOSUCHKEY", "the-secret", "b"));
        assertEquals(wrongSecret, refusal("K".repeat(100_000), "the-secret", "c"));
        assertEquals(wrongSecret, refusal(null, null, "d"));
        assertFalse(wrongSecret.contains("the-secret") || wrongSecret.contains("KEY1"), wrongSecret);
    }

    @Test
    void overLongKeyIdsAreCountedUnderOneName() {
        for (int i = 0; i < 3; i++) {
            refusal("X".repeat(200) + i, "s", "addr-" + i);
        }
        // three different over-long ids: one key's allowance (3) used up, whatever the next long id is
        assertTrue(refusal("Y".repeat(300), "s", "addr-9").startsWith("Too many failed sign-ins"));
        assertFalse(refusal("NOSUCHKEY", "s", "addr-10").startsWith("Too many"), "other keys are not slowed");
    }

    @Test
    void theSessionAndItsSecretsDoNotPrint() {
        var s = new ConsoleSessions.Session("hash-of-cookie", "local", "KEY1", "csrf-token-value", java.time.Instant.now());
        assertFalse(s.toString().contains("hash-of-cookie") || s.toString().contains("csrf-token-value"), s.toString());
        assertTrue(Set.of(s.toString()).iterator().next().contains("KEY1"));
    }
}
