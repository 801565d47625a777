package io.zopesync.core.bundle;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A bundle's {@code manifest.json}: what was exported, from where and when, and each file's size and SHA-256.
 * The same form lists the objects a run replaced on a target ({@code replaced/<target>/<run>/manifest.json}).
 *
 * @param formatVersion {@value #FORMAT_VERSION} for this version of zope-sync
 * @param source the source environment's name (for replaced objects: the target's)
 * @param sourceUrl the source's Zope URL (for replaced objects: the target's)
 * @param created when the export finished, ISO-8601
 * @param runId the run that exported it (for replaced objects: the run that replaced them)
 * @param objects the exported objects, in request order
 * @param undoes for the objects a restore replaced: the run whose replaced objects that restore put back;
 *     {@code null} otherwise (and then left out of the JSON, so that such manifests read as before)
 */
public record Manifest(int formatVersion, String source, String sourceUrl, String created, String runId,
        List<ManifestEntry> objects, @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable String undoes) {

    /** The manifest format this version writes and reads. */
    public static final int FORMAT_VERSION = 1;

    public Manifest {
        // Jackson passes null for a missing list; readManifest then says it lists no object.
        objects = objects == null ? List.of() : List.copyOf(objects);
    }

    /** A manifest of exported objects, or of objects a push (not a restore) replaced. */
    public Manifest(int formatVersion, String source, String sourceUrl, String created, String runId,
            List<ManifestEntry> objects) {
        this(formatVersion, source, sourceUrl, created, runId, objects, null);
    }
}
