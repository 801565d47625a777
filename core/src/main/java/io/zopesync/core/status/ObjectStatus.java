package io.zopesync.core.status;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * One object on one target.
 *
 * @param path the object on the source
 * @param destination where it is (or would be) on the target
 * @param state what the target holds of it
 * @param sourceSha256 the SHA-256 of the source's export now
 * @param pushedSha256 the SHA-256 of what the last push imported, if zope-sync has a record of it
 * @param pushedAt when the last push imported it (the pushing machine's clock; shown, never compared)
 * @param pushedBy the run that pushed it last, if known
 * @param onlyOnSource paths below a folder that the source has and the target lacks
 * @param onlyOnTarget paths below a folder that the target has and the source lacks (extra)
 * @param compared whether the target's export was compared with the source's ({@code status --diff}, for an
 *     object that is there and not in sync)
 * @param differences what the comparison found, per object of the tree; empty if not compared, or if the target
 *     holds the same as the source (which for an {@code unknown} object means: the same, though not pushed by us)
 */
public record ObjectStatus(String path, String destination, ObjectState state, String sourceSha256,
        Optional<String> pushedSha256, Optional<Instant> pushedAt, Optional<String> pushedBy,
        List<String> onlyOnSource, List<String> onlyOnTarget, boolean compared, List<ObjectDiff> differences) {

    public ObjectStatus {
        onlyOnSource = List.copyOf(onlyOnSource);
        onlyOnTarget = List.copyOf(onlyOnTarget);
        differences = List.copyOf(differences);
    }

    /** This status with the comparison of the target's export with the source's. */
    public ObjectStatus withDifferences(List<ObjectDiff> found) {
        return new ObjectStatus(path, destination, state, sourceSha256, pushedSha256, pushedAt, pushedBy,
                onlyOnSource, onlyOnTarget, true, found);
    }

    /** Whether a comparison found that the target holds the same as the source. */
    public boolean isSameContent() {
        return compared && differences.isEmpty();
    }
}
