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
 */
public record ObjectStatus(String path, String destination, ObjectState state, String sourceSha256,
        Optional<String> pushedSha256, Optional<Instant> pushedAt, Optional<String> pushedBy,
        List<String> onlyOnSource, List<String> onlyOnTarget) {

    public ObjectStatus {
        onlyOnSource = List.copyOf(onlyOnSource);
        onlyOnTarget = List.copyOf(onlyOnTarget);
    }
}
