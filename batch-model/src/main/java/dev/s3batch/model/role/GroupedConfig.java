package dev.s3batch.model.role;

import java.util.Map;
import java.util.TreeMap;
import org.eclipse.microprofile.config.Config;

/** Configuration grouped by id under a prefix ({@code <prefix><id>.<key>=<value>}), as roles and functions are. */
public final class GroupedConfig {
    private GroupedConfig() {
    }

    /** Each id's keys and values, ids and keys in order. */
    public static Map<String, Map<String, String>> read(Config config, String prefix) {
        Map<String, Map<String, String>> byId = new TreeMap<>();
        for (String name : config.getPropertyNames()) {
            if (!name.startsWith(prefix)) {
                continue;
            }
            String rest = name.substring(prefix.length());
            int dot = rest.indexOf('.');
            if (dot <= 0) {
                continue;
            }
            config.getOptionalValue(name, String.class)
                    .ifPresent(v -> byId.computeIfAbsent(rest.substring(0, dot), k -> new TreeMap<>()).put(rest.substring(dot + 1), v));
        }
        return byId;
    }

    public static String required(Map<String, String> p, String prefix, String id, String key) {
        String v = p.get(key);
        if (v == null || v.isBlank()) {
            throw new IllegalArgumentException(prefix + id + "." + key + " is required");
        }
        return v;
    }
}
