package io.zopesync.core.model;

import io.zopesync.core.kernel.InvalidInputException;
import io.zopesync.core.kernel.ZopeIds;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/** What to do with an object that already exists on a target. */
public enum OnExisting {
    /** Keep the old object as a backup, import the new one, and restore the backup if anything fails. */
    REPLACE,
    /** Leave the existing object alone and report it as skipped. */
    SKIP,
    /** Fail the target (before anything on it changes) if the object exists. */
    FAIL;

    /**
     * Parses {@code replace}, {@code skip} or {@code fail}, in any case.
     *
     * @throws InvalidInputException for any other value, naming it
     */
    public static OnExisting parse(@Nullable String value) {
        for (OnExisting mode : values()) {
            if (mode.name().equalsIgnoreCase(value == null ? "" : value.trim())) {
                return mode;
            }
        }
        throw InvalidInputException.of("on-existing must be replace, skip or fail: %s",
                value == null ? "null" : ZopeIds.printable(value));
    }

    /** The lower-case name users type. */
    public String getKeyword() {
        return name().toLowerCase(Locale.ROOT);
    }
}
