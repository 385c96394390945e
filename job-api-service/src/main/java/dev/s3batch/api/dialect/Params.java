package dev.s3batch.api.dialect;

import dev.s3batch.model.job.JobStatus;
import java.util.Collection;
import java.util.EnumSet;
import java.util.Set;
import java.util.UUID;

/** Checks of query parameters that every dialect shares; the names in messages are the caller's own. */
public final class Params {
    private Params() {
    }

    private static final java.util.regex.Pattern UUID_FORM =
            java.util.regex.Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    /**
     * A number of at most {@code maxDigits} ASCII digits, nothing around them ({@code Long.parseLong} also takes a sign
     * and other scripts' digits, such as {@code ٣}).
     *
     * @throws NumberFormatException for anything else
     */
    private static long digits(String value, int maxDigits) {
        if (value.isEmpty() || value.length() > maxDigits || !value.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new NumberFormatException();
        }
        return Long.parseLong(value);
    }

    /** A priority, 0–2147483647, in ASCII digits. */
    public static int priority(String value, String name) {
        if (value == null || value.isEmpty()) {
            throw ApiException.missing(name);
        }
        try {
            long p = digits(value, 10);
            if (p >= 0 && p <= Integer.MAX_VALUE) {
                return (int) p;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw ApiException.invalid(name + " must be an integer between 0 and 2147483647.");
    }

    /**
     * A page size within [1, max], or the default when absent; 0 is "the default" only where the dialect allows it
     * (AWS: 0–1000), otherwise refused (OSS and COS: 1–1000).
     */
    public static int pageSize(String value, String name, int fallback, int max, boolean zeroIsDefault) {
        if (value == null || value.isEmpty()) { // absent, or sent empty; " " is not a number
            return fallback;
        }
        try {
            long n = digits(value, 10);
            if (n == 0 && zeroIsDefault) {
                return fallback;
            }
            if (n > 0 && n <= max) {
                return (int) n;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw ApiException.invalid(name + " must be an integer between 1 and " + max + ".");
    }

    /** An instant given as epoch seconds (the form OSS uses for CreationTime), or null when absent. */
    public static java.time.Instant epochSeconds(String value, String name) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        try {
            long s = digits(value, 12);
            if (s >= 0 && s <= 253402300799L) { // up to 9999-12-31
                return java.time.Instant.ofEpochSecond(s);
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw ApiException.invalid(name + " must be a time in seconds since 1970-01-01T00:00:00Z.");
    }

    /** Refuses query parameters an operation does not know (a typo should not silently widen a listing). */
    public static void known(Collection<String> names, Set<String> known, String operation) {
        for (String n : names) {
            if (!known.contains(n) && !n.startsWith("x-oss-")) {
                throw ApiException.invalid(operation + " has no parameter '" + (n.length() > 64 ? n.substring(0, 64) + "…" : n) + "'.");
            }
        }
    }

    /** Job statuses by their wire names; an unknown name is refused. */
    public static Set<JobStatus> statuses(Collection<String> names, String name) {
        Set<JobStatus> out = EnumSet.noneOf(JobStatus.class);
        for (String n : names) {
            String status = n.strip();
            if (status.isEmpty()) {
                continue;
            }
            out.add(JobStatus.fromWire(status).orElseThrow(() -> ApiException.invalid(name + ": unknown job status '" + status + "'.")));
        }
        return out;
    }

    /** The status UpdateJobStatus may request: Ready or Cancelled. */
    public static JobStatus requestedStatus(String value, String name) {
        if (value == null || value.isBlank()) {
            throw ApiException.missing(name);
        }
        return switch (value) { // exactly: a status with a NUL or a tab around it is not a status
            case "Ready" -> JobStatus.READY;
            case "Cancelled" -> JobStatus.CANCELLED;
            default -> throw ApiException.invalid(name + " must be Ready or Cancelled.");
        };
    }

    /** A status update reason: optional, at most 256 characters, no control characters. */
    public static String reason(String value, String name) {
        if (value != null && value.length() > 256) {
            throw ApiException.invalid(name + " must be at most 256 characters.");
        }
        if (Texts.hasControlCharacter(value)) {
            throw ApiException.invalid(name + " must not contain control characters.");
        }
        return value == null || value.isEmpty() ? null : value;
    }

    /** A job id as s3batch issues them; anything else names no job. */
    public static UUID jobId(String id) {
        try {
            if (id == null || !UUID_FORM.matcher(id).matches()) {
                throw new IllegalArgumentException();
            }
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw new ApiException(ApiError.NO_SUCH_JOB, "The specified job does not exist.");
        }
    }
}
