package io.zopesync.core.status;

/**
 * What a target holds of one object, compared with the source now and with what zope-sync last pushed there.
 * Decided without comparing clocks: the source by the SHA-256 of its export (which stays the same while the
 * object is unchanged), the target by its own fingerprint of the object (see
 * {@link io.zopesync.core.zope.ObjectTree#fingerprint()}) before and after.
 */
public enum ObjectState {
    /** The target holds what the last push imported, and the source has not changed since. */
    IN_SYNC("in sync"),
    /** The source changed since the last push; the target holds what that push imported. */
    CHANGED_ON_SOURCE("changed on source"),
    /** Drift: the target was changed (by hand) since the last push; the source has not changed. */
    CHANGED_ON_TARGET("changed on target"),
    /** Both changed since the last push. */
    CHANGED_ON_BOTH("changed on source and target"),
    /** The target does not hold the object. */
    MISSING("missing"),
    /** The target holds the object, but zope-sync has no record of pushing it there. */
    UNKNOWN("unknown");

    private final String label;

    ObjectState(String label) {
        this.label = label;
    }

    /** How reports name it: {@code "changed on target"}. */
    public String label() {
        return label;
    }

    /** Whether the object needs no push to this target. */
    public boolean isInSync() {
        return this == IN_SYNC;
    }

    /** Whether somebody changed the target since the last push. */
    public boolean isDrift() {
        return this == CHANGED_ON_TARGET || this == CHANGED_ON_BOTH;
    }
}
