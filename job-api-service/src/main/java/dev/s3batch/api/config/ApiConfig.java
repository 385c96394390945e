package dev.s3batch.api.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

@ConfigMapping(prefix = "s3batch.api")
public interface ApiConfig {

    /** Whether requests must be signed (AWS SigV4, OSS V1/V4, COS q-sign) with an access key of a configured account. */
    @WithDefault("true")
    boolean authentication();

    /** How far a request's signing time may be from ours. */
    @WithDefault("15m")
    Duration clockSkew();

    /** The accounts, by name (the name is the account id jobs are stored under). */
    Map<String, Account> accounts();

    /** The account OSS requests act as when authentication is off (local experiments only). */
    @WithDefault("local")
    String defaultAccountId();

    /** An account: its access keys, and the ids it goes by in the AWS and COS dialects. */
    interface Account {
        /** Access key id to secret key. Secrets are never logged or returned. */
        @WithName("access-keys")
        Map<String, String> accessKeys();

        /** The 12-digit id AWS clients send as {@code x-amz-account-id}. */
        Optional<String> awsAccountId();

        /** The APPID COS clients send as {@code x-cos-appid}. */
        Optional<String> cosAppId();
    }

    /** The longest COS {@code q-sign-time} window accepted (COS SDKs sign one hour by default). */
    @WithDefault("24h")
    Duration cosMaxSignWindow();

    /**
     * The regions an AWS SigV4 credential scope may name ({@code <key>/<date>/<region>/s3/aws4_request}); a signature
     * for another region is refused. The AWS SDKs and CLI sign with the client's configured region.
     */
    @WithDefault("us-east-1")
    java.util.Set<String> awsSigningRegions();

    /** The regions an OSS V4 credential scope may name ({@code <key>/<date>/<region>/oss/aliyun_v4_request}). */
    @WithDefault("cn-hangzhou")
    java.util.Set<String> ossSigningRegions();

    /** The region named in job ARNs (AWS dialect). */
    @WithDefault("us-east-1")
    String region();

    /** The longest request URI (path and query) accepted; longer ones get the dialect's 414. */
    @WithDefault("8192")
    int maxUriLength();

    /** The most bytes of request headers (names and values) accepted; more get the dialect's 400. */
    @WithDefault("16384")
    int maxHeaderBytes();

    /**
     * How long a request may take to arrive whole (its headers and body) after its first line: a client that stops
     * sending (a short body, a chunked body that never ends) gets the dialect's 400 {@code RequestTimeout} and its
     * connection is closed.
     */
    @WithDefault("20s")
    Duration requestReadTimeout();

    /** How often the outbox relay looks for events when no notification woke it (a lost notification costs this much). */
    @WithDefault("5s")
    Duration outboxPollInterval();

    /** Most events the relay publishes in one transaction. */
    @WithDefault("500")
    int outboxBatchSize();

    /** Attempts to publish one outbox row before it is set aside (blocked) so the rest flow on. */
    @WithDefault("10")
    int outboxMaxAttempts();

    /** The wait before a failed row's second attempt; it doubles after each failure, up to five minutes. */
    @WithDefault("1s")
    Duration outboxRetryBackoff();
}
