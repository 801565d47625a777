package io.zopesync.core.internal;

import io.zopesync.core.Environment;
import io.zopesync.core.ObjectPath;
import io.zopesync.core.OnExisting;
import io.zopesync.core.SyncListener;
import io.zopesync.core.SyncListener.TransferKind;
import io.zopesync.core.SyncOptions;
import io.zopesync.core.ZopeSyncException;
import io.zopesync.core.bundle.Bundle;
import io.zopesync.core.bundle.Manifest;
import io.zopesync.core.bundle.ManifestEntry;
import io.zopesync.core.result.ObjectResult;
import io.zopesync.core.result.Outcome;
import io.zopesync.core.result.TargetResult;
import io.zopesync.core.result.TargetResult.Status;
import io.zopesync.core.ssh.RemoteFiles;
import io.zopesync.core.ssh.SshSettings;
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
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The work on one target, all or nothing: lock, upload, then per object keep the existing one as a backup
 * (renamed, and saved into the bundle), import, check; on any failure restore every object from its backup.
 * Backups are deleted only when the whole target succeeded. Uploaded files and the lock are removed whatever
 * happened.
 */
final class TargetJob {
    private final Environment target;
    private final List<PushItem> items;
    private final RunContext run;
    private final Connections connections;
    private final SyncListener listener;
    private final SyncOptions options;

    /** What was changed on the target for one object, to undo it. */
    private static final class Change {
        final PushItem item;
        String backupId;
        boolean imported;
        Outcome outcome;
        long millis;

        Change(PushItem item) {
            this.item = item;
        }
    }

    TargetJob(Environment target, List<PushItem> items, RunContext run, Connections connections) {
        this.target = target;
        this.items = List.copyOf(items);
        this.run = run;
        this.connections = connections;
        this.listener = run.getListener();
        this.options = run.getOptions();
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
        RemoteFiles files = null;
        TargetLock lock = null;
        TargetResult result;
        try {
            directory.lockInterruptibly();
            try {
                ZopeApi zope = connections.zope(target);
                files = connections.ssh(target);
                TargetLock candidate = new TargetLock(files, ssh.getImportDir());
                candidate.acquire(run.getHolder(), run.getRunId(), options.getTimeouts().getLockWait());
                lock = candidate;
                listener.info("target '" + name + "': locked " + ssh.getImportDir() + " on " + files.getEndpoint());

                List<PushItem> work = decide(zope, skipped);
                for (PushItem item : work) {
                    checkCancelled();
                    Throttle progress = new Throttle(listener, name, TransferKind.UPLOAD, item.label(), item.size());
                    uploaded.add(item.remoteName());
                    files.upload(item.file(), ssh.getImportDir(), item.remoteName(), progress);
                    progress.finish(item.size());
                }
                for (PushItem item : work) {
                    checkCancelled();
                    Change change = new Change(item);
                    changes.add(change);
                    apply(zope, change, saved);
                }
                result = succeed(zope, changes, skipped, started);
            } catch (Exception e) {
                result = fail(changes, skipped, e, started);
            } finally {
                cleanUp(files, uploaded, lock);
                writeSaved(saved);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            result = new TargetResult(name, Status.FAILED, notChanged(null), "target '" + name
                    + "': cancelled before it was touched", millisSince(started));
        } finally {
            if (directory.isHeldByCurrentThread()) {
                directory.unlock();
            }
        }
        listener.targetDone(result);
        return result;
    }

    /** Checks what exists, applying on-existing; returns the items to upload and import. */
    private List<PushItem> decide(ZopeApi zope, List<ObjectResult> skipped) {
        List<PushItem> work = new ArrayList<>();
        for (PushItem item : items) {
            if (options.getOnExisting() != OnExisting.REPLACE && zope.exists(item.destination())) {
                if (options.getOnExisting() == OnExisting.FAIL) {
                    throw new TargetFailure(item, "it exists already and on-existing is 'fail'; nothing was"
                            + " changed", null);
                }
                ObjectResult result = result(item, Outcome.SKIPPED, 0, "exists already; left as it is");
                skipped.add(result);
                listener.objectDone(target.getName(), result);
            } else {
                work.add(item);
            }
        }
        return work;
    }

    private void apply(ZopeApi zope, Change change, List<ManifestEntry> saved) {
        PushItem item = change.item;
        long started = System.nanoTime();
        ObjectPath destination = item.destination();
        try {
            if (zope.exists(destination)) {
                if (options.isSaveReplaced()) {
                    saved.add(saveReplaced(zope, item, saved.size() + 1));
                }
                String backupId = backupId(item.id());
                zope.rename(item.targetFolder(), item.id(), backupId);
                change.backupId = backupId;
            }
            checkCancelled();
            importFile(zope, change);
            if (!zope.exists(destination)) {
                throw new ZopeSyncException("Zope answered the import, but " + destination + " does not exist");
            }
        } catch (TargetFailure e) {
            throw e;
        } catch (RuntimeException e) {
            throw new TargetFailure(item, e.getMessage(), e);
        }
        change.millis = millisSince(started);
        change.outcome = change.backupId == null ? Outcome.IMPORTED : Outcome.REPLACED;
        listener.objectDone(target.getName(), result(item, change.outcome, change.millis, null));
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
            if (e.getKind() == ZopeException.Kind.TRANSPORT && importedAnyway(zope, change)) {
                change.imported = true;
            }
            throw e;
        }
    }

