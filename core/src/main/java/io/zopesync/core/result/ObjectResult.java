package io.zopesync.core.result;

import java.io.Serializable;
import org.jspecify.annotations.Nullable;

/**
 * One object's outcome on one target.
 *
 * @param path the object's path on the source
 * @param targetFolder the folder it went to on the target
 * @param id the object's id (read from inside its .zexp file)
 * @param bytes the size of its .zexp file
 * @param millis how long its import (and backup) took
 * @param message why it failed, was skipped or is not restored, or {@code null}
 * @param backup the id, in {@code targetFolder}, of the object's backup (the object as it was before the run) if
 *     the backup is still on the target: kept ({@code keepBackups}), or left because the object could not be put
 *     back ({@link Outcome#NOT_RESTORED}); else {@code null}
 */
public record ObjectResult(String path, String targetFolder, String id, Outcome outcome, long bytes, long millis,
        @Nullable String message, @Nullable String backup) implements Serializable {

    /** An outcome that left no backup on the target. */
    public ObjectResult(String path, String targetFolder, String id, Outcome outcome, long bytes, long millis,
            @Nullable String message) {
        this(path, targetFolder, id, outcome, bytes, millis, message, null);
    }
}
