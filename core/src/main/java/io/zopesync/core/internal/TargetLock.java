package io.zopesync.core.internal;

import io.zopesync.core.ZopeSyncException;
import io.zopesync.core.ssh.RemoteFiles;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The exclusive lock file {@code zope-sync.lock} in a target's import directory: created atomically, it names
 * the run that holds it ({@code holder}, run id, time), so that a second run waits and then fails naming the
 * holder. Removed when the target's work ends, whatever happened.
 */
final class TargetLock {
    static final String FILE = "zope-sync.lock";
    private static final long POLL_MILLIS = 500;

    private final RemoteFiles files;
    private final String dir;

    TargetLock(RemoteFiles files, String dir) {
        this.files = files;
        this.dir = dir;
    }

    /**
     * Takes the lock, waiting up to {@code wait} for another holder to release it.
     *
     * @throws ZopeSyncException naming the holder if the wait ran out
     * @throws InterruptedException if the run is cancelled while waiting
     */
    void acquire(String holder, String runId, Duration wait) throws InterruptedException {
        byte[] content = ("holder: " + holder + "\nrun: " + runId + "\nsince: " + Instant.now() + "\n")
                .getBytes(StandardCharsets.UTF_8);
        long deadline = System.nanoTime() + wait.toNanos();
        while (!files.createExclusive(dir, FILE, content)) {
            if (System.nanoTime() - deadline >= 0) {
                throw new ZopeSyncException("the import directory is locked by another run (" + describeHolder()
                        + "); waited " + wait.toSeconds() + " s. The lock file is " + dir + "/" + FILE
                        + " on " + files.getEndpoint() + ": remove it only if that run is no longer running");
            }
            Thread.sleep(Math.min(POLL_MILLIS, Math.max(1, (deadline - System.nanoTime()) / 1_000_000L)));
        }
    }

    /** Releases the lock. */
    void release() {
        files.remove(dir, FILE);
    }

    private String describeHolder() {
        Optional<byte[]> content;
        try {
            content = files.read(dir, FILE);
        } catch (ZopeSyncException e) {
            return "holder unreadable: " + e.getMessage();
        }
        if (content.isEmpty()) {
            return "holder unknown: the lock file vanished while it was read";
        }
        String text = new String(content.get(), StandardCharsets.UTF_8).strip().replace('\n', ',')
                .replace(",", ", ");
        return text.length() > 300 ? text.substring(0, 300) + "…" : text;
    }
}
