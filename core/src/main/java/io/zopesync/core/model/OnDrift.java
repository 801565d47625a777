package io.zopesync.core.model;

import io.zopesync.core.kernel.InvalidInputException;
import io.zopesync.core.kernel.ZopeIds;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * What a changed-only sync ({@link SyncOptions#isChangedOnly()}) does with an object that was changed on a target
 * by hand since zope-sync last pushed it there (drift, as {@code zope-sync status} says "changed on target").
 */
public enum OnDrift {
    /** Change nothing on that target, and say per object that it was changed there by hand. */
    REFUSE,
    /** Replace it as any other object: the target's version is kept as a backup and, by default, an undo file. */
    OVERWRITE;

    /**
     * Parses {@code refuse} or {@code overwrite}, in any case.
     *
     * @throws InvalidInputException for any other value, naming it
     */
    public static OnDrift parse(@Nullable String value) {
        for (OnDrift mode : values()) {
            if (mode.name().equalsIgnoreCase(value == null ? "" : value.trim())) {
                return mode;
            }
        }
        throw InvalidInputException.of("on-drift must be refuse or overwrite: %s",
                value == null ? "null" : ZopeIds.printable(value));
    }

    /** The lower-case name users type. */
    public String getKeyword() {
        return name().toLowerCase(Locale.ROOT);
    }
}
