package io.zopesync.core.internal;

import io.zopesync.core.bundle.Bundle;
import io.zopesync.core.bundle.Manifest;
import io.zopesync.core.bundle.ManifestEntry;
import io.zopesync.core.kernel.ObjectPath;
import io.zopesync.core.kernel.ZopeSyncException;
import io.zopesync.core.model.Environment;
import io.zopesync.core.model.OnExisting;
import io.zopesync.core.model.SyncListener;
import io.zopesync.core.model.SyncListener.TransferKind;
import io.zopesync.core.model.SyncOptions;
import io.zopesync.core.result.ObjectResult;
import io.zopesync.core.result.Outcome;
import io.zopesync.core.result.TargetResult;
import io.zopesync.core.result.TargetResult.Status;
import io.zopesync.core.ssh.RemoteFiles;
import io.zopesync.core.ssh.SshSettings;
import io.zopesync.core.ssh.TransferException;
import io.zopesync.core.zexp.ZexpInfo;
import io.zopesync.core.zexp.ZexpReader;
import io.zopesync.core.zope.ExportedFile;
import io.zopesync.core.zope.ZopeApi;
import io.zopesync.core.zope.ZopeException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The work on one target, all or nothing: lock, recover dead runs, check which objects exist and upload each file
 * as soon as it is exported ({@link ItemFeed}; both at once when existing objects are replaced anyway), wait for
 * the whole export, then per object keep the existing one as a backup (renamed, and saved into the bundle) and
 * import; check that every imported object is there; on any failure restore every object from its backup. A failed
 * export ends the job before any change. Backups are deleted only when the whole target succeeded. Uploaded files,
 * the journal and the lock are removed whatever happened.
 *
 * <p><b>Crash safety.</b> Before each change on the target (rename to a backup, import) the {@link Journal} is
 * written to the import directory, and once every object is in place it is marked committed; while the job works,
 * {@link TargetLock} keeps a heartbeat in the lock file. A run that dies leaves both behind, and a later run that
 * finds the lock without heartbeat takes it over and puts the target back with {@link Recovery}.
 *
 * <p><b>Retries.</b> SSH operations that may run twice (uploads to a temporary name, journal writes, removals) are
 * tried again on a fresh session after a transport failure, with the run's back-off and retries ({@link Retry});
 * Zope changes never are: after a call without an answer the job looks whether it happened.
 */
final class TargetJob {
    /** How often a wait for another target's use of the import directory looks whether the export failed. */
    private static final long WAIT_POLL_MILLIS = 200;
    private final Environment target;
    private final ItemFeed feed;
    /** The items as planned; {@link ItemFeed#readyOrPlanned(int)} has them with their files once exported. */
    private final List<PushItem> items;
    private final RunContext run;
    private final Connections connections;
    private final SyncListener listener;
    private final SyncOptions options;
    private final Journal journal;
    /** What recovering dead runs did before this run's work, for the result's message. */
    private final List<String> recovered = new ArrayList<>();
    private final List<String> failedUploads = new ArrayList<>();
    /** The indexes of the items whose object existed on the target when the job checked, after taking the lock. */
    private final Set<Integer> existing = new HashSet<>();
    /** Whether each target folder replaced into keeps an order of its own, once asked. */
    private final Map<ObjectPath, Boolean> orderedFolders = new HashMap<>();
    private boolean journalWritten;
    /** Set when the journal in memory says more than the one on the target (an import answered since). */
    private boolean journalBehind;
    /**
     * Runs the job's checks in the background: which objects exist, while the files are uploaded; whether each
     * imported object exists, while the next one is imported. Created when first needed.
     */
    private ExecutorService background;
    /** Set when this run could not put the target back: its journal stays for the next run to recover. */
    private boolean keepJournal;
    /** Set when the thread was interrupted during the clean-up, to keep that for the caller. */
    private boolean lateInterrupt;

    /** What was changed on the target for one object, to undo it. */
    private static final class Change {
        final int index;
        final PushItem item;
        String backupId;
        boolean imported;
        Outcome outcome;
        long millis;
        /** Whether the imported object exists, asked while the next object is imported. */
        Future<Boolean> found;

