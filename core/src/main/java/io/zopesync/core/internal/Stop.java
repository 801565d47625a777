package io.zopesync.core.internal;

/**
 * Why a target's job stopped before its transaction began, so before it changed anything: what its session and
 * its upload stage return instead of throwing.
 */
sealed interface Stop permits Stop.Cancelled, Stop.NotExported, Stop.Failed {

    /** Cancelled while it waited for its import directory, before it touched the target at all. */
    record Cancelled() implements Stop {
    }

    /** The run's export failed: the engine reports that for the whole run instead of this target. */
    record NotExported() implements Stop {
    }

    /** Something failed: the lock, the recovery of dead runs, a check or an upload. */
    record Failed(Failure failure) implements Stop {
    }
}
