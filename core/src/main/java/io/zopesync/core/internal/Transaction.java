package io.zopesync.core.internal;

import io.zopesync.core.internal.TransactionReport.Left;
import io.zopesync.core.kernel.ObjectPath;
import io.zopesync.core.kernel.ZopeSyncException;
import io.zopesync.core.model.SyncListener;
import io.zopesync.core.model.SyncOptions;
import io.zopesync.core.result.ObjectResult;
import io.zopesync.core.result.Outcome;
import io.zopesync.core.zope.ZopeApi;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;

/**
 * The changes of one target, all or nothing as far as Zope allows (every Zope call is its own commit): per object,
 * keep the existing one as a backup (renamed, and by default saved into the bundle) and import the new one (in an
 * ordered folder, moved to the backup's place); check that every imported object is there; mark the journal
 * committed and delete the backups. On any failure every change is undone, last object first (renaming a backup
 * back keeps its place). {@link #run} returns a {@link TransactionReport}; it never throws to say that something
 * failed.
 *
 * <pre>
 * TransactionReport report = new Transaction(target, items, zope, session, run, background, undoFiles)
 *         .run(work, existing);
 * </pre>
 *
 * <p><b>Journal.</b> The {@link Journal} is written once per object, before its first change: that write also
 * carries the previous object's {@code imported}, and the last object's is written after the loop. A run that dies
 * between an answered import and that write leaves the object {@code importing} in the journal, which the recovery
 * renames aside instead of deleting: nothing is lost either way. The existence of each imported object is checked
 * in the background while the next object is imported. If the commit mark cannot be written, the target is rolled
 * back at once, so that a later recovery can never undo a target this run reported as synced. Zope changes are
 * never tried twice: after a call without an answer the transaction looks whether it happened, and undoes
 * accordingly. Not thread-safe: one per target job, run once.
 */
final class Transaction {

    /** What a transaction needs of the session that holds its target. */
    interface Guard {
        /** Why this run may no longer change the target (it lost the lock), if so; asked before every change. */
        Optional<String> whyLost();

        /**
         * Replaces the journal in the import directory.
         *
         * @throws ZopeSyncException if it cannot be written
         */
        void writeJournal(String text);
    }

    private final String target;
    private final List<PushItem> items;
    private final ZopeApi zope;
    private final Guard guard;
    private final RunContext run;
    private final SyncOptions options;
    private final SyncListener listener;
    private final Background background;
    private final UndoFiles undoFiles;
    private final Journal journal;
    private final List<ObjectChange> changes = new ArrayList<>();
    /** Whether each target folder replaced into keeps an order of its own, once asked. */
    private final Map<ObjectPath, Boolean> orderedFolders = new HashMap<>();
    private List<Integer> work = List.of();
    private boolean journalWritten;
    /** Set when the journal in memory says more than the one on the target (an import answered since). */
    private boolean journalBehind;

    /**
     * @param items every item of the run, with its file, in the run's order
     * @param background runs the existence checks alongside the imports; the caller closes it
     * @param undoFiles where the replaced objects are saved; the caller writes their manifest
     */
    Transaction(String target, List<PushItem> items, ZopeApi zope, Guard guard, RunContext run,
            Background background, UndoFiles undoFiles) {
        this.target = target;
        this.items = List.copyOf(items);
        this.zope = zope;
        this.guard = guard;
        this.run = run;
        this.options = run.getOptions();
        this.listener = run.getListener();
        this.background = background;
        this.undoFiles = undoFiles;
        this.journal = new Journal(run.getRunId());
    }

    /**
     * Replaces or imports the items at {@code indexes}, in that order, then commits or rolls back.
     *
     * @param existing the indexes of the items whose object exists on the target (they are replaced)
     */
    TransactionReport run(List<Integer> indexes, Set<Integer> existing) {
        this.work = List.copyOf(indexes);
        for (int index : work) {
            Optional<String> stop = whyNotChange();
            if (stop.isPresent()) {
                return rollBack(Failure.ofTarget(stop.get()));
            }
            ObjectChange change = new ObjectChange(index, items.get(index), zope, target, listener);
            changes.add(change);
            Optional<Failure> failed = apply(change, existing.contains(index));
            if (failed.isPresent()) {
                return rollBack(failed.get());
            }
        }
        Optional<Failure> failed = (journalBehind ? writeJournal().map(Failure::ofTarget) : Optional.<Failure>empty())
                .or(this::verify).or(this::commit);
        return failed.isPresent() ? rollBack(failed.get()) : finish();
    }

