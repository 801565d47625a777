package io.zopesync.core.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.zopesync.core.kernel.ZopeSyncException;
import io.zopesync.core.status.ObjectState;
import io.zopesync.core.zope.ObjectTree;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What zope-sync last pushed to a target, per object: the file {@value #FILE} in the target's import directory,
 * written while the target's lock is held, after the push committed (and after a failed push put the target
 * back). A status compares it with the source and the target: the SHA-256 of what was imported, and the target's
 * own {@link io.zopesync.core.zope.ObjectTree#fingerprint() fingerprint} of the object right after the import.
 *
 * <pre>{@code
 * {"format":1,"objects":[{"path":"/site/page","sourcePath":"/site/page","sha256":"9f2c…",
 *   "run":"20261204-130501-ab12","pushed":"2026-12-04T13:05:09Z","fingerprint":"sha256:…"}]}
 * }</pre>
 * Immutable.
 */
final class PushRecords {
    /** The file's name in the import directory. */
    static final String FILE = "zope-sync-pushed.json";
    static final int FORMAT = 1;
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .build();

    static {
        JSON.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
                .maxNestingDepth(8).maxStringLength(4096).build());
    }

    /**
     * What one push imported.
     *
     * @param path the object on the target
     * @param sourcePath the object on the source it came from
     * @param sha256 the SHA-256 of the imported .zexp
     * @param run the run that imported it
     * @param pushed when it was imported, by the pushing machine's clock
     * @param fingerprint the target's fingerprint of the object right after the import
     */
    record Entry(String path, String sourcePath, String sha256, String run, String pushed, String fingerprint) {

        Optional<Instant> pushedAt() {
            try {
                return Optional.of(Instant.parse(pushed));
            } catch (DateTimeParseException e) {
                return Optional.empty();
            }
        }

        /** Whether the source's export now differs from what this push imported. */
        boolean sourceChanged(String sourceSha256) {
            return !sha256.equals(sourceSha256);
        }

        /** Whether the target's object is no longer as this push left it. */
        boolean targetChanged(ObjectTree target) {
            return !fingerprint.equals(target.fingerprint());
        }

        /** The object's state, from the source's export now and the target's tree now. */
        ObjectState compare(String sourceSha256, ObjectTree target) {
            boolean source = sourceChanged(sourceSha256);
            boolean onTarget = targetChanged(target);
            return source && onTarget ? ObjectState.CHANGED_ON_BOTH : source ? ObjectState.CHANGED_ON_SOURCE
                    : onTarget ? ObjectState.CHANGED_ON_TARGET : ObjectState.IN_SYNC;
        }

        /** This record with the target's fingerprint of the object now. */
        Entry withFingerprint(String newFingerprint) {
            return new Entry(path, sourcePath, sha256, run, pushed, newFingerprint);
        }
    }

    private record Document(int format, List<Entry> objects) {
    }

    private final Map<String, Entry> entries;

    private PushRecords(Map<String, Entry> entries) {
        this.entries = entries;
    }

    static PushRecords empty() {
        return new PushRecords(new TreeMap<>());
    }

    /**
     * @param where names the file in the message of a bad record, e.g. {@code "test:/srv/import/zope-sync-pushed.json"}
     * @throws ZopeSyncException if the content is not a record file of a known format
     */
    static PushRecords parse(byte[] content, String where) {
        Document document;
        try {
            document = JSON.readValue(content, Document.class);
        } catch (JsonProcessingException e) {
            throw new ZopeSyncException("the push record " + where + " is not readable ("
                    + e.getOriginalMessage() + "); remove it to start the records afresh", e);
        } catch (java.io.IOException e) {
            throw new ZopeSyncException("the push record " + where + " is not readable", e);
        }
        if (document == null || document.format() != FORMAT || document.objects() == null) {
            throw new ZopeSyncException("the push record " + where + " is of an unknown format"
                    + (document == null ? "" : " (" + document.format() + ")") + "; this zope-sync reads format "
                    + FORMAT);
        }
        Map<String, Entry> entries = new TreeMap<>();
        for (Entry entry : document.objects()) {
            if (entry == null || entry.path() == null || entry.sha256() == null || entry.fingerprint() == null) {
                throw new ZopeSyncException("the push record " + where + " has an entry without path, sha256 or"
                        + " fingerprint");
            }
            entries.put(entry.path(), entry);
        }
        return new PushRecords(entries);
    }

    Optional<Entry> get(String path) {
        return Optional.ofNullable(entries.get(path));
    }

    /** These records with {@code changed} added or replacing the entries of the same paths. */
    PushRecords with(Collection<Entry> changed) {
        Map<String, Entry> copy = new TreeMap<>(entries);
        changed.forEach(entry -> copy.put(entry.path(), entry));
        return new PushRecords(copy);
    }

    /** These records without the entries of {@code paths}. */
    PushRecords without(Collection<String> paths) {
        Map<String, Entry> copy = new TreeMap<>(entries);
        paths.forEach(copy::remove);
        return new PushRecords(copy);
    }

    byte[] toBytes() {
        try {
            return JSON.writeValueAsBytes(new Document(FORMAT, new ArrayList<>(entries.values())));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the push records", e);
        }
    }
}
