package dev.s3batch.worker.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.s3batch.model.metrics.BoundedTag;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.stream.IntStream;
import okhttp3.HttpUrl;
import org.junit.jupiter.api.Test;

class WorkerMetricsTests {

    @Test
    void eachRequestIsNamedByItsS3Call() {
        assertEquals("PutObjectTagging", name("PUT", "/b/k?tagging", false));
        assertEquals("GetObjectTagging", name("GET", "/b/k?tagging&versionId=v", false));
        assertEquals("DeleteObjectTagging", name("DELETE", "/b/k?tagging", false));
        assertEquals("PutObjectAcl", name("PUT", "/b/k?acl", false));
        assertEquals("GetBucketAcl", name("GET", "/b?acl", false));
        assertEquals("CopyObject", name("PUT", "/b/k", true));
        assertEquals("PutObject", name("PUT", "/b/a/b/c", false));
        assertEquals("GetObject", name("GET", "/b/k?partNumber=2", false));
        assertEquals("HeadObject", name("HEAD", "/b/k", false));
        assertEquals("DeleteObject", name("DELETE", "/b/k?versionId=1", false));
        assertEquals("ListObjects", name("GET", "/b?list-type=2&prefix=p", false));
        assertEquals("ListObjectVersions", name("GET", "/b?versions&prefix=k", false));
        assertEquals("CreateMultipartUpload", name("POST", "/b/k?uploads", false));
        assertEquals("UploadPartCopy", name("PUT", "/b/k?partNumber=1&uploadId=u", true));
        assertEquals("UploadPart", name("PUT", "/b/k?partNumber=1&uploadId=u", false));
        assertEquals("CompleteMultipartUpload", name("POST", "/b/k?uploadId=u", false));
        assertEquals("AbortMultipartUpload", name("DELETE", "/b/k?uploadId=u", false));
        assertEquals("RestoreObject", name("POST", "/b/k?restore", false));
        assertEquals("PutObjectLegalHold", name("PUT", "/b/k?legal-hold", false));
        assertEquals("PutObjectRetention", name("PUT", "/b/k?retention", false));
        assertEquals("HeadBucket", name("HEAD", "/b", false));
    }

    @Test
    void errorCodesFromAStoreAreABoundedTag() {
        BoundedTag tag = new BoundedTag(3);
        assertEquals("NoSuchKey", tag.of("NoSuchKey"));
        assertEquals("other", tag.of("has space"), "not a code");
        assertEquals("other", tag.of(null));
        assertEquals("other", tag.of("x".repeat(65)));
        IntStream.range(0, 10).forEach(i -> tag.of("Code" + i));
        assertEquals("other", tag.of("Code9"), "past the limit");
        assertEquals("NoSuchKey", tag.of("NoSuchKey"), "a code seen before stays");

        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        WorkerMetrics metrics = new WorkerMetrics(registry);
        IntStream.range(0, 1000).forEach(i -> metrics.task("PutObjectTagging", false, "Hostile" + i));
        assertEquals(65, registry.find("s3batch.tasks").counters().size(), "64 codes, then other");
        assertEquals(1000 - 64, registry.find("s3batch.tasks").tag("error", "other").counter().count());
    }

    private static String name(String method, String pathAndQuery, boolean copy) {
        return S3Calls.name(method, HttpUrl.get("http://127.0.0.1:9000" + pathAndQuery), copy);
    }
}
