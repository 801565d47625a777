package io.zopesync.core.bundle;

import java.util.List;

/**
 * A bundle's {@code manifest.json}: what was exported, from where and when, and each file's size and SHA-256.
 *
 * @param formatVersion {@value #FORMAT_VERSION} for this version of zope-sync
 * @param source the source environment's name
 * @param sourceUrl the source's Zope URL
 * @param created when the export finished, ISO-8601
 * @param runId the run that exported it
 * @param objects the exported objects, in request order
 */
public record Manifest(int formatVersion, String source, String sourceUrl, String created, String runId,
        List<ManifestEntry> objects) {

    /** The manifest format this version writes and reads. */
    public static final int FORMAT_VERSION = 1;

    public Manifest {
        objects = List.copyOf(objects);
    }
}
