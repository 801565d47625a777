package io.zopesync.core.internal;

import io.zopesync.core.ZopeSyncException;
import io.zopesync.core.ssh.RemoteFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes a small text file (a lock or a journal, never a secret) into a remote directory, replacing what is
 * there atomically: {@link RemoteFiles#upload} sends it under a temporary name and renames it, so a reader sees
 * the old or the new content, never half of it.
 */
final class RemoteText {
    private RemoteText() {
    }

    /**
     * Replaces {@code dir/name} with {@code text}.
     *
     * @throws ZopeSyncException if the local temporary file cannot be written, or the upload fails
     */
    static void write(RemoteFiles files, String dir, String name, String text) {
        Path local;
        try {
            local = Files.createTempFile("zope-sync-", ".txt");
        } catch (IOException e) {
            throw new ZopeSyncException("cannot create a temporary file for " + name + ": " + e.getMessage(), e);
        }
        try {
            Files.writeString(local, text, StandardCharsets.UTF_8);
            files.upload(local, dir, name, bytes -> { });
        } catch (IOException e) {
            throw new ZopeSyncException("cannot write a temporary file for " + name + ": " + e.getMessage(), e);
        } finally {
            try {
                Files.deleteIfExists(local);
            } catch (IOException ignored) {
                // A few bytes of lock or journal text in the temporary directory do no harm.
            }
        }
    }

    /** The text of {@code dir/name}, or {@code null} if it does not exist. */
    static String read(RemoteFiles files, String dir, String name) {
        return files.read(dir, name).map(bytes -> new String(bytes, StandardCharsets.UTF_8)).orElse(null);
    }
}
