package dev.s3batch.model.job;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** An object tag (key, value). */
public record Tag(String key, String value) {

    /** The tags as a key → value map, in their order (a later tag of the same key wins). */
    public static Map<String, String> asMap(List<Tag> tags) {
        Map<String, String> out = new LinkedHashMap<>();
        tags.forEach(t -> out.put(t.key(), t.value()));
        return out;
    }
}
