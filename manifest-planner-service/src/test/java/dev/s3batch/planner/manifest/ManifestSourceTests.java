package dev.s3batch.planner.manifest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.s3batch.model.job.ObjectLocation;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What a manifest that cannot be read says in FailureReasons: the reason in words, never a Java class name. */
class ManifestSourceTests {
    static final ObjectLocation MANIFEST = new ObjectLocation("A..B", "m.csv", null);

    @Test
    void failuresSayWhyInWords() throws IOException {
        ManifestException refused = ManifestSource.failure(MANIFEST, new IllegalArgumentException("bucket name 'A..B' is not valid"));
        assertEquals("ManifestUnreadable", refused.failureCode());
        assertTrue(refused.getMessage().contains("bucket name 'A..B' is not valid"), refused.getMessage());
        for (Exception e : List.<Exception>of(new IllegalStateException("x"), new IllegalArgumentException())) {
            String message = ManifestSource.failure(MANIFEST, e).getMessage();
            assertFalse(message.contains("Exception"), message);
        }
    }

    /** A SlowDown, a bare 503 or a reset failed the job as ManifestUnreadable; they are retried now. */
    @Test
    void transientStoreAnswersAreRetriedNotTheJobsFailure() {
        var response = new okhttp3.Response.Builder().request(new okhttp3.Request.Builder().url("http://127.0.0.1/b/m.csv").build())
                .protocol(okhttp3.Protocol.HTTP_1_1).code(503).message("SlowDown").build();
        var slowDown = new io.minio.errors.ErrorResponseException(new io.minio.messages.ErrorResponse("SlowDown", "slow down", "b", "m.csv",
                "/b/m.csv", "req", "host"), response, null);
        for (Exception e : List.<Exception>of(slowDown, new io.minio.errors.ServerException("HTTP 503", 503, ""), new IOException("reset"))) {
            org.junit.jupiter.api.Assertions.assertThrows(IOException.class, () -> ManifestSource.failure(MANIFEST, e));
        }
    }

    /** A 501 was retried as if transient (the planner's own rule was "any 5xx"); no retry changes a NotImplemented. */
    @Test
    void notImplementedIsTheStoresAnswerNotARetry() throws IOException {
        var response = new okhttp3.Response.Builder().request(new okhttp3.Request.Builder().url("http://127.0.0.1/b/m.csv").build())
                .protocol(okhttp3.Protocol.HTTP_1_1).code(501).message("NotImplemented").build();
        var notImplemented = new io.minio.errors.ErrorResponseException(new io.minio.messages.ErrorResponse("NotImplemented", "", "b",
                "m.csv", "/b/m.csv", "req", "host"), response, null);
        assertFalse(ManifestSource.transientFailure(notImplemented));
        assertEquals("ManifestUnreadable", ManifestSource.failure(MANIFEST, notImplemented).failureCode());
        assertFalse(ManifestSource.transientFailure(new io.minio.errors.ServerException("HTTP 501", 501, "")));
    }
}