        Change(int index, PushItem item) {
            this.index = index;
            this.item = item;
        }
    }

    TargetJob(Environment target, ItemFeed feed, RunContext run, Connections connections) {
        this.target = target;
        this.feed = feed;
        this.items = feed.planned();
        this.run = run;
        this.connections = connections;
        this.listener = run.getListener();
        this.options = run.getOptions();
        this.journal = new Journal(run.getRunId());
    }

    TargetResult execute() {
        long started = System.nanoTime();
        String name = target.getName();
        listener.phase(SyncListener.Phase.TARGET, name);
        SshSettings ssh = target.getSsh().orElseThrow();
        List<Change> changes = new ArrayList<>();
        List<ObjectResult> skipped = new ArrayList<>();
        List<String> uploaded = new ArrayList<>();
        List<ManifestEntry> saved = new ArrayList<>();
        ReentrantLock directory = connections.directoryLock(ssh);
        TargetLock lock = null;
        TargetResult result;
        try {
            // Another target of this run may use the same import directory: one at a time. The wait ends early
            // if the export fails.
            while (!directory.tryLock(WAIT_POLL_MILLIS, TimeUnit.MILLISECONDS)) {
                feed.checkNotFailed();
            }
            try {
                ZopeApi zope = connections.zope(target);
                TargetLock candidate = new TargetLock(() -> connections.ssh(target), ssh.getImportDir(),
                        run.getHolder(), run.getRunId(), options.getStaleLockAfter(),
                        options.getTimeouts().getRead().plusSeconds(1), listener, name);
                candidate.acquire(options.getTimeouts().getLockWait(), feed::isFailed);
                lock = candidate;
                listener.info("target '" + name + "': locked " + ssh.getImportDir() + " on "
                        + connections.ssh(target).getEndpoint());
                recovered.addAll(new Recovery(connections.ssh(target), ssh.getImportDir(), zope, run.getRunId(),
                        listener, name).recoverAll());

                List<Integer> work;
                if (options.getOnExisting() == OnExisting.REPLACE) {
                    // Every file is needed whether its object exists or not: upload while checking.
                    Future<List<Integer>> decided = background().submit(() -> decide(zope, skipped));
                    List<Integer> all = new ArrayList<>();
                    for (int i = 0; i < items.size(); i++) {
                        all.add(i);
                    }
                    upload(all, uploaded, decided);
                    work = Checks.result(decided);
                } else {
                    work = decide(zope, skipped);
                    upload(work, uploaded, null);
                }
                // Nothing changes on the target before the whole export succeeded.
                List<PushItem> ready = feed.awaitAll();
                for (int index : work) {
                    checkCancelled();
                    lock.checkHeld();
                    Change change = new Change(index, ready.get(index));
                    changes.add(change);
                    apply(zope, change, saved, lock);
                }
                if (journalBehind) {
                    writeJournal();
                }
                verify(changes);
                commit(lock, changes);
                result = succeed(zope, changes, skipped, started);
            } catch (Recovery.RecoveryException e) {
                result = new TargetResult(name, Status.NOT_RESTORED, notChanged(), "target '" + name + "': "
                        + e.getMessage() + "; nothing of this run was changed", millisSince(started));
                listener.log(io.zopesync.core.kernel.SyncLog.Level.ERROR, result.message());
            } catch (Exception e) {
                result = stoppedByTheExport() ? notExported(started) : fail(changes, skipped, e, started);
            } finally {
                stopBackground();
                cleanUp(uploaded, lock);
                writeSaved(saved);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            result = new TargetResult(name, Status.FAILED, notChanged(), "target '" + name
                    + "': cancelled before it was touched", millisSince(started));
        } catch (ItemFeed.NotExported e) {
            result = notExported(started);
        } finally {
            if (directory.isHeldByCurrentThread()) {
                directory.unlock();
            }
        }
        if (!stoppedByTheExport()) {
            listener.targetDone(result);
        }
        return result;
    }

    /**
     * Whether the run's export failed before this job changed anything: the engine then reports that failure for
     * the whole run instead of this target.
     */
    private boolean stoppedByTheExport() {
        return feed.isFailed() && !journalWritten;
    }

    /** The export failed (or the job was stopped because of it) before this run changed anything here. */
    private TargetResult notExported(long started) {
        return new TargetResult(target.getName(), Status.FAILED, notChanged(), "target '" + target.getName()
                + "': the export failed; nothing on the target was changed", millisSince(started));
    }

    /**
     * Uploads the files of the items at {@code indexes}, each as soon as it is exported; stops early if the checks
     * running alongside ({@code checks}, or {@code null}) failed.
     */
    private void upload(List<Integer> indexes, List<String> uploaded, Future<?> checks) throws InterruptedException {
        String dir = target.getSsh().orElseThrow().getImportDir();
        for (int index : indexes) {
            checkCancelled();
            if (checks != null && checks.isDone()) {
                Checks.result(checks);
            }
            PushItem item = feed.await(index);
            Throttle progress = new Throttle(listener, target.getName(), TransferKind.UPLOAD, item.label(),
                    item.size());
            uploaded.add(item.remoteName());
            try {
                remote(files -> {
                    files.upload(item.file(), dir, item.remoteName(), progress);
                    return null;
                });
            } catch (ZopeSyncException e) {
                failedUploads.add(item.remoteName());
                throw new TargetFailure(item, "upload failed: " + e.getMessage(), e);
            }
            progress.finish(item.size());
        }
    }

    /**
     * Runs an SSH operation on the target's session; a transport failure (dropped, reset, timed out) is tried
     * again on a fresh session, with back-off, up to the run's retries. Only for operations that may run twice.
     */
    private <T> T remote(java.util.function.Function<RemoteFiles, T> operation) {
        for (int attempt = 1;; attempt++) {
            RemoteFiles files = connections.ssh(target);
            try {
                return operation.apply(files);
            } catch (TransferException e) {
                if (e.getKind() != TransferException.Kind.TRANSPORT || attempt >= options.getRetries()
                        || Thread.currentThread().isInterrupted()) {
                    throw e;
                }
                Retry.pause(options, attempt, listener, "target '" + target.getName() + "': " + e.getMessage());
                connections.forget(target, files);
            }
        }
    }

    /** Writes the journal to the import directory; called before every change to the target. */
    private void writeJournal() {
        String dir = target.getSsh().orElseThrow().getImportDir();
        remote(files -> {
            RemoteText.write(files, dir, Journal.fileName(run.getRunId()), journal.text());
            return null;
        });
        journalWritten = true;
        journalBehind = false;
    }

    /**
     * Marks the journal committed once every object is in place: from here a crash is finished forward (backups
     * deleted), never rolled back. If the mark cannot be written the target is rolled back now, so that a later
     * recovery can never undo a target this run reported as synced.
     */
    private void commit(TargetLock lock, List<Change> changes) {
        if (changes.isEmpty()) {
            return;
        }
        lock.checkHeld();
        journal.commit(!options.isKeepBackups());
        writeJournal();
    }

    /**
     * Checks once, a few objects at once, which objects exist on the target, and applies on-existing; returns the
     * indexes of the items to upload and import. Runs with the lock held, after the recovery of dead runs and
     * before the first change, so only somebody working on the target without zope-sync can change the answer
     * afterwards: an object that appears meanwhile makes its import fail ("already in use") and is left alone; one
     * that vanishes makes its rename to the backup id fail; either way the target is put back.
     */
    private List<Integer> decide(ZopeApi zope, List<ObjectResult> skipped) {
        List<Boolean> found = Checks.each(items, item -> zope.exists(item.destination()));
        List<Integer> work = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            PushItem item = items.get(i);
            if (found.get(i)) {
                existing.add(i);
            }
            if (options.getOnExisting() != OnExisting.REPLACE && found.get(i)) {
                if (options.getOnExisting() == OnExisting.FAIL) {
                    throw new TargetFailure(item, "it exists already and on-existing is 'fail'; nothing was"
                            + " changed", null);
                }
                ObjectResult result = result(item, Outcome.SKIPPED, 0, "exists already; left as it is");
                skipped.add(result);
                listener.objectDone(target.getName(), result);
            } else {
                work.add(i);
            }
        }
        return work;
    }

