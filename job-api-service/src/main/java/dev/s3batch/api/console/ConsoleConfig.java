package dev.s3batch.api.console;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** The web console's sessions and sign-in limits ({@code s3batch.console.*}). */
@ConfigMapping(prefix = "s3batch.console")
public interface ConsoleConfig {
    /** A session unused this long ends. */
    @WithDefault("30m")
    Duration idleTimeout();

    /** A session ends this long after sign-in, used or not. */
    @WithDefault("12h")
    Duration maxAge();

    /** Failed sign-ins with one access key id allowed before each further one is refused for a while. */
    @WithDefault("5")
    int failuresBeforeLockout();

    /**
     * Failed sign-ins from one client address (any key id) allowed before each further one from it is refused for a
     * while: higher than the key's, as people behind one proxy share an address.
     */
    @WithDefault("20")
    int addressFailuresBeforeLockout();

    /** The window failed sign-ins are counted in; a success clears the key's count. */
    @WithDefault("15m")
    Duration failureWindow();

    /** The longest lockout (it doubles with each failure past the allowance, from one second). */
    @WithDefault("5m")
    Duration maxLockout();
}
