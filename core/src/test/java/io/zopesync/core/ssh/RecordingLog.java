package io.zopesync.core.ssh;

import io.zopesync.core.kernel.SyncLog;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Keeps every log line, as {@code LEVEL message}. */
final class RecordingLog implements SyncLog {
    private final List<String> lines = new CopyOnWriteArrayList<>();

    @Override
    public void log(Level level, String message) {
        lines.add(level + " " + message);
    }

    List<String> getLines() {
        return List.copyOf(lines);
    }

    String getText() {
        return String.join("\n", lines);
    }
}
