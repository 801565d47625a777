package io.zopesync.core.model;

import io.zopesync.core.kernel.InvalidInputException;
import io.zopesync.core.kernel.ZopeIds;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A push from an existing bundle, with no export: a <em>promotion</em> (the bundle's objects, verified against
 * its manifest, so that production receives the very bytes that were tested) or a <em>restore</em> (the
 * objects a previous push replaced on a target, saved in the bundle's {@code replaced/<target>/}).
 * Immutable.
 */
public final class PushRequest {
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");
    private static final Pattern RUN_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9-]{0,99}");

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
    private final Optional<String> expectedManifestSha256;
    private final Optional<String> undoRun;

    private PushRequest(Mode mode, Path bundleDir, List<Environment> targets, SyncOptions options, String holder,
            Optional<String> expectedManifestSha256, Optional<String> undoRun) {
        this.mode = mode;
        this.bundleDir = bundleDir;
        this.targets = targets;
        this.options = options;
        this.holder = holder;
        this.expectedManifestSha256 = expectedManifestSha256;
        this.undoRun = undoRun;
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
                SyncRequest.checkHolder(holder == null ? SyncRequest.defaultHolder() : holder), Optional.empty(),
                Optional.empty());
    }

    /**
     * This promotion, pushing the bundle only if its {@code manifest.json} has the given SHA-256: the one the
     * export or sync that made it printed (and the Jenkins plugin recorded). Since the manifest holds every
     * file's SHA-256, the targets then receive exactly the bundle that was tested, even if someone could write to
     * the directory in between.
     *
     * <pre>{@code
     * PushRequest.of(Mode.PROMOTE, bundle, List.of(prod), options, null).expectingManifest(sha);
     * }</pre>
     *
     * @throws InvalidInputException if {@code sha256} is not 64 hexadecimal digits, or this is a restore (whose
     *     files are not listed in the bundle's manifest)
     */
    public PushRequest expectingManifest(@Nullable String sha256) {
        if (mode != Mode.PROMOTE) {
            throw new InvalidInputException("an expected manifest SHA-256 is for a promotion, not a restore");
        }
        return new PushRequest(mode, bundleDir, targets, options, holder, Optional.of(checkManifestSha256(sha256)),
                undoRun);
    }

    /**
     * Checks an expected manifest SHA-256 as {@link #expectingManifest(String)} does.
     *
     * @return it in lower case, without surrounding blanks
     * @throws InvalidInputException if it is not 64 hexadecimal digits
     */
    public static String checkManifestSha256(@Nullable String sha256) {
        String sha = sha256 == null ? "" : sha256.strip().toLowerCase(Locale.ROOT);
        if (!SHA256.matcher(sha).matches()) {
            throw InvalidInputException.of("expected manifest SHA-256 must be 64 hexadecimal digits: %s",
                    ZopeIds.printable(String.valueOf(sha256)));
        }
        return sha;
    }

    /**
     * This restore, putting back what the run {@code runId} replaced on each target (the {@code <run>} of the
     * bundle's {@code replaced/<target>/<run>/}), instead of what the only push there replaced.
     *
     * @throws InvalidInputException if {@code runId} is not a run id, or this is a promotion
     */
    public PushRequest undoing(@Nullable String runId) {
        if (mode != Mode.RESTORE) {
            throw new InvalidInputException("the push to undo is named for a restore, not a promotion");
        }
        if (runId == null || !RUN_ID.matcher(runId).matches()) {
            throw InvalidInputException.of("run id to undo must be of letters, digits and '-' (as 'restore --list'"
                    + " shows them): %s", ZopeIds.printable(String.valueOf(runId)));
        }
        return new PushRequest(mode, bundleDir, targets, options, holder, expectedManifestSha256,
                Optional.of(runId));
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

    /** The SHA-256 the bundle's manifest must have (lower-case hex), if given. */
    public Optional<String> getExpectedManifestSha256() {
        return expectedManifestSha256;
    }

    /** For a restore: the run whose replaced objects are put back, if named. */
    public Optional<String> getUndoRun() {
        return undoRun;
    }
}
