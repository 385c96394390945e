package dev.s3batch.planner.manifest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.s3batch.model.job.ManifestField;
import dev.s3batch.model.job.ManifestFormat;
import dev.s3batch.model.job.ManifestSpec;
import dev.s3batch.model.job.ObjectLocation;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What a manifest that cannot be read says in FailureReasons: the reason in words, never a Java class name. */
class ManifestSourceTests {
    static final ManifestSpec MANIFEST = new ManifestSpec(ManifestFormat.CSV, List.of(ManifestField.BUCKET, ManifestField.KEY),
            new ObjectLocation("A..B", "m.csv", null), null);

    @Test
    void failuresSayWhyInWords() {
        ManifestException refused = ManifestSource.failure(MANIFEST, new IllegalArgumentException("bucket name 'A..B' is not valid"));
        assertEquals("ManifestUnreadable", refused.failureCode());
        assertTrue(refused.getMessage().contains("bucket name 'A..B' is not valid"), refused.getMessage());
        for (Exception e : List.<Exception>of(new IOException("reset"), new IllegalStateException("x"), new IllegalArgumentException())) {
            String message = ManifestSource.failure(MANIFEST, e).getMessage();
            assertFalse(message.contains("Exception"), message);
        }
    }
}
