package io.zopesync.core.bundle;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The objects one run replaced on one target, saved in a bundle's {@code replaced/<target>/<run>/}: what a restore
 * of that run puts back. A restore is a run too, and what it replaced is saved the same way, marked with the run
 * it undid ({@link #getUndoes()}), so that a second restore still undoes the push and not the restore. Immutable.
 */
public final class ReplacedRun {
    private final String target;
    private final String runId;
    private final String created;
    private final int objects;
    private final @Nullable String undoes;
    private final Path dir;

    ReplacedRun(String target, String runId, String created, int objects, @Nullable String undoes, Path dir) {
        this.target = Objects.requireNonNull(target, "target");
        this.runId = Objects.requireNonNull(runId, "runId");
        this.created = Objects.requireNonNull(created, "created");
        this.objects = objects;
        this.undoes = undoes;
        this.dir = Objects.requireNonNull(dir, "dir");
    }

    /** The target the objects were replaced on. */
    public String getTarget() {
        return target;
    }

    /** The run that replaced them (a sync, a promotion or a restore). */
    public String getRunId() {
        return runId;
    }

    /** When they were saved, ISO-8601. */
    public String getCreated() {
        return created;
    }

    /** How many objects were replaced. */
    public int getObjects() {
        return objects;
    }

    /** For a restore: the run whose replaced objects it put back. Empty for a sync or a promotion. */
    public Optional<String> getUndoes() {
        return Optional.ofNullable(undoes);
    }

    /** Whether a restore (rather than a sync or promotion) replaced these objects. */
    public boolean isRestore() {
        return undoes != null;
    }

    /** The directory holding the files and their manifest. */
    public Path getDir() {
        return dir;
    }

    @Override
    public String toString() {
        return "run " + runId + " on '" + target + "' at " + created + " (" + objects + " object(s)"
                + (undoes == null ? "" : ", a restore of run " + undoes) + ")";
    }
}