    private boolean importedAnyway(ZopeApi zope, Change change) {
        try {
            return zope.exists(change.item.destination());
        } catch (ZopeSyncException e) {
            listener.warn("target '" + target.getName() + "': cannot tell whether " + change.item.destination()
                    + " was imported: " + e.getMessage());
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
        List<ObjectResult> objects = new ArrayList<>();
        for (PushItem item : items) {
            ObjectResult result = skippedResult(skipped, item);
            if (result == null) {
                Change change = changes.stream().filter(c -> c.item == item).findFirst().orElseThrow();
                result = result(item, change.outcome, change.millis, null);
            }
            objects.add(result);
        }
        String message = leftBackups.isEmpty() ? null : "backups kept: " + String.join(", ", leftBackups);
        listener.info("target '" + target.getName() + "': synced " + items.size() + " object(s)");
        return new TargetResult(target.getName(), Status.SYNCED, objects, message, millisSince(started));
    }

    private TargetResult fail(List<Change> changes, List<ObjectResult> skipped, Exception cause, long started) {
        boolean interrupted = Thread.interrupted() || cause instanceof InterruptedException;
        String name = target.getName();
        PushItem failed = cause instanceof TargetFailure ? ((TargetFailure) cause).item : null;
        String reason = failed == null
                ? "target '" + name + "': " + (cause instanceof InterruptedException ? "cancelled" : message(cause))
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
        for (PushItem item : items) {
            ObjectResult result = skippedResult(skipped, item);
            if (result == null) {
                Change change = changes.stream().filter(c -> c.item == item).findFirst().orElse(null);
                if (item == failed) {
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
            message = reason + "; RESTORE FAILED for " + String.join("; ", notRestored)
                    + (options.isSaveReplaced() ? "; the replaced objects are saved in "
                    + Bundle.replacedDir(run.getBundleDir(), name, run.getRunId()) : "");
        }
        listener.log(io.zopesync.core.SyncLog.Level.ERROR, message);
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        return new TargetResult(name, status, objects, message, millisSince(started));
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

    private void cleanUp(RemoteFiles files, List<String> uploaded, TargetLock lock) {
        if (files == null) {
            return;
        }
        String dir = target.getSsh().orElseThrow().getImportDir();
        boolean interrupted = Thread.interrupted();
        for (String name : uploaded) {
            try {
                files.remove(dir, name);
            } catch (ZopeSyncException e) {
                listener.warn("target '" + target.getName() + "': cannot remove the uploaded file " + dir + "/"
                        + name + ": " + e.getMessage());
            }
        }
        if (lock != null) {
            try {
                lock.release();
            } catch (ZopeSyncException e) {
                listener.warn("target '" + target.getName() + "': cannot remove the lock file " + dir + "/"
                        + TargetLock.FILE + ": " + e.getMessage());
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
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

    private List<ObjectResult> notChanged(String message) {
        List<ObjectResult> objects = new ArrayList<>();
        for (PushItem item : items) {
            objects.add(result(item, Outcome.NOT_CHANGED, 0, message));
        }
        return objects;
    }

    private static ObjectResult skippedResult(List<ObjectResult> skipped, PushItem item) {
        return skipped.stream().filter(r -> r.path().equals(item.label())).findFirst().orElse(null);
    }

    private static ObjectResult result(PushItem item, Outcome outcome, long millis, String message) {
        return new ObjectResult(item.label(), item.targetFolder().toString(), item.id(), outcome, item.size(),
                millis, message);
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
