package io.zopesync.core.model;

import io.zopesync.core.kernel.InvalidInputException;
import io.zopesync.core.kernel.Timeouts;
import java.io.Serializable;
import java.time.Duration;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * How a sync behaves. {@code SyncOptions.builder().onExisting(OnExisting.SKIP).parallelism(2).build()}; the
 * defaults are the safe ones: replace existing objects safely, save what was replaced into the bundle, delete
 * the backups after success, 4 targets at a time. Immutable.
 */
public final class SyncOptions implements Serializable {
    private static final long serialVersionUID = 1L;
    /** The most targets worked on at once. */
    public static final int MAX_PARALLELISM = 64;
    /** The most attempts of a retried read or transport operation. */
    public static final int MAX_RETRIES = 10;

    private final OnExisting onExisting;
    private final boolean keepBackups;
    private final boolean saveReplaced;
    private final boolean dryRun;
    private final int parallelism;
    private final Timeouts timeouts;
    private final int retries;
    private final Duration retryBackoff;
    private final boolean takeOwnership;
    private final boolean suppressEvents;
    private final @Nullable Duration staleLockAfter;
    private final boolean changedOnly;
    private final OnDrift onDrift;

    private SyncOptions(Builder b) {
        this.onExisting = b.onExisting;
        this.keepBackups = b.keepBackups;
        this.saveReplaced = b.saveReplaced;
        this.dryRun = b.dryRun;
        this.parallelism = b.parallelism;
        this.timeouts = b.timeouts;
        this.retries = b.retries;
        this.retryBackoff = b.retryBackoff;
        this.takeOwnership = b.takeOwnership;
        this.suppressEvents = b.suppressEvents;
        this.staleLockAfter = b.staleLockAfter;
        this.changedOnly = b.changedOnly;
        this.onDrift = b.onDrift;
    }

    public static Builder builder() {
        return new Builder();
    }

    public static SyncOptions defaults() {
        return builder().build();
    }

    public OnExisting getOnExisting() {
        return onExisting;
    }

    /** Whether the backups of replaced objects stay on the target (as {@code <id>.zope-sync-backup-<run>}). */
    public boolean isKeepBackups() {
        return keepBackups;
    }

    /** Whether replaced objects are exported into the bundle's {@code replaced/<target>/} first (undo files). */
    public boolean isSaveReplaced() {
        return saveReplaced;
    }

    /** Whether only the preflight runs: nothing is exported, uploaded or changed. */
    public boolean isDryRun() {
        return dryRun;
    }

    /** How many targets are worked on at once. */
    public int getParallelism() {
        return parallelism;
    }

    public Timeouts getTimeouts() {
        return timeouts;
    }

    /** Attempts for reads and transport operations that may be retried (an import never is); 1 = no retry. */
    public int getRetries() {
        return retries;
    }

    /** The wait before the first retry; it doubles for each further one. */
    public Duration getRetryBackoff() {
        return retryBackoff;
    }

    /** Zope's {@code set_owner}: whether the importing user becomes the owner of imported objects. */
    public boolean isTakeOwnership() {
        return takeOwnership;
    }

    /** Zope's {@code suppress_events}: whether imports skip object events such as catalog indexing. */
    public boolean isSuppressEvents() {
        return suppressEvents;
    }

    /**
     * How long a target's lock file may stay unchanged before a waiting run takes its holder for dead; three
     * times the read timeout unless set. A run rewrites its lock (a heartbeat) every sixth of this while it works,
     * and stops changing the target once it could not do so for two thirds of it. A waiting run that sees no
     * heartbeat for this long removes the lock, puts back what the dead run changed (from its journal) and goes
     * on; it waits that long even when the lock wait is shorter. Use the same value for every run on a target.
     */
    public Duration getStaleLockAfter() {
        return staleLockAfter == null ? timeouts.getRead().multipliedBy(3) : staleLockAfter;
    }

    /**
     * Whether objects that are in sync on a target are left alone (not uploaded, not imported; reported
     * {@link io.zopesync.core.result.Outcome#UNCHANGED unchanged}): those whose source export is the one zope-sync
     * last pushed there and whose object the target holds as that push left it. Objects without a record of a push
     * are pushed as usual; those changed on the target by hand follow {@link #getOnDrift()}.
     */
    public boolean isChangedOnly() {
        return changedOnly;
    }

    /** What a changed-only sync does with an object changed on a target by hand; {@link OnDrift#REFUSE} by default. */
    public OnDrift getOnDrift() {
        return onDrift;
    }

