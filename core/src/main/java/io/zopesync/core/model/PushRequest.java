package io.zopesync.core.model;

import io.zopesync.core.kernel.InvalidInputException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A push from an existing bundle, with no export: a <em>promotion</em> (the bundle's objects, verified against
 * its manifest, so that production receives the very bytes that were tested) or a <em>restore</em> (the
 * objects a previous push replaced on a target, saved in the bundle's {@code replaced/<target>/}).
 * Immutable.
 */
public final class PushRequest {

    /** What is pushed. */
    public enum Mode {
        /** The bundle's exported objects. */
        PROMOTE,
        /** The objects the bundle's push replaced, back to the target they came from. */
        RESTORE
    }

    private final Mode mode;
    private final Path bundleDir;
    private final List<Environment> targets;
    private final SyncOptions options;
    private final String holder;

    private PushRequest(Mode mode, Path bundleDir, List<Environment> targets, SyncOptions options, String holder) {
        this.mode = mode;
        this.bundleDir = bundleDir;
        this.targets = targets;
        this.options = options;
        this.holder = holder;
    }

    /**
     * A restore ignores {@link SyncOptions#isChangedOnly()}: it puts the saved objects back whatever the target holds.
     *
     * @param holder who runs the push (written into locks), or {@code null} for {@code user@host}
     * @throws InvalidInputException if no target is given, one is given twice, or one lacks SSH settings
     */
    public static PushRequest of(Mode mode, Path bundleDir, List<Environment> targets, SyncOptions options,
            @Nullable String holder) {
        List<Environment> copy = List.copyOf(targets);
        SyncRequest.checkTargets(copy);
        return new PushRequest(Objects.requireNonNull(mode, "mode"), Objects.requireNonNull(bundleDir, "bundleDir"),
                copy, mode == Mode.RESTORE ? options.toBuilder().changedOnly(false).build()
                        : Objects.requireNonNull(options, "options"),
                SyncRequest.checkHolder(holder == null ? SyncRequest.defaultHolder() : holder));
    }

    public Mode getMode() {
        return mode;
    }

    public Path getBundleDir() {
        return bundleDir;
    }

    public List<Environment> getTargets() {
        return targets;
    }

    public SyncOptions getOptions() {
        return options;
    }

    public String getHolder() {
        return holder;
    }
}