    /** Why no further change may be made: the run was cancelled, or it lost the lock; empty if it may. */
    private Optional<String> whyNotChange() {
        return Thread.currentThread().isInterrupted() ? Optional.of("cancelled") : guard.whyLost();
    }

    /** Replaces or imports one object: journal, backup (saved, renamed), import, then its check in the background. */
    private Optional<Failure> apply(ObjectChange change, boolean exists) {
        PushItem item = change.item;
        long started = System.nanoTime();
        Journal.Entry entry;
        Optional<String> failed;
        if (exists) {
            String backupId = backupId(item.id());
            entry = journal.add(item.targetFolder(), item.id(), backupId, Journal.State.BACKING_UP);
            failed = writeJournal()
                    .or(() -> options.isSaveReplaced() ? attempt(() -> undoFiles.save(zope, item)) : Optional.empty())
                    .or(guard::whyLost)
                    .or(() -> change.renameToBackup(backupId));
        } else {
            entry = journal.add(item.targetFolder(), item.id(), null, Journal.State.IMPORTING);
            failed = writeJournal();
        }
        failed = failed.or(this::whyNotChange)
                .or(() -> change.importFile(options.isTakeOwnership(), options.isSuppressEvents()));
        if (failed.isEmpty()) {
            entry.state = Journal.State.IMPORTED;
            journalBehind = true;
            failed = change.keepPlace(folder -> orderedFolders.computeIfAbsent(folder, zope::isOrdered));
        }
        if (failed.isPresent()) {
            // A call cut off by a cancellation may fail with whatever its library throws then: say so.
            String text = failed.get();
            return Optional.of(Failure.at(item, Thread.currentThread().isInterrupted() && !text.contains("cancelled")
                    ? "cancelled: " + text : text));
        }
        change.found = background.submit(() -> zope.exists(item.destination()));
        change.millis = millisSince(started);
        change.outcome = change.backupId == null ? Outcome.IMPORTED : Outcome.REPLACED;
        listener.objectDone(target, TargetJob.result(item, change.outcome, change.millis, null));
        return Optional.empty();
    }

    /** Writes the journal; called before every change to the target. Returns why it failed, if it did. */
    private Optional<String> writeJournal() {
        Optional<String> failed = attempt(() -> guard.writeJournal(journal.text()));
        if (failed.isEmpty()) {
            journalWritten = true;
            journalBehind = false;
        }
        return failed;
    }

    private String backupId(String id) {
        return id + ".zope-sync-backup-" + run.getRunId();
    }

    /**
     * Waits for the background checks that every imported object exists: a missing one, or a check that failed,
     * fails the target (the first in import order).
     */
    private Optional<Failure> verify() {
        for (ObjectChange change : changes) {
            boolean found;
            try {
                found = change.found.get();
            } catch (ExecutionException e) {
                return Optional.of(Failure.at(change.item, Failure.message(e.getCause())));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Optional.of(Failure.ofTarget("cancelled"));
            }
            if (!found) {
                return Optional.of(Failure.at(change.item, "Zope answered the import, but "
                        + change.item.destination() + " does not exist"));
            }
        }
        return Optional.empty();
    }

    /**
     * Marks the journal committed once every object is in place: from here a crash is finished forward (backups
     * deleted), never rolled back.
     */
    private Optional<Failure> commit() {
        if (changes.isEmpty()) {
            return Optional.empty();
        }
        Optional<String> lost = guard.whyLost();
        if (lost.isPresent()) {
            return Optional.of(Failure.ofTarget(lost.get()));
        }
        journal.commit(!options.isKeepBackups());
        return writeJournal().map(Failure::ofTarget);
    }

    /** Deletes the backups (unless they are kept) once every object is in place. */
    private TransactionReport finish() {
        Set<ObjectChange> deleted = options.isKeepBackups() ? Set.of() : deleteBackups();
        List<String> backupsLeft = new ArrayList<>();
        Map<Integer, ObjectResult> objects = new LinkedHashMap<>();
        for (ObjectChange change : changes) {
            String backup = deleted.contains(change) ? null : change.backupId;
            if (backup != null) {
                backupsLeft.add(change.item.targetFolder().child(backup).toString());
            }
            objects.put(change.index, TargetJob.result(change.item, change.outcome, change.millis, null, backup));
        }
        return new TransactionReport.Committed(objects, backupsLeft);
    }

