package io.zopesync.core.internal;

import io.zopesync.core.internal.TargetSession.Opening;
import io.zopesync.core.internal.TransactionReport.Committed;
import io.zopesync.core.internal.TransactionReport.Left;
import io.zopesync.core.internal.TransactionReport.NotRestored;
import io.zopesync.core.internal.TransactionReport.RolledBack;
import io.zopesync.core.internal.UploadStage.Staged;
import io.zopesync.core.kernel.SyncLog;
import io.zopesync.core.kernel.ZopeSyncException;
import io.zopesync.core.model.Environment;
import io.zopesync.core.model.SyncListener;
import io.zopesync.core.result.ObjectResult;
import io.zopesync.core.result.Outcome;
import io.zopesync.core.result.TargetResult;
import io.zopesync.core.result.TargetResult.Status;
import io.zopesync.core.zope.ZopeApi;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The work on one target, all or nothing, in steps that each return a value: hold the target
 * ({@link TargetSession}: its lock with a heartbeat, and the clean-up), recover dead runs ({@link Recovery}), check
 * which objects exist and upload each file as soon as it is exported ({@link UploadStage}), then change the target
 * ({@link Transaction}: journal, backups, imports, checks, commit or roll back). A failed export ends the job
 * before any change. Uploaded files, the journal and the lock are removed whatever happened. This class turns the
 * steps' values into the target's result and its one message.
 *
 * <p><b>Crash safety.</b> Before each change the journal is written to the import directory, and once every
 * object is in place it is marked committed; while the job works, {@link TargetLock} keeps a heartbeat in the lock
 * file. A run that dies leaves both behind, and a later run that finds the lock without heartbeat takes it over and
 * puts the target back with {@link Recovery}.
 *
 * <p><b>Retries.</b> SSH operations that may run twice (uploads to a temporary name, journal writes, removals) are
 * tried again on a fresh session after a transport failure ({@link TargetSession#remote}); Zope changes never
 * are: after a call without an answer the transaction looks whether it happened.
 */
final class TargetJob {
    private final Environment target;
    private final String name;
    private final ItemFeed feed;
    /** The items as planned; {@link ItemFeed#readyOrPlanned(int)} has them with their files once exported. */
    private final List<PushItem> items;
    private final RunContext run;
    private final Connections connections;
    private final SyncListener listener;
    private final long started = System.nanoTime();

    TargetJob(Environment target, ItemFeed feed, RunContext run, Connections connections) {
        this.target = target;
        this.name = target.getName();
        this.feed = feed;
        this.items = feed.planned();
        this.run = run;
        this.connections = connections;
        this.listener = run.getListener();
    }

    TargetResult execute() {
        listener.phase(SyncListener.Phase.TARGET, name);
        Opening opening = TargetSession.open(target, feed, run, connections);
        TargetResult result = opening instanceof Opening.Held held ? work(held.session())
                : stopped(((Opening.NotHeld) opening).stop(), List.of(), new Recovery.Result.Recovered(List.of(),
                        List.of()));
        // A target stopped by the failed export is not reported: the engine reports the export's failure.
        if (!feed.isFailed()) {
            listener.targetDone(result);
        }
        return result;
    }

    /** The steps with the target held; the session and the background checks end before the result is returned. */
    private TargetResult work(TargetSession session) {
        TargetResult result;
        UndoFiles undoFiles = new UndoFiles(name, run);
        try (session; Background background = new Background(name,
                run.getOptions().getTimeouts().getRead().plusSeconds(1), listener)) {
            ZopeApi zope;
            Recovery.Result recovery;
            try {
                zope = connections.zope(target);
                recovery = new Recovery(session.files(), session.getImportDir(), zope, run.getRunId(), listener,
                        name).recoverAll();
            } catch (RuntimeException e) {
                return stopped(new Stop.Failed(Failure.ofTarget(Failure.message(e))), List.of(),
                        new Recovery.Result.Recovered(List.of(), List.of()));
            }
            if (recovery instanceof Recovery.Result.NotRecovered failed) {
                return notRecovered(failed);
            }
            Recovery.Result.Recovered recovered = (Recovery.Result.Recovered) recovery;
            Staged staged = new UploadStage(name, feed, session, zope, run, background).run();
            if (staged instanceof Staged.Stopped stopped) {
                return stopped(stopped.stop(), stopped.skipped(), recovered);
            }
            Staged.Ready ready = (Staged.Ready) staged;
            TransactionReport report = new Transaction(name, ready.items(), zope, session, run, background,
                    undoFiles).run(ready.work(), ready.existing());
            if (report instanceof Committed) {
                record(session, zope, ready.work().stream().map(ready.items()::get).toList());
            } else {
                refreshRecords(session, zope, ready, report);
                if (report instanceof NotRestored notRestored && notRestored.journalKept()) {
                    session.keepJournal();
                }
            }
            result = reported(report, ready.skipped(), recovered, undoFiles);
        }
        undoFiles.writeManifest(target.getZope().getUrl().toString());
        return result;
    }

    /** Records what this push imported, for a later status; a failure to do so is only a warning. */
    private void record(TargetSession session, ZopeApi zope, List<PushItem> imported) {
        try {
            PushRecorder.record(session.files(), session.getImportDir(), zope, run.getRunId(), imported, listener,
                    name);
        } catch (ZopeSyncException e) {
            listener.warn("target '" + name + "': the record of this push could not be written: " + e.getMessage());
        }
    }

    /**
     * After a rollback: the records of the objects that were put back (or never touched) get their trees anew, so
     * that the renames back from the backups do not look like edits by hand.
     */
    private void refreshRecords(TargetSession session, ZopeApi zope, Staged.Ready ready, TransactionReport report) {
        List<Integer> asBefore = new ArrayList<>();
        for (int index : ready.work()) {
            ObjectResult result = report.objects().get(index);
            if (result == null || result.outcome() != Outcome.NOT_RESTORED) {
                asBefore.add(index);
            }
        }
        PushRecorder.refresh(session.files(), session.getImportDir(), zope,
                ready.before().unchangedSincePush(asBefore), listener, name);
    }

    /** The result of a job stopped before its transaction: nothing of this run was changed. */
    private TargetResult stopped(Stop stop, List<ObjectResult> skipped, Recovery.Result.Recovered recovered) {
        if (stop instanceof Stop.Cancelled) {
            return new TargetResult(name, Status.FAILED, objects(Map.of(), skipped, Optional.empty()), "target '"
                    + name + "': cancelled before it was touched", millisSince(started));
        }
        if (stop instanceof Stop.NotExported || feed.isFailed()) {
            return new TargetResult(name, Status.FAILED, objects(Map.of(), List.of(), Optional.empty()), "target '"
                    + name + "': the export failed; nothing on the target was changed", millisSince(started));
        }
        Failure failure = ((Stop.Failed) stop).failure();
        return failed(Status.FAILED, failure.reason(name, items) + "; nothing on the target was changed",
                objects(Map.of(), skipped, Optional.of(failure)), recovered);
    }

    /** A dead run's changes could not all be undone: this run changes nothing. */
    private TargetResult notRecovered(Recovery.Result.NotRecovered recovery) {
        TargetResult result = new TargetResult(name, Status.NOT_RESTORED, objects(Map.of(), List.of(),
                Optional.empty()), "target '" + name + "': " + recovery.message() + "; nothing of this run was changed",
                millisSince(started), recovery.steps());
        listener.log(SyncLog.Level.ERROR, result.message());
        return result;
    }

    /** The result of a job whose transaction ran. */
    private TargetResult reported(TransactionReport report, List<ObjectResult> skipped,
            Recovery.Result.Recovered recovered, UndoFiles undoFiles) {
        if (report instanceof Committed committed) {
            List<String> notes = new ArrayList<>(recovered.notes());
            if (!committed.backupsLeft().isEmpty()) {
                notes.add("backups kept: " + Listing.few(committed.backupsLeft(), Listing.FEW, ", "));
            }
            long unchanged = skipped.stream().filter(object -> object.outcome() == Outcome.UNCHANGED).count();
            listener.info("target '" + name + "': synced " + items.size() + " object(s)"
                    + (unchanged == 0 ? "" : ", " + unchanged + " of them unchanged"));
            return new TargetResult(name, Status.SYNCED, objects(report.objects(), skipped, Optional.empty()),
                    notes.isEmpty() ? null : String.join("; ", notes), millisSince(started), recovered.steps());
        }
        if (report instanceof RolledBack rolledBack) {
            Failure failure = rolledBack.failure();
            return failed(Status.FAILED, failure.reason(name, items) + (rolledBack.changed()
                    ? "; the target was restored to its state before the run" : "; nothing on the target was changed"),
                    objects(report.objects(), skipped, Optional.of(failure)), recovered);
        }
        NotRestored notRestored = (NotRestored) report;
        Failure failure = notRestored.failure();
        // When Zope stops answering, every object fails for much the same reason: only the first one's is said.
        List<Left> left = notRestored.left();
        String message = failure.reason(name, items) + "; RESTORE FAILED for " + left.size() + " object(s): "
                + Listing.few(left.stream().map(Left::where).toList(), Listing.FEW, ", ")
                + (left.size() > 1 ? " (each object's result says what is left of it and why); the first: "
                        : ": ") + left.get(0).error()
                + (run.getOptions().isSaveReplaced() ? "; the replaced objects are saved in " + undoFiles.dir() : "")
                + (notRestored.journalKept() ? "; the journal " + Journal.fileName(run.getRunId()) + " stays in the"
                        + " import directory, so that the next run puts the target back" : "");
        return failed(Status.NOT_RESTORED, message, objects(report.objects(), skipped, Optional.of(failure)),
                recovered);
    }

    /** A failed target's result, with what was recovered before it; logged as an error. */
    private TargetResult failed(Status status, String message, List<ObjectResult> objects,
            Recovery.Result.Recovered recovered) {
        String full = recovered.notes().isEmpty() ? message
                : message + " (before this run: " + String.join("; ", recovered.notes()) + ")";
        listener.log(SyncLog.Level.ERROR, full);
        return new TargetResult(name, status, objects, full, millisSince(started), recovered.steps());
    }

    /**
     * Every item's result in the run's order: the transaction's, a skipped one's, the failed one's, or not
     * changed.
     */
    private List<ObjectResult> objects(Map<Integer, ObjectResult> changed, List<ObjectResult> skipped,
            Optional<Failure> failure) {
        List<ObjectResult> objects = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            PushItem item = feed.readyOrPlanned(i);
            Optional<ObjectResult> skip = skipped.stream().filter(r -> r.path().equals(item.label())).findFirst();
            if (changed.containsKey(i)) {
                objects.add(changed.get(i));
            } else if (skip.isPresent()) {
                objects.add(skip.get());
            } else if (failure.isPresent() && failure.get().isAt(item)) {
                objects.add(result(item, Outcome.FAILED, 0, failure.get().cause()));
            } else {
                objects.add(result(item, Outcome.NOT_CHANGED, 0, null));
            }
        }
        return objects;
    }

    static ObjectResult result(PushItem item, Outcome outcome, long millis, String message) {
        return result(item, outcome, millis, message, null);
    }

    /** @param backup the id of the object's backup if it stays on the target, or {@code null} */
    static ObjectResult result(PushItem item, Outcome outcome, long millis, String message, String backup) {
        return new ObjectResult(item.label(), item.targetFolder().toString(), item.id(), outcome,
                Math.max(item.size(), 0), millis, message, backup);
    }

    private static long millisSince(long started) {
        return (System.nanoTime() - started) / 1_000_000L;
    }
}
