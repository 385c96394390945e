package dev.s3batch.report.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The S3 endpoint and the credentials of the stack's role (roles per account are the API issue's next step). */
@ConfigMapping(prefix = "s3batch.s3")
public interface S3Config {
    /** S3 endpoint URL, e.g. http://127.0.0.1:18001. */
    String endpoint();

    /** Region used for request signing. */
    @WithDefault("us-east-1")
    String region();

    /** Access key of the role's credentials. */
    String accessKey();

    /** Secret key of the role's credentials; never logged. */
    String secretKey();
}
