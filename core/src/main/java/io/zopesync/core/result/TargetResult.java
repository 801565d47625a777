package io.zopesync.core.result;

import java.io.Serializable;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One target's outcome: all of its objects synced, or none (the target left or put back as it was).
 *
 * @param target the environment's name
 * @param status the whole target's outcome
 * @param objects each object's outcome, in request order
 * @param message why the target failed, naming the object and cause, or {@code null}
 * @param millis how long the target's work took
 * @param recovered what this run did to put the target back after dead runs, before its own work, one entry per
 *     step in full (the message names a few); empty if there was nothing to recover
 */
public record TargetResult(String target, Status status, List<ObjectResult> objects, @Nullable String message,
        long millis,
        List<String> recovered) implements Serializable {

    /** A target's outcome. */
    public enum Status {
        /** Every object is on the target as requested. */
        SYNCED,
        /** A dry run found nothing in the way. */
        CHECKED,
        /** Something failed; the target is as it was before the run (restored where needed). */
        FAILED,
        /**
         * Something failed and putting the target back failed too: the message names the objects and the
         * backup ids left on the target, and the undo files in the bundle.
         */
        NOT_RESTORED
    }

    public TargetResult {
        objects = List.copyOf(objects);
        recovered = List.copyOf(recovered);
    }

    /** A target's outcome with nothing recovered before it. */
    public TargetResult(String target, Status status, List<ObjectResult> objects, String message, long millis) {
        this(target, status, objects, message, millis, List.of());
    }

    public boolean isSuccess() {
        return status == Status.SYNCED || status == Status.CHECKED;
    }
}
