package dev.s3batch.planner.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithName;

/** The datasource settings, read again here to open the LISTEN connection that wakes the work loops. */
@ConfigMapping(prefix = "quarkus.datasource")
public interface DatasourceConfig {
    @WithName("reactive.url")
    String reactiveUrl();

    String username();

    String password();
}
