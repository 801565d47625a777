package io.zopesync.benchmarks;

import io.zopesync.core.model.SyncListener;
import io.zopesync.core.result.ObjectResult;
import io.zopesync.core.result.TargetResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Where a sync's time goes: when the preflight, the export and each target's work started (a sync's targets start
 * with its export), when the last export was done, when each target's last upload byte was reported and when it
 * finished. Thread-safe.
 *
 * <p>With {@code -Dbench.trace=DIR} (e.g. {@code -Dbench.heap="-Xmx3g -Dbench.trace=/tmp/trace"}) every event of
 * the sync, the engine's debug lines with each HTTP call included, is also written with its time and thread to
 * {@code DIR/<name>.txt}, to see where a sync waits.
 */
final class Timeline implements SyncListener {
    private static final String TRACE = System.getProperty("bench.trace");
    private final long started = System.nanoTime();
    private final Map<String, Long> marks = new ConcurrentHashMap<>();
    private final Queue<String> trace = new ConcurrentLinkedQueue<>();

    private void trace(String event) {
        if (TRACE != null) {
            trace.add(String.format(Locale.ROOT, "%9.3f %-22s %s", (System.nanoTime() - started) / 1e6,
                    Thread.currentThread().getName(), event));
        }
    }

    @Override
    public void log(Level level, String message) {
        trace(level + " " + message);
        if (level == Level.INFO && message.startsWith("exported ")) {
            marks.put("exported", System.nanoTime());
        }
    }

    @Override
    public void objectDone(String target, ObjectResult result) {
        trace("object done on " + target + ": " + result.path() + " " + result.outcome());
    }

    /** Writes the trace, if asked for, to {@code <bench.trace>/<name>.txt}. */
    void writeTrace(String name) {
        if (TRACE == null) {
            return;
        }
        try {
            Path dir = Files.createDirectories(Path.of(TRACE));
            Files.write(dir.resolve(name + ".txt"), trace, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void phase(Phase phase, String target) {
        trace("phase " + phase + (target == null ? "" : " " + target));
        marks.putIfAbsent(phase + (target == null ? "" : " " + target), System.nanoTime());
        if (phase == Phase.TARGET) {
            marks.putIfAbsent("first target", System.nanoTime());
        }
    }

    @Override
    public void progress(Progress progress) {
        if (progress.bytesTotal() >= 0 && progress.bytesDone() >= progress.bytesTotal()) {
            trace(progress.kind() + " done: " + progress.object() + (progress.target() == null ? ""
                    : " to " + progress.target()));
        }
        if (progress.kind() == TransferKind.UPLOAD) {
            marks.put("uploaded " + progress.target(), System.nanoTime());
        }
    }

    @Override
    public void targetDone(TargetResult result) {
        trace("target done: " + result.target() + " " + result.status());
        marks.put("done " + result.target(), System.nanoTime());
    }

    private double at(String mark) {
        Long nanos = marks.get(mark);
        return nanos == null ? Double.NaN : (nanos - started) / 1e9;
    }

    /**
     * {@code preflight 0.12 s, export 1.40 s, t0 upload 2.10 s + imports 1.30 s, ...}: the export and the targets'
     * uploads overlap; a target's uploads count from its start, its imports from its last upload.
     */
    String describe(Iterable<String> targets) {
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT, "preflight %.2f s, export %.2f s",
                at("EXPORT") - at("PREFLIGHT"), at("exported") - at("EXPORT")));
        for (String target : targets) {
            out.append(String.format(Locale.ROOT, ", %s uploads %.2f s + imports %.2f s", target,
                    at("uploaded " + target) - at("TARGET " + target), at("done " + target)
                    - at("uploaded " + target)));
        }
        return out.toString();
    }
}
