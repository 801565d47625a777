package io.zopesync.core.internal;

import io.zopesync.core.kernel.SyncLog;
import io.zopesync.core.kernel.ZopeSyncException;
import io.zopesync.core.model.SyncOptions;
import java.util.concurrent.TimeUnit;

/**
 * The wait between attempts of a retried SSH operation: {@link SyncOptions#getRetryBackoff()}, doubled for each
 * further attempt, at most {@value #MAX_WAIT_SECONDS} s. Only transport failures (refused, reset, dropped, timed
 * out) are retried, and only operations that may safely run twice: connecting, uploading (to a temporary name,
 * then renamed), writing the lock or journal. An import is never retried.
 */
final class Retry {
    static final long MAX_WAIT_SECONDS = 60;

    private Retry() {
    }

    /**
     * Logs the failure and waits before attempt {@code attempt + 1}.
     *
     * @throws ZopeSyncException if the thread is interrupted while it waits (the flag is kept)
     */
    static void pause(SyncOptions options, int attempt, SyncLog log, String failure) {
        long wait = Math.min(options.getRetryBackoff().toMillis() << Math.min(attempt - 1, 16),
                TimeUnit.SECONDS.toMillis(MAX_WAIT_SECONDS));
        log.warn(failure + "; trying again on a new SSH session in " + wait + " ms (attempt " + (attempt + 1) + " of "
                + options.getRetries() + ")");
        try {
            TimeUnit.MILLISECONDS.sleep(wait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ZopeSyncException("cancelled while waiting to try again after: " + failure, e);
        }
    }
}
