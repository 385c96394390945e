package dev.s3batch.api.dialect;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;

/** Checks of operation fields (ranges, enums) that every dialect shares. */
public final class OperationFields {
    private OperationFields() {
    }

    /** An integer within [min, max] (min ≥ 0), in ASCII digits: no sign, no other script's digits, no spaces. */
    public static int integer(String value, String where, int min, int max) {
        try {
            if (value.isEmpty() || value.length() > 10 || !value.chars().allMatch(c -> c >= '0' && c <= '9')) {
                throw new NumberFormatException();
            }
            long n = Long.parseLong(value);
            if (n >= min && n <= max) {
                return (int) n;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw ApiException.invalid(where + " must be an integer between " + min + " and " + max + ".");
    }

    /** One of the documented values. */
    public static String oneOf(String value, String where, String... allowed) {
        if (!List.of(allowed).contains(value)) {
            throw ApiException.invalid(where + " must be one of " + String.join(", ", allowed) + ".");
        }
        return value;
    }

    /**
     * Text that becomes an HTTP header value of the store request (Content-Type, a KMS key id, user metadata): printable
     * US-ASCII only, so no line break or other byte can reach the request a worker sends.
     */
    public static String headerValue(String value, String where, int max) {
        if (value.length() > max || !value.chars().allMatch(c -> c >= 0x20 && c <= 0x7E)) {
            throw ApiException.invalid(where + " must be at most " + max + " printable US-ASCII characters.");
        }
        return value;
    }

    /** A user-metadata key: it becomes the header name {@code x-amz-meta-<key>}, so only an HTTP token, lower-cased. */
    public static String metadataKey(String key, String where) {
        if (key.isEmpty() || key.length() > 128 || !key.chars().allMatch(c -> c < 0x7F && (Character.isLetterOrDigit(c) || "!#$%&'*+-.^_`|~".indexOf(c) >= 0))) {
            throw ApiException.invalid(where + " keys must be 1 to 128 letters, digits or !#$%&'*+-.^_`|~.");
        }
        return key.toLowerCase(Locale.ROOT);
    }

    /** An ISO-8601 timestamp with an offset ({@code 2025-01-31T12:00:00Z}). */
    public static Instant timestamp(String value, String where) {
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            throw ApiException.invalid(where + " must be an ISO-8601 time such as 2025-01-31T12:00:00Z.");
        }
    }

    public static boolean bool(String value, String where) {
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw ApiException.invalid(where + " must be true or false.");
        };
    }
}
