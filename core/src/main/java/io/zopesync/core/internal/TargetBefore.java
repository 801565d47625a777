package io.zopesync.core.internal;

import io.zopesync.core.kernel.ZopeSyncException;
import io.zopesync.core.model.SyncListener;
import io.zopesync.core.ssh.RemoteFiles;
import io.zopesync.core.status.ObjectState;
import io.zopesync.core.zope.ObjectTree;
import io.zopesync.core.zope.ZopeApi;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * What a target held of a run's items before the run changed anything, beside zope-sync's {@link PushRecords} of
 * the last push: for an item with a record its {@link ObjectTree} (one {@code PROPFIND Depth: infinity} instead of
 * the {@code Depth: 0} existence check), for the others only whether it exists. A changed-only sync decides from it
 * which objects to leave alone and which were changed by hand; after a rollback it tells which records to refresh,
 * since renaming a backup back writes the object and so changes its modification time.
 *
 * <p>Read with the target's lock held: only somebody working on the target without zope-sync can change it
 * afterwards. Immutable.
 */
final class TargetBefore {
    private final PushRecords records;
    private final List<PushItem> items;
    private final List<Found> found;

    /** What the target holds at an item's destination; a tree only where there is a record to compare it with. */
    private record Found(boolean exists, Optional<ObjectTree> tree) {
        static final Found NOTHING = new Found(false, Optional.empty());
        static final Found UNRECORDED = new Found(true, Optional.empty());
    }

    private TargetBefore(PushRecords records, List<PushItem> items, List<Found> found) {
        this.records = records;
        this.items = List.copyOf(items);
        this.found = List.copyOf(found);
    }

    /**
     * Reads the records and checks the items, a few at once.
     *
     * @throws ZopeSyncException if Zope cannot be asked; an unreadable record file is only a warning (the objects
     *         are then as unknown as on a target never pushed)
     */
    static TargetBefore read(RemoteFiles files, String dir, ZopeApi zope, List<PushItem> items,
            SyncListener listener, String target) {
        PushRecords records = readRecords(files, dir, listener, target);
        List<Found> found = Checks.each(items, item -> {
            if (records.get(item.destination().toString()).isEmpty()) {
                return zope.exists(item.destination()) ? Found.UNRECORDED : Found.NOTHING;
            }
            Optional<ObjectTree> tree = zope.tree(item.destination());
            return new Found(tree.isPresent(), tree);
        });
        return new TargetBefore(records, items, found);
    }

    private static PushRecords readRecords(RemoteFiles files, String dir, SyncListener listener, String target) {
        try {
            return PushRecorder.read(files, dir, target, listener, "its objects count as never pushed");
        } catch (ZopeSyncException e) {
            listener.warn("target '" + target + "': the push record " + dir + "/" + PushRecords.FILE + " cannot be"
                    + " read (" + e.getMessage() + "); its objects count as never pushed");
            return PushRecords.empty();
        }
    }

    boolean exists(int index) {
        return found.get(index).exists();
    }

    /** The record of the item's last push, if the object exists and zope-sync has one. */
    Optional<PushRecords.Entry> record(int index) {
        return found.get(index).tree().isPresent() ? records.get(items.get(index).destination().toString())
                : Optional.empty();
    }

    /**
     * The item's state against the source's export {@code sha256}: as {@code zope-sync status} would say it.
     * {@link ObjectState#UNKNOWN} where there is no record.
     */
    ObjectState state(int index, String sha256) {
        if (!exists(index)) {
            return ObjectState.MISSING;
        }
        return record(index).map(entry -> entry.compare(sha256, found.get(index).tree().orElseThrow()))
                .orElse(ObjectState.UNKNOWN);
    }

    /** Whether somebody changed the object on the target since zope-sync pushed it: its tree is not the recorded one. */
    boolean isDrift(int index) {
        return record(index).map(entry -> entry.targetChanged(found.get(index).tree().orElseThrow())).orElse(false);
    }

    /**
     * The records of the items among {@code indexes} that the target held unchanged since their push (whatever the
     * source did meanwhile), paired with their item: after a rollback, their objects are as they were, and only
     * their trees' modification times may have moved.
     */
    List<Unchanged> unchangedSincePush(Collection<Integer> indexes) {
        List<Unchanged> unchanged = new ArrayList<>();
        for (int index : indexes) {
            if (record(index).isPresent() && !isDrift(index)) {
                unchanged.add(new Unchanged(items.get(index), record(index).orElseThrow()));
            }
        }
        return unchanged;
    }

    /** An item that the target held as its record says. */
    record Unchanged(PushItem item, PushRecords.Entry entry) {
    }
}
