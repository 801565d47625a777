package io.zopesync.core.internal;

import io.zopesync.core.kernel.ZopeSyncException;
import io.zopesync.core.ssh.RemoteFiles;
import java.nio.charset.StandardCharsets;

/**
 * Reads and writes a small text file (a lock or a journal, never a secret) in a remote directory. A write replaces
 * the file atomically ({@link RemoteFiles#write}: a temporary name, then a rename), so a reader sees the old or the
 * new content, never half of it.
 */
final class RemoteText {
    private RemoteText() {
    }

    /**
     * Replaces {@code dir/name} with {@code text}.
     *
     * @throws ZopeSyncException if the write fails
     */
    static void write(RemoteFiles files, String dir, String name, String text) {
        files.write(dir, name, text.getBytes(StandardCharsets.UTF_8));
    }

    /** The text of {@code dir/name}, or {@code null} if it does not exist. */
    static String read(RemoteFiles files, String dir, String name) {
        return files.read(dir, name).map(bytes -> new String(bytes, StandardCharsets.UTF_8)).orElse(null);
    }
}
