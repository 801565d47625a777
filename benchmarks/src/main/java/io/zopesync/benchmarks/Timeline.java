package io.zopesync.benchmarks;

import io.zopesync.core.SyncListener;
import io.zopesync.core.result.TargetResult;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Where a sync's time goes: when the preflight, the export and each target's work started, when each target's
 * last upload byte was reported and when it finished. Thread-safe.
 */
final class Timeline implements SyncListener {
    private final long started = System.nanoTime();
    private final Map<String, Long> marks = new ConcurrentHashMap<>();

    @Override
    public void phase(Phase phase, String target) {
        marks.putIfAbsent(phase + (target == null ? "" : " " + target), System.nanoTime());
        if (phase == Phase.TARGET) {
            marks.putIfAbsent("first target", System.nanoTime());
        }
    }

    @Override
    public void progress(Progress progress) {
        if (progress.kind() == TransferKind.UPLOAD) {
            marks.put("uploaded " + progress.target(), System.nanoTime());
        }
    }

    @Override
    public void targetDone(TargetResult result) {
        marks.put("done " + result.target(), System.nanoTime());
    }

    private double at(String mark) {
        Long nanos = marks.get(mark);
        return nanos == null ? Double.NaN : (nanos - started) / 1e9;
    }

    /** {@code preflight 0.12 s, export 1.40 s, t0 upload 2.10 s + imports 1.30 s, ...}. */
    String describe(Iterable<String> targets) {
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT, "preflight %.2f s, export %.2f s",
                at("EXPORT") - at("PREFLIGHT"), at("first target") - at("EXPORT")));
        for (String target : targets) {
            out.append(String.format(Locale.ROOT, ", %s uploads %.2f s + imports %.2f s", target,
                    at("uploaded " + target) - at("TARGET " + target), at("done " + target)
                    - at("uploaded " + target)));
        }
        return out.toString();
    }
}
