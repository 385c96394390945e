package dev.s3batch.api.auth;

import dev.s3batch.api.config.ApiConfig;

/** Who signed a request: the account (by name) that owns the access key. */
public record Principal(String accountName, ApiConfig.Account account) {
}