    /**
     * Replaces or imports one object. The journal is written once per object, before its first change: that write
     * also carries the previous object's {@code imported}, and the last object's is written after the loop. A run
     * that dies between an answered import and that write leaves the object {@code importing} in the journal, which
     * the recovery renames aside instead of deleting: nothing is lost either way. The existence of the imported
     * object is then checked in the background, while the next object is imported.
     */
    private void apply(ZopeApi zope, Change change, List<ManifestEntry> saved, TargetLock lock) {
        PushItem item = change.item;
        long started = System.nanoTime();
        try {
            Journal.Entry entry;
            if (existing.contains(change.index)) {
                String backupId = backupId(item.id());
                entry = journal.add(item.targetFolder(), item.id(), backupId, Journal.State.BACKING_UP);
                writeJournal();
                if (options.isSaveReplaced()) {
                    saved.add(saveReplaced(zope, item, saved.size() + 1));
                }
                lock.checkHeld();
                renameToBackup(zope, change, backupId);
            } else {
                entry = journal.add(item.targetFolder(), item.id(), null, Journal.State.IMPORTING);
                writeJournal();
            }
            checkCancelled();
            lock.checkHeld();
            importFile(zope, change);
            entry.state = Journal.State.IMPORTED;
            journalBehind = true;
            if (change.backupId != null && isOrdered(zope, item.targetFolder())) {
                // An import adds at the end; the backup kept the old place (a rename keeps it in an ordered folder).
                zope.moveBefore(item.targetFolder(), item.id(), change.backupId);
            }
            change.found = background().submit(() -> zope.exists(item.destination()));
        } catch (TargetFailure e) {
            throw e;
        } catch (RuntimeException e) {
            // A call cut off by a cancellation may fail with whatever its library throws then: say so.
            String text = message(e);
            throw new TargetFailure(item, Thread.currentThread().isInterrupted() && !text.contains("cancelled")
                    ? "cancelled: " + text : text, e);
        }
        change.millis = millisSince(started);
        change.outcome = change.backupId == null ? Outcome.IMPORTED : Outcome.REPLACED;
        listener.objectDone(target.getName(), result(item, change.outcome, change.millis, null));
    }

