package dev.s3batch.api.dialect;

import java.util.List;

/** Checks of operation fields (ranges, enums) that every dialect shares. */
public final class OperationFields {
    private OperationFields() {
    }

    /** An integer within [min, max]. */
    public static int integer(String value, String where, int min, int max) {
        try {
            long n = Long.parseLong(value.trim());
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
}
