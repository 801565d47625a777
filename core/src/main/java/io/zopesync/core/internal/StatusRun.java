package io.zopesync.core.internal;

import io.zopesync.core.kernel.ObjectPath;
import io.zopesync.core.kernel.ZopeSyncException;
import io.zopesync.core.model.Environment;
import io.zopesync.core.model.ObjectSpec;
import io.zopesync.core.model.SyncListener.Phase;
import io.zopesync.core.model.SyncListener;
import io.zopesync.core.status.ObjectState;
import io.zopesync.core.status.ObjectStatus;
import io.zopesync.core.status.StatusResult;
import io.zopesync.core.status.TargetStatus;
import io.zopesync.core.zexp.ZexpContent;
import io.zopesync.core.zexp.ZexpFormatException;
import io.zopesync.core.zope.ExportedFile;
import io.zopesync.core.zope.ObjectTree;
import io.zopesync.core.zope.ZopeApi;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.IntStream;

/**
 * Finds out what every target holds of a task's objects, changing nothing: the source's export of each object
 * (only its SHA-256 is kept), the target's {@link PushRecords} and its {@link ObjectTree} of each object.
 */
final class StatusRun {
    /** The one SHA-256 and tree of an object on the source, and its export if a comparison needs it. */
    record SourceObject(ObjectSpec spec, String sha256, ObjectTree tree, Optional<Path> export) {
        ObjectPath destination() {
            return spec.getTargetFolder().child(spec.getPath().getId());
        }
    }

    private final Connections connections;
    private final SyncListener listener;
    private final boolean compare;

    /** @param compare whether objects not in sync are exported from the target too and compared */
    StatusRun(Connections connections, SyncListener listener, boolean compare) {
        this.connections = connections;
        this.listener = listener;
        this.compare = compare;
    }

    StatusResult run(Environment source, List<Environment> targets, List<ObjectSpec> objects) {
        Instant checked = Instant.now();
        listener.phase(Phase.EXPORT, null);
        Path dir;
        try {
            dir = Files.createTempDirectory("zope-sync-status");
        } catch (IOException e) {
            return new StatusResult(source.getName(), checked, List.of(), List.of("cannot create a temporary"
                    + " directory for the exports: " + e.getMessage()));
        }
        try {
            List<SourceObject> exported;
            try {
                exported = readSource(source, objects, dir);
            } catch (ZopeSyncException e) {
                return new StatusResult(source.getName(), checked, List.of(), List.of("source '" + source.getName()
                        + "': " + e.getMessage()));
            }
            List<TargetStatus> statuses = new ArrayList<>();
            for (Environment target : targets) {
                listener.phase(Phase.TARGET, target.getName());
                statuses.add(target(source.getName(), target, exported, dir));
            }
            listener.phase(Phase.REPORT, null);
            return new StatusResult(source.getName(), checked, statuses, List.of());
        } finally {
            deleteAll(dir);
        }
    }

    private List<SourceObject> readSource(Environment source, List<ObjectSpec> objects, Path dir) {
        ZopeApi zope = connections.zope(source);
        zope.checkLogin();
        List<Integer> indexes = IntStream.range(0, objects.size()).boxed().toList();
        return Checks.each(indexes, index -> {
            ObjectSpec spec = objects.get(index);
            ObjectTree tree = zope.tree(spec.getPath()).orElseThrow(() -> new ZopeSyncException(
                    "object " + spec.getPath() + " does not exist"));
            Path file = dir.resolve("source-" + index + ".zexp");
            ExportedFile export = zope.export(spec.getPath(), file, bytes -> { });
            if (!compare) {
                delete(file);
            }
            return new SourceObject(spec, export.sha256(), tree, compare ? Optional.of(file) : Optional.empty());
        });
    }

    private TargetStatus target(String sourceName, Environment target, List<SourceObject> objects, Path exports) {
        String name = target.getName();
        try {
            String dir = target.getSsh().orElseThrow().getImportDir();
            PushRecords records = connections.ssh(target).read(dir, PushRecords.FILE)
                    .map(bytes -> PushRecords.parse(bytes, name + ":" + dir + "/" + PushRecords.FILE))
                    .orElse(PushRecords.empty());
            ZopeApi zope = connections.zope(target);
            zope.checkLogin();
            List<Optional<ObjectTree>> trees = Checks.each(objects, object -> zope.tree(object.destination()));
            List<ObjectStatus> statuses = new ArrayList<>();
            for (int i = 0; i < objects.size(); i++) {
                SourceObject object = objects.get(i);
                statuses.add(decide(object, trees.get(i),
                        records.get(object.destination().toString())));
            }
            if (compare) {
                List<Integer> indexes = IntStream.range(0, objects.size()).boxed().toList();
                List<ObjectStatus> decided = statuses;
                statuses = Checks.each(indexes, i -> compared(zope, sourceName, name, objects.get(i), decided.get(i),
                        exports.resolve(name + "-" + i + ".zexp")));
            }
            return new TargetStatus(name, statuses, Optional.empty());
        } catch (ZopeSyncException e) {
            return TargetStatus.failed(name, e.getMessage());
        }
    }

    /**
     * The status with the comparison of the target's export and the source's, for an object that is on the target
     * and not in sync; else as it is.
     */
    private static ObjectStatus compared(ZopeApi zope, String sourceName, String targetName, SourceObject object,
            ObjectStatus status, Path file) {
        if (status.state() == ObjectState.IN_SYNC || status.state() == ObjectState.MISSING
                || object.export().isEmpty()) {
            return status;
        }
        try {
            zope.export(object.destination(), file, bytes -> { });
            try {
                return status.withDifferences(ObjectComparison.compare(ZexpContent.read(object.export().get()),
                        ZexpContent.read(file), sourceName + ":" + object.spec().getPath(),
                        targetName + ":" + object.destination()));
            } catch (ZexpFormatException e) {
                throw new ZopeSyncException("cannot compare " + object.destination() + ": " + e.getMessage(), e);
            }
        } finally {
            delete(file);
        }
    }

    /** The state of one object, from the source's export, the target's tree and the record of the last push. */
    static ObjectStatus decide(SourceObject object, Optional<ObjectTree> target, Optional<PushRecords.Entry> record) {
        ObjectState state;
        List<String> onlyOnSource = List.of();
        List<String> onlyOnTarget = List.of();
        if (target.isEmpty()) {
            state = ObjectState.MISSING;
        } else {
            onlyOnSource = difference(object.tree().paths(), target.get().paths());
            onlyOnTarget = difference(target.get().paths(), object.tree().paths());
            state = record.map(entry -> entry.compare(object.sha256(), target.get())).orElse(ObjectState.UNKNOWN);
        }
        return new ObjectStatus(object.spec().getPath().toString(), object.destination().toString(), state,
                object.sha256(), record.map(PushRecords.Entry::sha256), record.flatMap(PushRecords.Entry::pushedAt),
                record.map(PushRecords.Entry::run), onlyOnSource, onlyOnTarget, false, List.of());
    }

    private static List<String> difference(Set<String> these, Set<String> those) {
        Set<String> left = new TreeSet<>(these);
        left.removeAll(those);
        return List.copyOf(left);
    }

    private static void deleteAll(Path dir) {
        try (var files = Files.list(dir)) {
            for (Path file : files.toList()) {
                delete(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove " + dir, e);
        }
        delete(dir);
    }

    private static void delete(Path path) {
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove " + path, e);
        }
    }
}
