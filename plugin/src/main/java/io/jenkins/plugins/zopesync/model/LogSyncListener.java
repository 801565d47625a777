package io.jenkins.plugins.zopesync.model;

import io.zopesync.core.model.SyncListener;
import io.zopesync.core.result.ObjectResult;
import io.zopesync.core.result.TargetResult;
import java.io.PrintStream;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Writes the engine's events to a build log: every log line at INFO and above, each phase, each object's and
 * target's outcome, and transfer progress at most once every {@link #PROGRESS_INTERVAL_SECONDS} seconds per file
 * (plus the line that says a file is done). The engine never puts a secret into an event, and this class adds
 * none.
 *
 * <p>{@code new LogSyncListener(listener.getLogger(), System::nanoTime)}. Thread-safe: targets run in parallel
 * and their lines must not interleave mid-line.
 */
public final class LogSyncListener implements SyncListener {
    /** The shortest time between two progress lines about the same file. */
    public static final long PROGRESS_INTERVAL_SECONDS = 5;

    private static final String PREFIX = "[zope-sync] ";

    private final PrintStream out;
    private final LongSupplier nanoTime;
    private final Map<String, Long> lastProgress = new HashMap<>();

    /**
     * @param out the build log
     * @param nanoTime a monotonic clock in nanoseconds ({@code System::nanoTime}; tests pass their own)
     */
    public LogSyncListener(PrintStream out, LongSupplier nanoTime) {
        this.out = out;
        this.nanoTime = nanoTime;
    }

    @Override
    public synchronized void log(Level level, String message) {
        if (level == Level.DEBUG) {
            return;
        }
        out.println(PREFIX + (level == Level.INFO ? "" : level + ": ") + message);
    }

    @Override
    public synchronized void phase(Phase phase, String target) {
        String name = phase.name().toLowerCase(Locale.ROOT).replace('_', ' ');
        out.println(PREFIX + "== " + name + (target == null ? "" : " " + target));
    }

    @Override
    public synchronized void progress(Progress progress) {
        String key = progress.kind() + " " + progress.target() + " " + progress.object();
        long now = nanoTime.getAsLong();
        boolean done = progress.bytesTotal() >= 0 && progress.bytesDone() >= progress.bytesTotal();
        Long last = lastProgress.get(key);
        if (done) {
            lastProgress.remove(key);
        } else if (last != null && now - last < TimeUnit.SECONDS.toNanos(PROGRESS_INTERVAL_SECONDS)) {
            return;
        } else {
            lastProgress.put(key, now);
        }
        String what = progress.kind().name().toLowerCase(Locale.ROOT).replace('_', ' ');
        String where = progress.target() == null ? "" : " to " + progress.target();
        String total = progress.bytesTotal() < 0 ? "" : " of " + SyncSummary.formatBytes(progress.bytesTotal());
        out.println(PREFIX + what + " " + progress.object() + where + ": "
                + SyncSummary.formatBytes(progress.bytesDone()) + total + " in "
                + SyncSummary.formatMillis(progress.elapsedMillis()));
    }

    @Override
    public synchronized void objectDone(String target, ObjectResult result) {
        out.println(PREFIX + target + ": " + result.path() + " "
                + result.outcome().name().toLowerCase(Locale.ROOT)
                + (result.message() == null ? "" : ": " + result.message()));
    }

    @Override
    public synchronized void targetDone(TargetResult result) {
        out.println(PREFIX + "target " + result.target() + " "
                + result.status().name().toLowerCase(Locale.ROOT)
                + " in " + SyncSummary.formatMillis(result.millis())
                + (result.message() == null ? "" : ": " + result.message()));
    }
}
