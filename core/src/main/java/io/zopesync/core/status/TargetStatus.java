package io.zopesync.core.status;

import java.util.List;
import java.util.Optional;

/**
 * The status of every object of a task on one target, or the problem that kept it from being known.
 *
 * @param target the target environment's name
 * @param objects per object, in task order; empty if {@code problem} is set
 * @param problem what went wrong with this target (its login, its SSH session, an unreadable record)
 */
public record TargetStatus(String target, List<ObjectStatus> objects, Optional<String> problem) {

    public TargetStatus {
        objects = List.copyOf(objects);
    }

    /** A target whose status could not be found out. */
    public static TargetStatus failed(String target, String problem) {
        return new TargetStatus(target, List.of(), Optional.of(problem));
    }

    /** Whether every object is in sync and nothing went wrong. */
    public boolean isInSync() {
        return problem.isEmpty() && objects.stream().allMatch(object -> object.state().isInSync());
    }
}
