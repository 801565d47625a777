package io.zopesync.core.result;

/** What happened to one object on one target. */
public enum Outcome {
    /** The object did not exist on the target and was imported. */
    IMPORTED,
    /** The object existed, was kept as a backup, and the new one was imported. */
    REPLACED,
    /** The object existed and was left alone ({@code onExisting: skip}). */
    SKIPPED,
    /**
     * A changed-only sync left the object alone: the target holds what the source has, as zope-sync last pushed
     * it ({@code changedOnly}).
     */
    UNCHANGED,
    /** A dry run found nothing in the way. */
    CHECKED,
    /** This object failed; the message says why. */
    FAILED,
    /** The object was imported or replaced, then undone because another object of the target failed. */
    RESTORED,
    /**
     * The object was changed, then putting it back failed: the message says what is left on the target, and
     * {@link ObjectResult#backup()} names the backup with the object as it was, if it has one.
     */
    NOT_RESTORED,
    /** The target failed before this object was touched; it is as it was. */
    NOT_CHANGED;

    /** Whether the object is now on the target as requested. */
    public boolean isSuccess() {
        return this == IMPORTED || this == REPLACED || this == SKIPPED || this == UNCHANGED
                || this == CHECKED;
    }
}
