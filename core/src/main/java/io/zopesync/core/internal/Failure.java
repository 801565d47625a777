package io.zopesync.core.internal;

import java.util.List;
import java.util.Optional;

/**
 * Why a target's job stopped, as a value the steps return instead of throwing: the object it was at, if it was at
 * one, and the cause as the user reads it.
 *
 * @param object the item whose step failed, or empty for a failure of the whole target
 * @param cause what went wrong, e.g. {@code "HTTP 500 ..."} or {@code "cancelled"}
 */
record Failure(Optional<PushItem> object, String cause) {

    /** A failure of the whole target, not of one object. */
    static Failure ofTarget(String cause) {
        return new Failure(Optional.empty(), cause);
    }

    /** A failure at one object. */
    static Failure at(PushItem item, String cause) {
        return new Failure(Optional.of(item), cause);
    }

    /** Whether the failure is at this item (items are told apart by their remote names, unique in a run). */
    boolean isAt(PushItem item) {
        return object.map(failed -> failed.remoteName().equals(item.remoteName())).orElse(false);
    }

    /**
     * The sentence that opens a failed target's message: {@code "target 't', object /a: cause"}, or for the whole
     * target {@code "target 't': cause; not pushed: /a, /b"}.
     */
    String reason(String target, List<PushItem> items) {
        return object.map(item -> "target '" + target + "', object " + item.label() + ": " + cause)
                .orElseGet(() -> "target '" + target + "': " + cause + Listing.notPushed(PushItem.labels(items)));
    }

    /** An exception's message, or its class's name if it has none. */
    static String message(Throwable e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
