package dev.s3batch.model.store;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** A thread-safe map that forgets its least recently used entry beyond {@code max} entries: what a service keeps of recent jobs. */
public final class LruCache {
    private LruCache() {
    }

    public static <K, V> Map<K, V> of(int max) {
        return Collections.synchronizedMap(new LinkedHashMap<>(Math.min(max, 64), 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
                return size() > max;
            }
        });
    }
}
