package io.zopesync.core.sync;

import io.zopesync.core.model.SyncListener;
import io.zopesync.core.result.ObjectResult;
import io.zopesync.core.result.TargetResult;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * Records every log line and event a run sends, as text, and lets a test react to one: a hook fires once, on
 * the first line or event that matches, on the engine's thread (to inject a fault at an exact moment).
 */
final class RecordingListener implements SyncListener {
    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final List<Hook> hooks = new CopyOnWriteArrayList<>();

    private static final class Hook {
        final Predicate<String> when;
        final Consumer<String> action;
        boolean fired;

        Hook(Predicate<String> when, Consumer<String> action) {
            this.when = when;
            this.action = action;
        }
    }

    /** Runs {@code action} once, on the first recorded line (log line or event) that {@code when} accepts. */
    RecordingListener once(Predicate<String> when, Runnable action) {
        hooks.add(new Hook(when, line -> action.run()));
        return this;
    }

    /** Every line and event recorded so far, as text. */
    List<String> getLines() {
        return List.copyOf(lines);
    }

    /** Whether some recorded line contains {@code text}. */
    boolean contains(String text) {
        return lines.stream().anyMatch(line -> line.contains(text));
    }

    private void record(String line) {
        lines.add(line);
        for (Hook hook : hooks) {
            boolean fire;
            synchronized (hook) {
                fire = !hook.fired && hook.when.test(line);
                hook.fired |= fire;
            }
            if (fire) {
                hook.action.accept(line);
            }
        }
    }

    @Override
    public void log(Level level, String message) {
        record(level + " " + message);
    }

    @Override
    public void phase(Phase phase, String target) {
        record("PHASE " + phase + " " + target);
    }

    @Override
    public void progress(Progress progress) {
        record("PROGRESS " + progress);
    }

    @Override
    public void objectDone(String target, ObjectResult result) {
        record("OBJECT " + target + " " + result);
    }

    @Override
    public void targetDone(TargetResult result) {
        record("TARGET " + result);
    }
}