    public Builder toBuilder() {
        return new Builder().onExisting(onExisting).keepBackups(keepBackups).saveReplaced(saveReplaced)
                .dryRun(dryRun).parallelism(parallelism).timeouts(timeouts).retries(retries)
                .retryBackoff(retryBackoff).takeOwnership(takeOwnership).suppressEvents(suppressEvents)
                .staleLockAfter(staleLockAfter).changedOnly(changedOnly).onDrift(onDrift);
    }

    @Override
    public String toString() {
        return "on existing " + onExisting.getKeyword() + ", keep backups " + keepBackups + ", save replaced "
                + saveReplaced + ", dry run " + dryRun + ", parallel " + parallelism + ", " + timeouts
                + ", retries " + retries + ", stale lock after " + getStaleLockAfter()
                + (changedOnly ? ", changed only, on drift " + onDrift.getKeyword() : "");
    }

    /** Builds {@link SyncOptions}; {@link #build()} validates. */
    public static final class Builder {
        private OnExisting onExisting = OnExisting.REPLACE;
        private boolean keepBackups;
        private boolean saveReplaced = true;
        private boolean dryRun;
        private int parallelism = 4;
        private Timeouts timeouts = Timeouts.defaults();
        private int retries = 3;
        private Duration retryBackoff = Duration.ofSeconds(1);
        private boolean takeOwnership;
        private boolean suppressEvents;
        private @Nullable Duration staleLockAfter;
        private boolean changedOnly;
        private OnDrift onDrift = OnDrift.REFUSE;

        private Builder() {
        }

        /** See {@link SyncOptions#isChangedOnly()}. */
        public Builder changedOnly(boolean value) {
            this.changedOnly = value;
            return this;
        }

        /** See {@link SyncOptions#getOnDrift()}. */
        public Builder onDrift(OnDrift value) {
            this.onDrift = Objects.requireNonNull(value, "onDrift");
            return this;
        }

        public Builder onExisting(OnExisting value) {
            this.onExisting = Objects.requireNonNull(value, "onExisting");
            return this;
        }

        public Builder keepBackups(boolean value) {
            this.keepBackups = value;
            return this;
        }

        public Builder saveReplaced(boolean value) {
            this.saveReplaced = value;
            return this;
        }

        public Builder dryRun(boolean value) {
            this.dryRun = value;
            return this;
        }

        public Builder parallelism(int value) {
            this.parallelism = value;
            return this;
        }

        public Builder timeouts(Timeouts value) {
            this.timeouts = Objects.requireNonNull(value, "timeouts");
            return this;
        }

        public Builder retries(int value) {
            this.retries = value;
            return this;
        }

        public Builder retryBackoff(Duration value) {
            this.retryBackoff = Objects.requireNonNull(value, "retryBackoff");
            return this;
        }

        public Builder takeOwnership(boolean value) {
            this.takeOwnership = value;
            return this;
        }

        public Builder suppressEvents(boolean value) {
            this.suppressEvents = value;
            return this;
        }

        /** See {@link SyncOptions#getStaleLockAfter()}; {@code null} for three times the read timeout. */
        public Builder staleLockAfter(@Nullable Duration value) {
            this.staleLockAfter = value;
            return this;
        }

        /** @throws InvalidInputException if a number is out of range, naming it */
        public SyncOptions build() {
            if (parallelism < 1 || parallelism > MAX_PARALLELISM) {
                throw InvalidInputException.of("parallelism must be 1 to %d: %d", MAX_PARALLELISM, parallelism);
            }
            if (retries < 1 || retries > MAX_RETRIES) {
                throw InvalidInputException.of("retries must be 1 to %d attempts: %d", MAX_RETRIES, retries);
            }
            if (retryBackoff.isNegative()) {
                throw InvalidInputException.of("retry backoff must not be negative: %s", retryBackoff);
            }
            if (staleLockAfter != null && staleLockAfter.compareTo(timeouts.getRead().multipliedBy(3)) < 0) {
                // A heartbeat may hang for a read timeout on a stalled connection: a shorter time would take a
                // live run for dead.
                throw InvalidInputException.of("stale lock time must be at least three times the read timeout"
                        + " (%s): %s", timeouts.getRead(), staleLockAfter);
            }
            if (changedOnly && onExisting != OnExisting.REPLACE) {
                throw InvalidInputException.of("changed-only needs on-existing replace (it replaces what changed):"
                        + " %s", onExisting.getKeyword());
            }
            return new SyncOptions(this);
        }
    }
}
