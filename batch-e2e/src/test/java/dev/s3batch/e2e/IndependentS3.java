package dev.s3batch.e2e;

import java.net.URI;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The AWS SDK's S3 client on the test stack's store: a client independent of the MinIO one the services use, to read
 * back what a job did (ACLs, metadata, storage class, encryption) and to set up what MinIO's client cannot (bucket ACLs).
 */
final class IndependentS3 {
    private IndependentS3() {
    }

    static S3Client of(RunningServices services) {
        return of(services.stack.s3Endpoint(), services.stack.env().get("S3BATCH_S3_ACCESS_KEY"), services.stack.env().get("S3BATCH_S3_SECRET_KEY"));
    }

    /** The stack's other store, where replication jobs of the role {@code replicator} write: another name, another user. */
    static S3Client replicaStore(RunningServices services) {
        return of(services.stack.env().get("S3BATCH_REPLICA_ENDPOINT"), services.stack.env().get("S3BATCH_REPLICA_ACCESS_KEY"),
                services.stack.env().get("S3BATCH_REPLICA_SECRET_KEY"));
    }

    private static S3Client of(String endpoint, String accessKey, String secretKey) {
        return S3Client.builder().region(Region.US_EAST_1).endpointOverride(URI.create(endpoint))
                .forcePathStyle(true).requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey, secretKey)))
                .httpClient(UrlConnectionHttpClient.create()).build();
    }
}
