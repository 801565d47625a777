package io.zopesync.core.zope;

import io.zopesync.core.kernel.SyncLog;
import io.zopesync.core.kernel.Timeouts;
import java.time.Duration;

/**
 * Opens a {@link ZopeApi} for a server; tests use it to wrap the real client. The arguments are those of
 * {@link ZopeClient#create}. Implementations must be thread-safe: targets are opened in parallel.
 */
@FunctionalInterface
public interface ZopeConnector {

    /** The real HTTP client. */
    ZopeConnector HTTP = ZopeClient::create;

    ZopeApi open(ZopeServer server, Timeouts timeouts, int retries, Duration retryBackoff, int maxConnections,
            SyncLog log);
}
