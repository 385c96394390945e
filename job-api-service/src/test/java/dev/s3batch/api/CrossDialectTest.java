package dev.s3batch.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.s3batch.testkit.StackTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import java.net.URL;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.endpoints.Endpoint;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3control.S3ControlClient;
import software.amazon.awssdk.services.s3control.model.JobStatus;
import software.amazon.awssdk.services.s3control.model.NotFoundException;
import software.amazon.awssdk.services.s3control.model.RequestedJobStatus;

/** One job model under all dialects: a job created through OSS is the same job, for the same account, through AWS. */
@QuarkusTest
@QuarkusTestResource(StackTestResource.class)
class CrossDialectTest {

    @TestHTTPResource("/")
    URL base;

    S3ControlClient aws(String key, String secret) {
        URI endpoint = URI.create(base.toString().replaceAll("/$", ""));
        return S3ControlClient.builder().region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(key, secret)))
                .endpointProvider(p -> CompletableFuture.completedFuture(Endpoint.builder().url(endpoint).build()))
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(ClientOverrideConfiguration.builder().retryStrategy(b -> b.maxAttempts(1)).build()).build();
    }

    @Test
    void aJobCreatedThroughOssIsDescribedAndCancelledThroughAws() {
        String id = given().filter(new OssV1Signing()).body(OssJobApiTest.job("cross-" + UUID.randomUUID()))
                .when().post("/?batchJob").then().statusCode(200).extract().path("CreateJobResult.JobId");
        try (S3ControlClient acme = aws("AKIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY");
             S3ControlClient other = aws("AKIAOTHEROTHEROTHER1", "other-secret-key")) {
            var job = acme.describeJob(b -> b.accountId("123456789012").jobId(id)).job();
            assertEquals(10, job.priority());
            assertEquals("Batch replace tags for specified objects", job.description());
            assertEquals("Environment", job.operation().s3PutObjectTagging().tagSet().get(0).key());
            assertEquals("arn:aws:s3:::my-bucket/manifest.csv", job.manifest().location().objectArn());
            assertEquals("Report_CSV_20250901", job.report().formatAsString(), "the report keeps the layout of the dialect that created the job");
            assertThrows(NotFoundException.class, () -> other.describeJob(b -> b.accountId("999999999999").jobId(id)));
            assertEquals(JobStatus.CANCELLING, acme.updateJobStatus(b -> b.accountId("123456789012").jobId(id)
                    .requestedJobStatus(RequestedJobStatus.CANCELLED)).status());
        }
        given().filter(new OssV1Signing()).when().get("/?batchJob&batchJobId=" + id).then().statusCode(200)
                .body("DescribeJobResult.Job.Status", equalTo("Cancelling"));
    }
}
