package io.zopesync.core.internal;

import java.util.List;

/**
 * Lists in messages that stay one readable line at any size: a few entries and how many more there are; the
 * whole list goes into the result (and its JSON) instead.
 */
final class Listing {
    /** How many entries a message names before it counts the rest. */
    static final int FEW = 3;
    /** How many objects a problem of a whole server names. */
    static final int OBJECTS = 5;

    private Listing() {
    }

    /** {@code "a, b, c and 4 more"}: at most {@code max} entries, then the count of the rest. */
    static String few(List<String> entries, int max, String separator) {
        List<String> named = entries.size() > max ? entries.subList(0, max) : entries;
        return String.join(separator, named) + (entries.size() > max ? " and " + (entries.size() - max) + " more"
                : "");
    }

    /** {@code "; not pushed: /a, /b"}: the objects a problem of a whole server stops, at most five named. */
    static String notPushed(List<String> objects) {
        return "; not pushed: " + few(objects, OBJECTS, ", ");
    }
}
