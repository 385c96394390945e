package dev.s3batch.model.metrics;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * A metric tag whose values come from outside (a store's error codes): each value is kept as it is while it looks
 * like a code and fewer than {@code max} distinct values have been seen; after that, and for anything else, it is
 * {@code other}. A hostile store cannot make a time series per request.
 */
public final class BoundedTag {
    private static final Pattern CODE = Pattern.compile("[A-Za-z][A-Za-z0-9.]{0,63}");
    public static final String OTHER = "other";
    private final int max;
    private final Set<String> seen = ConcurrentHashMap.newKeySet();

    public BoundedTag(int max) {
        this.max = max;
    }

    public String of(String value) {
        if (value == null || !CODE.matcher(value).matches()) {
            return OTHER;
        }
        if (seen.contains(value)) {
            return value;
        }
        synchronized (seen) {
            if (seen.size() >= max) {
                return OTHER;
            }
            seen.add(value);
            return value;
        }
    }
}
