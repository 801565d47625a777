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
    /** The one SHA-256 and tree of an object on the source. */
    record SourceObject(ObjectSpec spec, String sha256, ObjectTree tree) {
        ObjectPath destination() {
            return spec.getTargetFolder().child(spec.getPath().getId());
        }
    }

    private final Connections connections;
    private final SyncListener listener;

    StatusRun(Connections connections, SyncListener listener) {
        this.connections = connections;
        this.listener = listener;
    }

    StatusResult run(Environment source, List<Environment> targets, List<ObjectSpec> objects) {
        Instant checked = Instant.now();
        listener.phase(Phase.EXPORT, null);
        List<SourceObject> exported;
        try {
            exported = readSource(source, objects);
        } catch (ZopeSyncException e) {
            return new StatusResult(source.getName(), checked, List.of(), List.of("source '" + source.getName()
                    + "': " + e.getMessage()));
        }
        List<TargetStatus> statuses = new ArrayList<>();
        for (Environment target : targets) {
            listener.phase(Phase.TARGET, target.getName());
            statuses.add(target(target, exported));
        }
        listener.phase(Phase.REPORT, null);
        return new StatusResult(source.getName(), checked, statuses, List.of());
    }

    private List<SourceObject> readSource(Environment source, List<ObjectSpec> objects) {
        ZopeApi zope = connections.zope(source);
        zope.checkLogin();
        Path dir;
        try {
            dir = Files.createTempDirectory("zope-sync-status");
        } catch (IOException e) {
            throw new ZopeSyncException("cannot create a temporary directory for the exports: " + e.getMessage(), e);
        }
        try {
            List<Integer> indexes = IntStream.range(0, objects.size()).boxed().toList();
            return Checks.each(indexes, index -> {
                ObjectSpec spec = objects.get(index);
                ObjectTree tree = zope.tree(spec.getPath()).orElseThrow(() -> new ZopeSyncException(
                        "object " + spec.getPath() + " does not exist"));
                Path file = dir.resolve(index + ".zexp");
                try {
                    ExportedFile export = zope.export(spec.getPath(), file, bytes -> { });
                    return new SourceObject(spec, export.sha256(), tree);
                } finally {
                    delete(file);
                }
            });
        } finally {
            delete(dir);
        }
    }

    private TargetStatus target(Environment target, List<SourceObject> objects) {
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
            return new TargetStatus(name, statuses, Optional.empty());
        } catch (ZopeSyncException e) {
            return TargetStatus.failed(name, e.getMessage());
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
                record.map(PushRecords.Entry::run), onlyOnSource, onlyOnTarget);
    }

    private static List<String> difference(Set<String> these, Set<String> those) {
        Set<String> left = new TreeSet<>(these);
        left.removeAll(those);
        return List.copyOf(left);
    }

    private static void delete(Path path) {
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove " + path, e);
        }
    }
}
