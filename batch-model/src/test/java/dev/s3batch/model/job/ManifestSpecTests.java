package dev.s3batch.model.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.s3batch.model.event.ModelJson;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ManifestSpecTests {
    static final ObjectMapper JSON = ModelJson.newMapper();

    @Test
    void everyKindReadsBackAsWrittenAndAStoredSpecWithoutAKindIsACsv() throws Exception {
        List<ManifestSpec> kinds = List.of(
                new ManifestSpec.Csv(List.of(ManifestField.BUCKET, ManifestField.KEY), new ObjectLocation("m", "m.csv", null), "e"),
                new ManifestSpec.Inventory(new ObjectLocation("inv", "a/manifest.json", "v1"), "e2", true),
                new ManifestSpec.Generated("src", "p/", new ListingFilter(Instant.parse("2024-01-01T00:00:00Z"), null, 10L, null,
                        List.of("STANDARD"), ".jpg", "cat"), new ManifestOutput("out", "gen", null, "SSE-KMS", "key-1"), "123456789012"));
        for (ManifestSpec kind : kinds) {
            assertEquals(kind, JSON.readValue(JSON.writeValueAsString(kind), ManifestSpec.class));
        }
        assertEquals(kinds.get(0), JSON.readValue("{\"fields\":[\"BUCKET\",\"KEY\"],\"location\":{\"bucket\":\"m\",\"key\":\"m.csv\"},"
                + "\"etag\":\"e\"}", ManifestSpec.class), "specs stored before manifest kinds existed are CSVs");
    }

    @Test
    void everyFilterConditionMustHoldAndBoundsAreStrict() {
        Instant t = Instant.parse("2025-06-01T00:00:00Z");
        ListingFilter f = new ListingFilter(t.minusSeconds(60), t.plusSeconds(60), 10L, 100L, List.of("STANDARD"), ".jpg", "cat");
        assertTrue(f.matches("a/cat.jpg", 50, t, null), "a store that names no class is STANDARD");
        assertFalse(f.matches("a/cat.png", 50, t, "STANDARD"));
        assertFalse(f.matches("a/dog.jpg", 50, t, "STANDARD"));
        assertFalse(f.matches("a/cat.jpg", 10, t, "STANDARD"), "greater than, not equal");
        assertFalse(f.matches("a/cat.jpg", 100, t, "STANDARD"), "less than, not equal");
        assertFalse(f.matches("a/cat.jpg", 50, t.minusSeconds(60), "STANDARD"), "after, not at");
        assertFalse(f.matches("a/cat.jpg", 50, t.plusSeconds(60), "STANDARD"), "before, not at");
        assertFalse(f.matches("a/cat.jpg", 50, t, "GLACIER"));
        assertTrue(ListingFilter.NONE.matches("anything", 0, null, null));
    }
}
