package io.zopesync.core.internal;

import io.zopesync.core.kernel.SyncLog;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * One thread for a target's reads that run alongside its own work: which objects exist while the files upload,
 * whether an imported object is there while the next one is imported. Started on first use; {@link #close()}
 * interrupts a read under way (its answer is no longer needed) and waits for it to end, at most {@code wait}.
 * Used by one thread.
 */
final class Background implements AutoCloseable {
    private final String target;
    private final Duration wait;
    private final SyncLog log;
    private ExecutorService executor;

    /** @param wait how long {@link #close()} waits for a read under way: a read timeout and a little more */
    Background(String target, Duration wait, SyncLog log) {
        this.target = target;
        this.wait = wait;
        this.log = log;
    }

    <T> Future<T> submit(Callable<T> task) {
        if (executor == null) {
            executor = Executors.newSingleThreadExecutor(runnable -> {
                Thread thread = new Thread(runnable, "zope-sync-checks-" + target);
                thread.setDaemon(true);
                return thread;
            });
        }
        return executor.submit(task);
    }

    @Override
    public void close() {
        if (executor == null) {
            return;
        }
        executor.shutdownNow();
        try {
            if (!executor.awaitTermination(wait.toMillis(), TimeUnit.MILLISECONDS)) {
                log.warn("target '" + target + "': a check of the objects did not end");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
