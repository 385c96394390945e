package dev.s3batch.worker.operation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AddObjectTaggingOperationTests {
    @Test
    void addedTagsGoOverTheObjectsOwnAndTheLimitsHold() {
        assertEquals(Map.of("a", "1", "b", "new", "c", "3"),
                AddObjectTaggingOperation.merge(Map.of("a", "1", "b", "2"), Map.of("b", "new", "c", "3")));
        Map<String, String> nine = new LinkedHashMap<>();
        for (int i = 0; i < 9; i++) {
            nine.put("k" + i, "v");
        }
        assertEquals(10, AddObjectTaggingOperation.merge(nine, Map.of("k9", "v")).size());
        IllegalArgumentException tooMany = assertThrows(IllegalArgumentException.class,
                () -> AddObjectTaggingOperation.merge(nine, Map.of("x", "1", "y", "2")));
        assertTrue(tooMany.getMessage().contains("11 tags"), tooMany.getMessage());
        assertThrows(IllegalArgumentException.class, () -> AddObjectTaggingOperation.merge(Map.of("big", "v".repeat(1000)), Map.of("k", "v".repeat(30))));
    }
}
