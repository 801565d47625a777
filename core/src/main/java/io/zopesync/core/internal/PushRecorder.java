package io.zopesync.core.internal;

import io.zopesync.core.kernel.ZopeSyncException;
import io.zopesync.core.model.SyncListener;
import io.zopesync.core.ssh.RemoteFiles;
import io.zopesync.core.zope.ObjectTree;
import io.zopesync.core.zope.ZopeApi;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Writes what a push imported into the target's {@link PushRecords}, with the target's fingerprint of each object
 * taken after every change of the push (a later import into a folder changes the folder). Runs with the target's
 * lock held. A record that cannot be written does not undo the push: it is a warning, and the next status says
 * what it cannot know.
 */
final class PushRecorder {
    private PushRecorder() {
    }

    /**
     * Adds or replaces the records of {@code imported} on the target.
     *
     * @param where the target's name, for messages
     */
    static void record(RemoteFiles files, String dir, ZopeApi zope, String runId, List<PushItem> imported,
            SyncListener listener, String where) {
        if (imported.isEmpty()) {
            return;
        }
        try {
            PushRecords records = read(files, dir, where, listener, "it is started afresh");
            List<Optional<ObjectTree>> trees = Checks.each(imported, item -> zope.tree(item.destination()));
            String now = Instant.now().toString();
            List<PushRecords.Entry> entries = new ArrayList<>();
            List<String> gone = new ArrayList<>();
            for (int i = 0; i < imported.size(); i++) {
                PushItem item = imported.get(i);
                Optional<ObjectTree> tree = trees.get(i);
                if (tree.isEmpty()) {
                    gone.add(item.destination().toString());
                } else {
                    entries.add(new PushRecords.Entry(item.destination().toString(), item.label(), item.sha256(),
                            runId, now, tree.get().fingerprint()));
                }
            }
            files.write(dir, PushRecords.FILE, records.without(gone).with(entries).toBytes());
        } catch (ZopeSyncException e) {
            listener.warn("target '" + where + "': the record of this push could not be written to " + dir + "/"
                    + PushRecords.FILE + " (" + e.getMessage() + "); a status of these objects will be wrong until"
                    + " the next push");
        }
    }

    /**
     * Writes the target's fingerprint of each object anew after a rollback put it back as it was: renaming a backup
     * back writes the object, which moves its modification time, and the status would take that for an edit by
     * hand. Only for objects the target held unchanged since their last push ({@link TargetBefore}); an object
     * changed by hand before the run keeps its old record, so that the drift stays visible. A failure is a warning.
     *
     * @param restored the objects that were put back (or never touched), with their records as the run found them
     */
    static void refresh(RemoteFiles files, String dir, ZopeApi zope, List<TargetBefore.Unchanged> restored,
            SyncListener listener, String where) {
        if (restored.isEmpty()) {
            return;
        }
        try {
            List<Optional<ObjectTree>> trees = Checks.each(restored, object -> zope.tree(object.item().destination()));
            List<PushRecords.Entry> refreshed = new ArrayList<>();
            for (int i = 0; i < restored.size(); i++) {
                PushRecords.Entry entry = restored.get(i).entry();
                trees.get(i).filter(entry::targetChanged)
                        .ifPresent(tree -> refreshed.add(entry.withFingerprint(tree.fingerprint())));
            }
            if (!refreshed.isEmpty()) {
                PushRecords records = read(files, dir, where, listener, "it is started afresh");
                files.write(dir, PushRecords.FILE, records.with(refreshed).toBytes());
            }
        } catch (ZopeSyncException e) {
            listener.warn("target '" + where + "': the record of the objects put back could not be brought up to date"
                    + " in " + dir + "/" + PushRecords.FILE + " (" + e.getMessage() + "); a status may call them"
                    + " changed on the target until the next push");
        }
    }

    /**
     * The target's records; an unreadable file counts as none, with a warning that ends in {@code then}.
     */
    static PushRecords read(RemoteFiles files, String dir, String where, SyncListener listener, String then) {
        Optional<byte[]> content = files.read(dir, PushRecords.FILE);
        if (content.isEmpty()) {
            return PushRecords.empty();
        }
        try {
            return PushRecords.parse(content.get(), where + ":" + dir + "/" + PushRecords.FILE);
        } catch (ZopeSyncException e) {
            listener.warn("target '" + where + "': " + e.getMessage() + "; " + then);
            return PushRecords.empty();
        }
    }
}
