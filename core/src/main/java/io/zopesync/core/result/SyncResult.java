package io.zopesync.core.result;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What a run did, as an immutable, {@link Serializable} value with a JSON form ({@link #toJson()}).
 *
 * @param runId the run's id, also part of the remote file names ({@code zope-sync-<run>-<n>.zexp})
 * @param kind {@code sync}, {@code export}, {@code promote} or {@code restore}
 * @param source the source environment's name, or the bundle's source for a promotion
 * @param bundle the bundle directory's path, or {@code null} if the run made none (a sync that stopped in the
 *     preflight, or a dry run)
 * @param manifestSha256 the SHA-256 of the bundle's {@code manifest.json} that an export or sync wrote, or that
 *     a promotion verified and pushed; {@code null} when there is none (a restore, a dry run, a run that stopped
 *     first). Give it to a later promotion ({@code push --expect-manifest}) to push exactly this bundle
 * @param dryRun whether only the preflight ran
 * @param started the start, ISO-8601
 * @param finished the end, ISO-8601
 * @param problems what stopped the run before any target was touched: preflight problems, a failed export, a
 *     bundle that does not match its manifest (empty if nothing did)
 * @param targets each target's outcome, in request order
 */
public record SyncResult(String runId, String kind, String source, @Nullable String bundle, @Nullable String manifestSha256,
        boolean dryRun, String started, String finished, List<String> problems, List<TargetResult> targets)
        implements Serializable {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public SyncResult {
        problems = List.copyOf(problems);
        targets = List.copyOf(targets);
    }

    /** A result with no manifest SHA-256 (see above). */
    public SyncResult(String runId, String kind, String source, @Nullable String bundle, boolean dryRun, String started,
            String finished, List<String> problems, List<TargetResult> targets) {
        this(runId, kind, source, bundle, null, dryRun, started, finished, problems, targets);
    }

    /** Whether the preflight passed and every target succeeded (for an export: the export succeeded). */
    public boolean isSuccess() {
        return problems.isEmpty() && (!targets.isEmpty() || "export".equals(kind))
                && targets.stream().allMatch(TargetResult::isSuccess);
    }

    /** Whether the preflight found problems, so that no target was touched. */
    public boolean isPreflightFailed() {
        return !problems.isEmpty();
    }

    /**
     * The result of the target of that name.
     *
     * @throws java.util.NoSuchElementException if the run had no such target
     */
    public TargetResult target(String name) {
        return targets.stream().filter(t -> t.target().equals(name)).findFirst().orElseThrow();
    }

    /** The result as indented JSON: the fields above plus {@code success}. */
    public String toJson() {
        try {
            return JSON.writeValueAsString(new Json(this));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private record Json(String runId, String kind, String source, @Nullable String bundle, @Nullable String manifestSha256,
            boolean dryRun, boolean success, String started, String finished, List<String> problems,
            List<TargetResult> targets) {
        Json(SyncResult r) {
            this(r.runId, r.kind, r.source, r.bundle, r.manifestSha256, r.dryRun, r.isSuccess(), r.started,
                    r.finished, r.problems, r.targets);
        }
    }
}
