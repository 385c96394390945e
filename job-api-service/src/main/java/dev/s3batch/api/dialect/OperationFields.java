package dev.s3batch.api.dialect;

import java.util.List;

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
}
