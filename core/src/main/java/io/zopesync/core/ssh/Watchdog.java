package io.zopesync.core.ssh;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Aborts remote operations that stop moving. JSch's keepalives only notice a dead connection: a server that
 * answers them but never answers an SFTP request (or never reads the data sent) would hang a channel for ever.
 * Each operation holds a {@link Watch} that it touches whenever bytes or acknowledgements move; a watch left
 * untouched for longer than the limit expires, and its abort action (closing the operation's channel) runs on the
 * watchdog's thread.
 *
 * <p>Thread-safe; one per session, closed with it.
 */
final class Watchdog implements AutoCloseable {
    private final long limitNanos;
    private final ScheduledExecutorService timer;
    private final Set<Watch> watches = ConcurrentHashMap.newKeySet();

    Watchdog(String name, Duration limit) {
        this.limitNanos = limit.toNanos();
        this.timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "zope-sync watchdog " + name);
            thread.setDaemon(true);
            return thread;
        });
        long period = Math.max(20, Math.min(1000, limit.toMillis() / 10));
        timer.scheduleAtFixedRate(this::check, period, period, TimeUnit.MILLISECONDS);
    }

    /** Starts watching an operation; {@code onExpiry} must not block for long. */
    Watch start(Runnable onExpiry) {
        Watch watch = new Watch(onExpiry);
        watches.add(watch);
        return watch;
    }

    private void check() {
        long now = System.nanoTime();
        for (Watch watch : watches) {
            if (!watch.expired && now - watch.lastMove > limitNanos) {
                watch.expired = true;
                watches.remove(watch);
                try {
                    watch.onExpiry.run();
                } catch (RuntimeException ignored) {
                    // The abort is best effort: the channel may be closing anyway.
                }
            }
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
        watches.clear();
    }

    /** One watched operation. */
    final class Watch implements AutoCloseable {
        private final Runnable onExpiry;
        private volatile long lastMove = System.nanoTime();
        private volatile boolean expired;

        private Watch(Runnable onExpiry) {
            this.onExpiry = onExpiry;
        }

        /** Something moved: the limit starts again. */
        void touch() {
            lastMove = System.nanoTime();
        }

        /** Whether the operation was aborted for standing still. */
        boolean isExpired() {
            return expired;
        }

        @Override
        public void close() {
            watches.remove(this);
        }
    }
}
