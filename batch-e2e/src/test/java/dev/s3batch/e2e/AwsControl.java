package dev.s3batch.e2e;

import dev.s3batch.e2e.client.AwsJobClient;

/** The AWS SDK's S3ControlClient pointed at the test stack's API, for jobs the AWS dialect creates. */
final class AwsControl extends AwsJobClient {
    private AwsControl(AwsJobClient c) {
        super(c.client, c.account);
    }

    static AwsControl of(RunningServices services) {
        return new AwsControl(AwsJobClient.of(services.stack.env().get("S3BATCH_API_URL"), services.stack.env().get("S3BATCH_API_ACCESS_KEY"),
                services.stack.env().get("S3BATCH_API_SECRET_KEY"), services.stack.env().get("S3BATCH_API_ACCOUNT_ID")));
    }
}
