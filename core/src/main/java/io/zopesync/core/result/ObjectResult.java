package io.zopesync.core.result;

import java.io.Serializable;

/**
 * One object's outcome on one target.
 *
 * @param path the object's path on the source
 * @param targetFolder the folder it went to on the target
 * @param id the object's id (read from inside its .zexp file)
 * @param bytes the size of its .zexp file
 * @param millis how long its import (and backup) took
 * @param message why it failed or was skipped, or {@code null}
 */
public record ObjectResult(String path, String targetFolder, String id, Outcome outcome, long bytes, long millis,
        String message) implements Serializable {
}
