package io.zopesync.core.zope;

import io.zopesync.core.SyncLog;
import io.zopesync.core.Timeouts;
import java.time.Duration;

/**
 * The Zope management API over HTTP (Apache HttpClient 5).
 */
public final class ZopeClient {
    private ZopeClient() {
    }

    /**
     * @param retries attempts for reads and transport failures (1 = no retry); imports are never retried
     * @param retryBackoff the wait before the first retry, doubled for each further one
     * @param maxConnections the pool's size for this server
     */
    public static ZopeApi create(ZopeServer server, Timeouts timeouts, int retries, Duration retryBackoff,
            int maxConnections, SyncLog log) {
        throw new UnsupportedOperationException("not implemented yet");
    }
}
