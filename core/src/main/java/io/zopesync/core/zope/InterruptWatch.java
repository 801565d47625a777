package io.zopesync.core.zope;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.hc.core5.concurrent.Cancellable;

/**
 * Cancels running requests whose thread has been interrupted.
 *
 * <p>A thread blocked in a socket read does not notice {@link Thread#interrupt()}; it would wait for the read
 * timeout. This watch looks at the watched threads a few times a second and cancels the request of an
 * interrupted one, which closes its connection and ends the blocked read at once.
 */
final class InterruptWatch implements AutoCloseable {
    private static final long PERIOD_MILLIS = 100;

    private final Map<Cancellable, Thread> running = new ConcurrentHashMap<>();
    private final ScheduledExecutorService timer;

    InterruptWatch(String serverName) {
        timer = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "zope-sync interrupt watch for '" + serverName + "'");
            thread.setDaemon(true);
            return thread;
        });
        timer.scheduleWithFixedDelay(this::cancelInterrupted, PERIOD_MILLIS, PERIOD_MILLIS, TimeUnit.MILLISECONDS);
    }

    /** Watches a request made by the current thread until the returned handle is closed. */
    Watched watch(Cancellable request) {
        running.put(request, Thread.currentThread());
        return () -> running.remove(request);
    }

    private void cancelInterrupted() {
        running.forEach((request, thread) -> {
            if (thread.isInterrupted()) {
                request.cancel();
            }
        });
    }

    @Override
    public void close() {
        timer.shutdownNow();
        running.clear();
    }

    /** The end of a watch. */
    @FunctionalInterface
    interface Watched extends AutoCloseable {
        @Override
        void close();
    }
}