    /** Whether a folder keeps an order of its own, asked once per folder (while it holds the object to replace). */
    private boolean isOrdered(ZopeApi zope, ObjectPath folder) {
        return orderedFolders.computeIfAbsent(folder, zope::isOrdered);
    }

    private ExecutorService background() {
        if (background == null) {
            background = Executors.newSingleThreadExecutor(task -> {
                Thread thread = new Thread(task, "zope-sync-checks-" + target.getName());
                thread.setDaemon(true);
                return thread;
            });
        }
        return background;
    }

    /** Stops the background checks (interrupting one under way after a failure) and waits for it to end. */
    private void stopBackground() {
        if (background == null) {
            return;
        }
        background.shutdownNow();
        try {
            if (!background.awaitTermination(options.getTimeouts().getRead().toSeconds() + 1, TimeUnit.SECONDS)) {
                listener.warn("target '" + target.getName() + "': a check of the objects did not end");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Waits for the background checks that every imported object exists, before the journal is committed: a
     * missing one, or a check that failed, fails the target (the first in import order), which is then put back.
     */
    private void verify(List<Change> changes) throws InterruptedException {
        for (Change change : changes) {
            boolean found;
            try {
                found = change.found.get();
            } catch (ExecutionException e) {
                throw new TargetFailure(change.item, message(e.getCause()), e.getCause());
            }
            if (!found) {
                throw new TargetFailure(change.item, "Zope answered the import, but " + change.item.destination()
                        + " does not exist", null);
            }
        }
    }

    private void renameToBackup(ZopeApi zope, Change change, String backupId) {
        PushItem item = change.item;
        try {
            zope.rename(item.targetFolder(), item.id(), backupId);
            change.backupId = backupId;
        } catch (ZopeException e) {
            // Without an answer the rename may have happened: then the backup must be renamed back on failure.
            if (e.getKind() == ZopeException.Kind.TRANSPORT
                    && existsAnyway(zope, item.targetFolder().child(backupId))) {
                change.backupId = backupId;
            }
            throw e;
        }
    }

    private void importFile(ZopeApi zope, Change change) {
        PushItem item = change.item;
        try {
            zope.importObject(item.targetFolder(), item.remoteName(), options.isTakeOwnership(),
                    options.isSuppressEvents());
            change.imported = true;
        } catch (ZopeException e) {
            // Without an answer the import may have happened; with one (e.g. "already in use") it did not, and
            // an object that is there now belongs to somebody else.
            if (e.getKind() == ZopeException.Kind.TRANSPORT && existsAnyway(zope, item.destination())) {
                change.imported = true;
            }
            throw e;
        }
    }

    private boolean existsAnyway(ZopeApi zope, ObjectPath path) {
        try {
            return zope.exists(path);
        } catch (ZopeSyncException e) {
            listener.warn("target '" + target.getName() + "': cannot tell whether " + path + " exists after a call"
                    + " without an answer: " + e.getMessage());
            return true;
        }
    }

    private ManifestEntry saveReplaced(ZopeApi zope, PushItem item, int n) {
        Path dir = Bundle.replacedDir(run.getBundleDir(), target.getName(), run.getRunId());
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new ZopeSyncException("cannot create " + dir + ": " + e.getMessage(), e);
        }
        String fileName = Bundle.fileName(n, item.id());
        Throttle progress = new Throttle(listener, target.getName(), TransferKind.SAVE_REPLACED, item.label(), -1);
        ExportedFile file = zope.export(item.destination(), dir.resolve(fileName), progress);
        progress.finish(file.size());
        ZexpInfo info = ZexpReader.read(file.file());
        return new ManifestEntry(item.destination().toString(), item.targetFolder().toString(), item.id(),
                info.className(), fileName, file.size(), file.sha256());
    }

    private String backupId(String id) {
        return id + ".zope-sync-backup-" + run.getRunId();
    }

    /** Records what this push imported, for a later status; a failure to do so is only a warning. */
    private void record(ZopeApi zope, List<PushItem> imported) {
        String dir = target.getSsh().orElseThrow().getImportDir();
        try {
            PushRecorder.record(connections.ssh(target), dir, zope, run.getRunId(), imported, listener,
                    target.getName());
        } catch (ZopeSyncException e) {
            listener.warn("target '" + target.getName() + "': the record of this push could not be written: "
                    + e.getMessage());
        }
    }

    private TargetResult succeed(ZopeApi zope, List<Change> changes, List<ObjectResult> skipped, long started) {
        List<String> leftBackups = new ArrayList<>();
        for (Change change : changes) {
            if (change.backupId == null) {
                continue;
            }
            if (options.isKeepBackups()) {
                leftBackups.add(change.item.targetFolder().child(change.backupId).toString());
                continue;
            }
            try {
                zope.delete(change.item.targetFolder(), change.backupId);
            } catch (ZopeSyncException e) {
                leftBackups.add(change.item.targetFolder().child(change.backupId).toString());
                listener.warn("target '" + target.getName() + "': the backup " + change.backupId
                        + " could not be deleted and stays in " + change.item.targetFolder() + ": " + e.getMessage());
            }
        }
        record(zope, changes.stream().map(change -> change.item).toList());
        List<ObjectResult> objects = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            PushItem item = feed.readyOrPlanned(i);
            ObjectResult result = skippedResult(skipped, item);
            if (result == null) {
                int index = i;
                Change change = changes.stream().filter(c -> c.index == index).findFirst().orElseThrow();
                result = result(item, change.outcome, change.millis, null);
            }
            objects.add(result);
        }
        List<String> notes = new ArrayList<>(recovered);
        if (!leftBackups.isEmpty()) {
            notes.add("backups kept: " + String.join(", ", leftBackups));
        }
        String message = notes.isEmpty() ? null : String.join("; ", notes);
        listener.info("target '" + target.getName() + "': synced " + items.size() + " object(s)");
        return new TargetResult(target.getName(), Status.SYNCED, objects, message, millisSince(started));
    }

    private TargetResult fail(List<Change> changes, List<ObjectResult> skipped, Exception cause, long started) {
        boolean interrupted = Thread.interrupted() || cause instanceof InterruptedException;
        String name = target.getName();
        PushItem failed = cause instanceof TargetFailure ? ((TargetFailure) cause).item : null;
        String reason = failed == null
                ? "target '" + name + "': " + (cause instanceof InterruptedException ? "cancelled" : message(cause))
                        + Engine.notPushed(Engine.labels(items))
                : "target '" + name + "', object " + failed.label() + ": " + message(cause);
        List<String> notRestored = new ArrayList<>();
        ZopeApi zope = changes.isEmpty() ? null : connections.zope(target);
        for (int i = changes.size() - 1; i >= 0; i--) {
            Change change = changes.get(i);
            try {
                undo(zope, change);
            } catch (ZopeSyncException e) {
                String backup = change.backupId == null ? ""
                        : " (its backup is " + change.item.targetFolder().child(change.backupId) + ")";
                notRestored.add(change.item.destination() + backup + ": " + e.getMessage());
            }
        }
        List<ObjectResult> objects = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            PushItem item = feed.readyOrPlanned(i);
            ObjectResult result = skippedResult(skipped, item);
            if (result == null) {
                int index = i;
                Change change = changes.stream().filter(c -> c.index == index).findFirst().orElse(null);
                if (failed != null && item.remoteName().equals(failed.remoteName())) {
                    result = result(item, Outcome.FAILED, 0, message(cause));
                } else if (change != null && change.outcome != null) {
                    result = result(item, Outcome.RESTORED, change.millis, "undone: " + reason);
                } else {
                    result = result(item, Outcome.NOT_CHANGED, 0, null);
                }
            }
            objects.add(result);
        }
        Status status;
        String message;
        if (notRestored.isEmpty()) {
            status = Status.FAILED;
            message = reason + (changes.isEmpty() ? "; nothing on the target was changed"
                    : "; the target was restored to its state before the run");
        } else {
            status = Status.NOT_RESTORED;
            keepJournal = journalWritten;
            if (keepJournal && journalBehind) {
                bringJournalUpToDate();
            }
            message = reason + "; RESTORE FAILED for " + String.join("; ", notRestored)
                    + (options.isSaveReplaced() ? "; the replaced objects are saved in "
                    + Bundle.replacedDir(run.getBundleDir(), name, run.getRunId()) : "")
                    + (keepJournal ? "; the journal " + Journal.fileName(run.getRunId()) + " stays in the import"
                    + " directory, so that the next run puts the target back" : "");
        }
        if (!recovered.isEmpty()) {
            message = message + " (before this run: " + String.join("; ", recovered) + ")";
        }
        listener.log(io.zopesync.core.kernel.SyncLog.Level.ERROR, message);
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        return new TargetResult(name, status, objects, message, millisSince(started));
    }

