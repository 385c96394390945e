package dev.s3batch.api.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

@ConfigMapping(prefix = "s3batch.api")
public interface ApiConfig {

    /** The account every request acts as until request signing is built (issue: three dialects with authentication). */
    @WithDefault("1234567890123456")
    String defaultAccountId();

    /** The region named in job ARNs (AWS dialect). */
    @WithDefault("us-east-1")
    String region();

    /** How often the outbox relay looks for events when no notification woke it. */
    @WithDefault("1s")
    Duration outboxPollInterval();

    /** Most events the relay publishes in one transaction. */
    @WithDefault("500")
    int outboxBatchSize();
}
