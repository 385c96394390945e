package dev.s3batch.api.auth;

import java.time.Instant;

/**
 * A signature that verified: who signed, the {@code Authorization} header that carried it, and the last instant at
 * which the same signature would still be accepted (its date plus the clock skew, or the end of a COS window).
 */
public record Verified(Principal principal, String authorization, Instant validUntil) {
}