    /**
     * Deletes the backups with one request per folder (one commit on Zope's side instead of one per object); where
     * that fails, one by one, so that only the backups that really can't be deleted stay, each with a warning (a
     * backup found gone after a failed call, whose answer was lost, counts as deleted).
     *
     * @return the changes whose backup is gone
     */
    private Set<ObjectChange> deleteBackups() {
        Map<ObjectPath, List<ObjectChange>> byFolder = new LinkedHashMap<>();
        for (ObjectChange change : changes) {
            if (change.backupId != null) {
                byFolder.computeIfAbsent(change.item.targetFolder(), folder -> new ArrayList<>()).add(change);
            }
        }
        Set<ObjectChange> deleted = new HashSet<>();
        byFolder.forEach((folder, inFolder) -> {
            if (inFolder.size() > 1) {
                try {
                    zope.deleteAll(folder, inFolder.stream().map(change -> change.backupId).toList());
                    deleted.addAll(inFolder);
                    return;
                } catch (ZopeSyncException e) {
                    // one by one below: some may be gone already if only the answer was lost
                }
            }
            for (ObjectChange change : inFolder) {
                if (deleteBackup(folder, change.backupId)) {
                    deleted.add(change);
                }
            }
        });
        return deleted;
    }

    /** @return whether the backup is gone: deleted now, or found gone after a failed call */
    private boolean deleteBackup(ObjectPath folder, String backup) {
        try {
            zope.delete(folder, backup);
            return true;
        } catch (ZopeSyncException e) {
            if (isGone(folder.child(backup))) {
                return true;
            }
            listener.warn("target '" + target + "': the backup " + backup + " could not be deleted and stays in "
                    + folder + ": " + e.getMessage());
            return false;
        }
    }

    private boolean isGone(ObjectPath path) {
        try {
            return !zope.exists(path);
        } catch (ZopeSyncException e) {
            return false;
        }
    }

    /**
     * Undoes every change, last object first, with the interrupt flag held back so that a cancelled run still puts
     * the target back. What cannot be undone is reported per object, and the journal stays for the next run.
     */
    private TransactionReport rollBack(Failure failure) {
        boolean interrupted = Thread.interrupted();
        try {
            Map<ObjectChange, Left> left = new LinkedHashMap<>();
            for (int i = changes.size() - 1; i >= 0; i--) {
                ObjectChange change = changes.get(i);
                change.undo().ifPresent(what -> left.put(change, what));
            }
            Map<Integer, ObjectResult> objects = rolledBackResults(failure, left);
            if (left.isEmpty()) {
                return new TransactionReport.RolledBack(failure, !changes.isEmpty(), objects);
            }
            if (journalWritten && journalBehind) {
                bringJournalUpToDate();
            }
            return new TransactionReport.NotRestored(failure, List.copyOf(left.values()), journalWritten, objects);
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Each object's result after a roll-back: failed, restored, not restored, or not changed. */
    private Map<Integer, ObjectResult> rolledBackResults(Failure failure, Map<ObjectChange, Left> left) {
        String reason = failure.reason(target, items);
        Map<Integer, ObjectResult> objects = new LinkedHashMap<>();
        for (int index : work) {
            PushItem item = items.get(index);
            ObjectChange change = changes.stream().filter(c -> c.index == index).findFirst().orElse(null);
            Left notBack = change == null ? null : left.get(change);
            ObjectResult result;
            if (notBack != null) {
                String backup = change.backupId;
                result = TargetJob.result(item, Outcome.NOT_RESTORED, change.millis, (failure.isAt(item)
                        ? failure.cause() + "; then " : "") + change.notPutBack(notBack), backup);
            } else if (failure.isAt(item)) {
                result = TargetJob.result(item, Outcome.FAILED, 0, failure.cause());
            } else if (change != null && change.outcome != null) {
                result = TargetJob.result(item, Outcome.RESTORED, change.millis, "undone: " + reason);
            } else {
                result = TargetJob.result(item, Outcome.NOT_CHANGED, 0, null);
            }
            objects.put(index, result);
        }
        return objects;
    }

    /**
     * Writes the journal that stays for the next run once more, so that it names every answered import as
     * {@code imported} (deleted by the recovery) rather than {@code importing} (renamed aside). Best effort: the
     * journal already on the target is safe to recover from.
     */
    private void bringJournalUpToDate() {
        writeJournal().ifPresent(error -> listener.warn("target '" + target + "': the journal could not be brought"
                + " up to date: " + error));
    }

    /** Runs a call; returns its failure's message, if it failed. */
    private static Optional<String> attempt(Runnable call) {
        try {
            call.run();
            return Optional.empty();
        } catch (RuntimeException e) {
            return Optional.of(Failure.message(e));
        }
    }

    private static long millisSince(long started) {
        return (System.nanoTime() - started) / 1_000_000L;
    }
}
