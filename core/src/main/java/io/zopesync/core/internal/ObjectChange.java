package io.zopesync.core.internal;

import io.zopesync.core.internal.TransactionReport.Left;
import io.zopesync.core.kernel.ObjectPath;
import io.zopesync.core.kernel.SyncLog;
import io.zopesync.core.kernel.ZopeSyncException;
import io.zopesync.core.result.Outcome;
import io.zopesync.core.zope.ZopeApi;
import io.zopesync.core.zope.ZopeException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Future;
import java.util.function.Predicate;

/**
 * What a {@link Transaction} changed on the target for one object, and how to undo it. Zope changes are never
 * tried twice: after a call without an answer it looks whether the call happened, so that the undo matches what is
 * really there. Each step returns why it failed, if it did. Used by one transaction's thread.
 */
final class ObjectChange {
    final int index;
    final PushItem item;
    String backupId;
    boolean imported;
    Outcome outcome;
    long millis;
    /** Whether the imported object exists, asked while the next object is imported. */
    Future<Boolean> found;
    private final ZopeApi zope;
    private final String target;
    private final SyncLog log;

    ObjectChange(int index, PushItem item, ZopeApi zope, String target, SyncLog log) {
        this.index = index;
        this.item = item;
        this.zope = zope;
        this.target = target;
        this.log = log;
    }

    /** Renames the existing object to {@code newBackupId}. */
    Optional<String> renameToBackup(String newBackupId) {
        try {
            zope.rename(item.targetFolder(), item.id(), newBackupId);
            backupId = newBackupId;
            return Optional.empty();
        } catch (ZopeException e) {
            // Without an answer the rename may have happened: then the backup must be renamed back on failure.
            if (e.getKind() == ZopeException.Kind.TRANSPORT && existsAnyway(item.targetFolder().child(newBackupId))) {
                backupId = newBackupId;
            }
            return Optional.of(Failure.message(e));
        } catch (RuntimeException e) {
            return Optional.of(Failure.message(e));
        }
    }

    /** Imports the uploaded file into the target folder. */
    Optional<String> importFile(boolean takeOwnership, boolean suppressEvents) {
        try {
            zope.importObject(item.targetFolder(), item.remoteName(), takeOwnership, suppressEvents);
            imported = true;
            return Optional.empty();
        } catch (ZopeException e) {
            // Without an answer the import may have happened; with one (e.g. "already in use") it did not, and
            // an object that is there now belongs to somebody else.
            if (e.getKind() == ZopeException.Kind.TRANSPORT && existsAnyway(item.destination())) {
                imported = true;
            }
            return Optional.of(Failure.message(e));
        } catch (RuntimeException e) {
            return Optional.of(Failure.message(e));
        }
    }

    /**
     * Moves a replacing object to its backup's place in an ordered folder: an import adds at the end, while the
     * rename to the backup id kept the old place.
     */
    Optional<String> keepPlace(Predicate<ObjectPath> isOrdered) {
        if (backupId == null) {
            return Optional.empty();
        }
        try {
            if (isOrdered.test(item.targetFolder())) {
                zope.moveBefore(item.targetFolder(), item.id(), backupId);
            }
            return Optional.empty();
        } catch (RuntimeException e) {
            return Optional.of(Failure.message(e));
        }
    }

    /** Deletes this run's import and renames the backup back (keeping its place); says what is left if that fails. */
    Optional<Left> undo() {
        try {
            if (imported) {
                zope.delete(item.targetFolder(), item.id());
                imported = false;
            }
            if (backupId != null) {
                zope.rename(item.targetFolder(), backupId, item.id());
            }
            log.info("target '" + target + "': restored " + item.destination());
            return Optional.empty();
        } catch (RuntimeException e) {
            return Optional.of(new Left(item.destination(),
                    Optional.ofNullable(backupId).map(item.targetFolder()::child), Failure.message(e)));
        }
    }

    /** {@code "putting it back failed: …; left on the target: …"}. */
    String notPutBack(Left left) {
        List<String> what = new ArrayList<>();
        if (imported) {
            what.add("this run's import at " + item.destination());
        }
        left.backup().ifPresent(backup -> what.add("the backup " + backup + " (the object as it was)"));
        return "putting it back failed: " + left.error() + (what.isEmpty() ? ""
                : "; left on the target: " + String.join(", ", what));
    }

    private boolean existsAnyway(ObjectPath path) {
        try {
            return zope.exists(path);
        } catch (ZopeSyncException e) {
            log.warn("target '" + target + "': cannot tell whether " + path + " exists after a call without an"
                    + " answer: " + e.getMessage());
            return true;
        }
    }
}
