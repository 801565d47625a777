package io.zopesync.core.zope;

import io.zopesync.core.kernel.InvalidInputException;
import io.zopesync.core.kernel.SyncLog;
import io.zopesync.core.kernel.Timeouts;
import java.time.Duration;
import java.util.Objects;

/**
 * The Zope management API over HTTP (Apache HttpClient 5).
 *
 * <p>{@code ZopeApi dev = ZopeClient.create(server, Timeouts.defaults(), 3, Duration.ofSeconds(1), 4, log)}
 * gives a thread-safe client with its own connection pool; close it when done.
 *
 * <ul>
 *   <li>Every call goes to the container's URL ({@code <base><folder>/<method>}); the arguments of a call that
 *       changes something go in a form body, those of an export in the query string, never split.</li>
 *   <li>Basic authentication is sent with the first request. A 401, or a redirect (Plone sends one to its login
 *       form), is a {@link ZopeException.Kind#AUTHENTICATION} failure; redirects are never followed.</li>
 *   <li>TLS is verified against the JVM's trust store and, if the server has one, its extra CA certificate;
 *       host names are checked. There is no way to switch verification off.</li>
 *   <li>Reads ({@code PROPFIND}, the export download) are repeated after a transport failure or a 429/502/503/504,
 *       waiting {@code retryBackoff}, then twice as long each time (at most 5 minutes), each retry logged as a
 *       warning; a repeated export starts its file and its progress count again from zero. A call that
 *       changes something (import, delete, rename) is repeated only if its connection could not even be opened;
 *       never after it was sent, since the first one may have done its work.</li>
 *   <li>Each HTTP step is logged at DEBUG (method, URL, status, time); credentials never are.</li>
 *   <li>Interrupting the calling thread cancels a running read at once (its connection is closed, a partial
 *       export file deleted) and the call throws a {@link io.zopesync.core.kernel.ZopeSyncException} saying it was
 *       cancelled, whose cause is an {@link InterruptedException}; the thread stays interrupted. A call that
 *       changes something is left to finish, so that its outcome is known; none is started on an interrupted
 *       thread.</li>
 * </ul>
 */
public final class ZopeClient {
    private ZopeClient() {
    }

    /**
     * Creates a client for one Zope server; nothing is contacted until the first call.
     *
     * @param timeouts the connect timeout, and the read timeout for an answer or the next bytes of one
     * @param retries attempts for reads and transport failures (1 = no retry); imports are never retried
     * @param retryBackoff the wait before the first retry, doubled for each further one
     * @param maxConnections the pool's size for this server
     * @param log receives a DEBUG line per HTTP step and a WARNING per retry
     * @throws InvalidInputException if {@code retries} or {@code maxConnections} is below 1, the back-off is
     *         negative, or the server's extra CA certificate cannot be read
     */
    public static ZopeApi create(ZopeServer server, Timeouts timeouts, int retries, Duration retryBackoff,
            int maxConnections, SyncLog log) {
        Objects.requireNonNull(server, "server");
        Objects.requireNonNull(timeouts, "timeouts");
        Objects.requireNonNull(retryBackoff, "retryBackoff");
        Objects.requireNonNull(log, "log");
        if (retries < 1) {
            throw InvalidInputException.of("retries must be at least 1 (1 = no retry): %d", retries);
        }
        if (retryBackoff.isNegative()) {
            throw InvalidInputException.of("retry back-off must not be negative: %s", retryBackoff);
        }
        if (maxConnections < 1) {
            throw InvalidInputException.of("connections per Zope server must be at least 1: %d", maxConnections);
        }
        return new HttpZopeClient(server, timeouts, retries, retryBackoff, maxConnections, log);
    }
}
