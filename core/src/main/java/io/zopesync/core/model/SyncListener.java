package io.zopesync.core.model;

import io.zopesync.core.kernel.SyncLog;
import io.zopesync.core.result.ObjectResult;
import io.zopesync.core.result.TargetResult;
import org.jspecify.annotations.Nullable;

/**
 * Receives what the engine does while it runs: log lines, phases, transfer progress (throttled to a few
 * updates a second per file) and each object's and target's outcome. Every method has a no-op default.
 *
 * <p>Targets run in parallel, so implementations must be thread-safe. They should return quickly and must
 * not throw.
 */
public interface SyncListener extends SyncLog {
    /** Ignores everything. */
    SyncListener NONE = new SyncListener() {
    };

    /**
     * The steps of a run, in this order, except that a sync's targets start ({@link #TARGET}) while the export is
     * still running: they lock, check and upload each file as soon as it is exported, and change nothing before the
     * whole export has succeeded.
     */
    enum Phase {
        /** Inputs checked, targets grouped by SSH endpoint. */
        PLAN,
        /** Logins, objects, folders and import directories checked, every problem collected. */
        PREFLIGHT,
        /** Objects downloaded from the source into the bundle. */
        EXPORT,
        /** An existing bundle read and verified against its manifest. */
        VERIFY_BUNDLE,
        /** One target's work started (lock, upload, import); {@code target} names it. */
        TARGET,
        /** The run's result is complete. */
        REPORT
    }

    /** What a progress update is about. */
    enum TransferKind {
        /** Downloading an export from the source. */
        EXPORT,
        /** Uploading a file to a target's import directory. */
        UPLOAD,
        /** Downloading an object about to be replaced, into the bundle's undo files. */
        SAVE_REPLACED
    }

    /**
     * A file transfer's progress.
     *
     * @param target the target, or {@code null} for an export from the source
     * @param object the object path the file carries
     * @param bytesTotal the total, or -1 if unknown (an export's size is known only at the end)
     */
    record Progress(@Nullable String target, TransferKind kind, String object, long bytesDone, long bytesTotal,
            long elapsedMillis) {
    }

    @Override
    default void log(Level level, String message) {
    }

    /** A phase starts; {@code target} is {@code null} except for {@link Phase#TARGET}. */
    default void phase(Phase phase, @Nullable String target) {
    }

    default void progress(Progress progress) {
    }

    /** One object's outcome on one target is known. */
    default void objectDone(String target, ObjectResult result) {
    }

    /** One target is finished (synced, failed and restored, or checked in a dry run). */
    default void targetDone(TargetResult result) {
    }
}