    /**
     * Writes the journal that stays for the next run once more, so that it names every answered import as
     * {@code imported} (deleted by the recovery) rather than {@code importing} (renamed aside). Best effort: the
     * journal already on the target is safe to recover from.
     */
    private void bringJournalUpToDate() {
        try {
            writeJournal();
        } catch (ZopeSyncException e) {
            listener.warn("target '" + target.getName() + "': the journal could not be brought up to date: "
                    + e.getMessage());
        }
    }

    private void undo(ZopeApi zope, Change change) {
        PushItem item = change.item;
        if (change.imported) {
            zope.delete(item.targetFolder(), item.id());
        }
        if (change.backupId != null) {
            zope.rename(item.targetFolder(), change.backupId, item.id());
        }
        listener.info("target '" + target.getName() + "': restored " + item.destination());
    }

    /**
     * Removes the uploaded files, the journal (unless the target could not be put back) and the lock, each tried
     * again on a fresh session after a transport failure. Runs with the interrupt flag held back, so that a
     * cancelled run still cleans up.
     */
    private void cleanUp(List<String> uploaded, TargetLock lock) {
        if (lock == null) {
            return;
        }
        String dir = target.getSsh().orElseThrow().getImportDir();
        boolean interrupted = Thread.interrupted();
        try {
            List<String> names = new ArrayList<>(uploaded);
            for (String name : failedUploads) {
                // A transfer cut off with its session leaves its temporary file, which the transports name so.
                names.add("." + name + ".part");
            }
            if (journalWritten && !keepJournal) {
                names.add(Journal.fileName(run.getRunId()));
            }
            for (String name : names) {
                try {
                    cleanUpStep(files -> {
                        files.remove(dir, name);
                        return null;
                    });
                } catch (ZopeSyncException e) {
                    listener.warn("target '" + target.getName() + "': cannot remove " + dir + "/" + name + ": "
                            + e.getMessage());
                }
            }
        } finally {
            lock.stopHeartbeat();
            try {
                cleanUpStep(files -> {
                    lock.release();
                    return null;
                });
            } catch (ZopeSyncException e) {
                listener.warn("target '" + target.getName() + "': cannot remove the lock file " + dir + "/"
                        + TargetLock.FILE + ": " + e.getMessage() + "; a later run takes it over once it has not"
                        + " changed for " + options.getStaleLockAfter().toSeconds() + " s");
            }
            if (interrupted || lateInterrupt) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * Runs a clean-up step on the target's session; one cut off by an interrupt that arrived during the clean-up
     * (a cancellation just as the job ended its work) runs once more, the interrupt being kept for afterwards.
     */
    private void cleanUpStep(java.util.function.Function<RemoteFiles, Void> step) {
        try {
            remote(step);
        } catch (ZopeSyncException e) {
            if (!Thread.interrupted()) {
                throw e;
            }
            lateInterrupt = true;
            remote(step);
        }
    }

    private void writeSaved(List<ManifestEntry> saved) {
        if (saved.isEmpty()) {
            return;
        }
        Path dir = Bundle.replacedDir(run.getBundleDir(), target.getName(), run.getRunId());
        Bundle.writeManifest(dir, new Manifest(Manifest.FORMAT_VERSION, target.getName(),
                target.getZope().getUrl().toString(), Instant.now().toString(), run.getRunId(), saved));
    }

    private List<ObjectResult> notChanged() {
        List<ObjectResult> objects = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            objects.add(result(feed.readyOrPlanned(i), Outcome.NOT_CHANGED, 0, null));
        }
        return objects;
    }

    private static ObjectResult skippedResult(List<ObjectResult> skipped, PushItem item) {
        return skipped.stream().filter(r -> r.path().equals(item.label())).findFirst().orElse(null);
    }

    private static ObjectResult result(PushItem item, Outcome outcome, long millis, String message) {
        return new ObjectResult(item.label(), item.targetFolder().toString(), item.id(), outcome,
                Math.max(item.size(), 0), millis, message);
    }

    private static void checkCancelled() {
        if (Thread.currentThread().isInterrupted()) {
            throw new ZopeSyncException("cancelled");
        }
    }

    private static String message(Throwable e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    private static long millisSince(long started) {
        return (System.nanoTime() - started) / 1_000_000L;
    }

    /** A failure on one object of the target. */
    private static final class TargetFailure extends ZopeSyncException {
        private static final long serialVersionUID = 1L;
        private final transient PushItem item;

        TargetFailure(PushItem item, String message, Throwable cause) {
            super(message, cause);
            this.item = item;
        }
    }
}
