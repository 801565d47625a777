package io.zopesync.core.internal;

import io.zopesync.core.kernel.ZopeSyncException;
import io.zopesync.core.model.OnDrift;
import io.zopesync.core.model.OnExisting;
import io.zopesync.core.model.SyncListener;
import io.zopesync.core.model.SyncListener.TransferKind;
import io.zopesync.core.model.SyncOptions;
import io.zopesync.core.result.ObjectResult;
import io.zopesync.core.result.Outcome;
import io.zopesync.core.zope.ZopeApi;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.Future;

/**
 * What a target does before it changes anything: checks once which objects exist (and applies on-existing), and
 * uploads every file it needs, each as soon as it is exported; with on-existing replace every file is needed, so
 * the check runs while the files upload. A changed-only sync checks first (the objects' trees beside the records
 * of the last push, {@link TargetBefore}): with on-drift refuse, an object changed on the target by hand stops the
 * target here; an object in sync is not uploaded and is reported unchanged. Then it waits for the whole export:
 * nothing changes on a target before every export has succeeded. Used once, by one target job's thread.
 *
 * <p>Runs with the lock held, after the recovery of dead runs, so only somebody working on the target without
 * zope-sync can change the check's answer afterwards: an object that appears meanwhile makes its import fail
 * ("already in use") and is left alone; one that vanishes makes its rename to the backup id fail; either way the
 * transaction puts the target back.
 */
final class UploadStage {

    /** The stage's end: ready for the transaction, or stopped before any change. */
    sealed interface Staged permits Staged.Ready, Staged.Stopped {
        /** The objects left alone because they exist ({@code onExisting: skip}). */
        List<ObjectResult> skipped();

        /**
         * Every needed file is uploaded and the export is complete.
         *
         * @param items the run's items with their files
         * @param work the indexes of the items to import, in order
         * @param existing the indexes of the items whose object exists on the target
         * @param before what the target held before the run, beside the records of the last push
         */
        record Ready(List<PushItem> items, List<Integer> work, Set<Integer> existing, List<ObjectResult> skipped,
                TargetBefore before) implements Staged {
        }

        /** Stopped before any change to the target. */
        record Stopped(Stop stop, List<ObjectResult> skipped) implements Staged {
        }
    }

    /**
     * The check's answer: which items to import, which exist, which were skipped, what the target held (null if
     * the check failed), or why it failed.
     */
    private record Decided(List<Integer> work, Set<Integer> existing, List<ObjectResult> skipped,
            TargetBefore before, Optional<Failure> failure) {
    }

    private final String target;
    private final ItemFeed feed;
    private final List<PushItem> items;
    private final TargetSession session;
    private final ZopeApi zope;
    private final SyncOptions options;
    private final SyncListener listener;
    private final Background background;
    /** The results of the items a changed-only sync leaves alone, by index. */
    private final Map<Integer, ObjectResult> unchanged = new LinkedHashMap<>();

    UploadStage(String target, ItemFeed feed, TargetSession session, ZopeApi zope, RunContext run,
            Background background) {
        this.target = target;
        this.feed = feed;
        this.items = feed.planned();
        this.session = session;
        this.zope = zope;
        this.options = run.getOptions();
        this.listener = run.getListener();
        this.background = background;
    }

    Staged run() {
        Decided decided;
        // A changed-only sync must know what the target holds before it knows which files to upload.
        if (options.getOnExisting() == OnExisting.REPLACE && !options.isChangedOnly()) {
            // Every file is needed whether its object exists or not: upload while checking.
            Future<Decided> checks = background.submit(this::decide);
            List<Integer> all = new ArrayList<>();
            for (int i = 0; i < items.size(); i++) {
                all.add(i);
            }
            Optional<Stop> stopped = upload(all, checks, Optional.empty());
            if (stopped.isPresent()) {
                return new Staged.Stopped(stopped.get(), List.of());
            }
            try {
                decided = Checks.result(checks);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new Staged.Stopped(cancelled(), List.of());
            }
        } else {
            decided = decide();
        }
        if (decided.failure().isPresent()) {
            return new Staged.Stopped(new Stop.Failed(decided.failure().get()), decided.skipped());
        }
        if (options.getOnExisting() != OnExisting.REPLACE || options.isChangedOnly()) {
            Optional<Stop> stopped = upload(decided.work(), null, options.isChangedOnly()
                    ? Optional.of(decided.before()) : Optional.empty());
            if (stopped.isPresent()) {
                return new Staged.Stopped(stopped.get(), leftAlone(decided));
            }
        }
        List<Integer> work = decided.work().stream().filter(index -> !unchanged.containsKey(index)).toList();
        try {
            return new Staged.Ready(feed.awaitAll(), work, decided.existing(), leftAlone(decided), decided.before());
        } catch (ItemFeed.NotExported e) {
            return new Staged.Stopped(new Stop.NotExported(), leftAlone(decided));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Staged.Stopped(cancelled(), leftAlone(decided));
        }
    }

    /** The results of the items left alone: skipped as they exist, or (changed-only) unchanged so far. */
    private List<ObjectResult> leftAlone(Decided decided) {
        List<ObjectResult> results = new ArrayList<>(decided.skipped());
        results.addAll(unchanged.values());
        return results;
    }

    /** Checks, a few objects at once, which objects exist on the target, and applies on-existing. */
    private Decided decide() {
        List<Integer> work = new ArrayList<>();
        Set<Integer> existing = new HashSet<>();
        List<ObjectResult> skipped = new ArrayList<>();
        TargetBefore before;
        try {
            before = TargetBefore.read(session.files(), session.getImportDir(), zope, items, listener, target);
        } catch (RuntimeException e) {
            return new Decided(work, existing, skipped, null, Optional.of(Failure.ofTarget(Failure.message(e))));
        }
        if (options.isChangedOnly() && options.getOnDrift() == OnDrift.REFUSE) {
            Optional<Failure> drift = refuseDrift(before, skipped);
            if (drift.isPresent()) {
                return new Decided(work, existing, skipped, before, drift);
            }
        }
        for (int i = 0; i < items.size(); i++) {
            PushItem item = items.get(i);
            if (before.exists(i)) {
                existing.add(i);
            }
            if (options.getOnExisting() != OnExisting.REPLACE && before.exists(i)) {
                if (options.getOnExisting() == OnExisting.FAIL) {
                    return new Decided(work, existing, skipped, before, Optional.of(Failure.at(item,
                            "it exists already and on-existing is 'fail'; nothing was changed")));
                }
                ObjectResult result = TargetJob.result(item, Outcome.SKIPPED, 0, "exists already; left as it is");
                skipped.add(result);
                listener.objectDone(target, result);
            } else {
                work.add(i);
            }
        }
        return new Decided(work, existing, skipped, before, Optional.empty());
    }

    /**
     * The failure of a changed-only sync that finds objects changed on the target by hand, with on-drift refuse: each
     * such object's result (failed, saying so) is added to {@code results}; nothing is uploaded or changed.
     */
    private Optional<Failure> refuseDrift(TargetBefore before, List<ObjectResult> results) {
        List<String> drifted = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            if (before.isDrift(i)) {
                PushItem item = items.get(i);
                PushRecords.Entry entry = before.record(i).orElseThrow();
                String push = "run " + entry.run() + entry.pushedAt()
                        .map(at -> " at " + at.truncatedTo(ChronoUnit.SECONDS)).orElse("");
                drifted.add(item.destination() + " (pushed by " + push + ")");
                ObjectResult result = TargetJob.result(item, Outcome.FAILED, 0, "changed on the target by hand since"
                        + " zope-sync pushed it (" + push + "): its contents, children, sizes or modification times"
                        + " differ; on-drift is 'refuse'");
                results.add(result);
                listener.objectDone(target, result);
            }
        }
        if (drifted.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(Failure.ofTarget(drifted.size() + " object(s) were changed on the target by hand since"
                + " the last push, and on-drift is 'refuse': " + Listing.few(drifted, Listing.FEW, ", ")
                + "; push with on-drift 'overwrite' to replace them (they are kept as undo files)"));
    }

    /**
     * Uploads the files of the items at {@code indexes}, each as soon as it is exported; stops early if the checks
     * running alongside ({@code checks}, or {@code null}) failed. With {@code leaveInSync}, an item that is in sync
     * on the target by what it held before is not uploaded but noted as unchanged.
     */
    private Optional<Stop> upload(List<Integer> indexes, Future<Decided> checks, Optional<TargetBefore> leaveInSync) {
        String dir = session.getImportDir();
        for (int index : indexes) {
            if (Thread.currentThread().isInterrupted()) {
                return Optional.of(cancelled());
            }
            if (checks != null && checks.isDone()) {
                Optional<Failure> failed = Checks.resultNow(checks).failure();
                if (failed.isPresent()) {
                    return Optional.of(new Stop.Failed(failed.get()));
                }
            }
            PushItem item;
            try {
                item = feed.await(index);
            } catch (ItemFeed.NotExported e) {
                return Optional.of(new Stop.NotExported());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Optional.of(cancelled());
            }
            if (leaveInSync.isPresent() && leaveInSync.get().state(index, item.sha256()).isInSync()) {
                ObjectResult result = TargetJob.result(item, Outcome.UNCHANGED, 0, "in sync; left as it is");
                unchanged.put(index, result);
                listener.objectDone(target, result);
                continue;
            }
            Throttle progress = new Throttle(listener, target, TransferKind.UPLOAD, item.label(), item.size());
            session.uploading(item.remoteName());
            try {
                session.remote(files -> files.upload(item.file(), dir, item.remoteName(), progress));
            } catch (ZopeSyncException e) {
                session.uploadFailed(item.remoteName());
                return Optional.of(new Stop.Failed(Failure.at(item, "upload failed: " + e.getMessage())));
            }
            progress.finish(item.size());
        }
        return Optional.empty();
    }

    private static Stop cancelled() {
        return new Stop.Failed(Failure.ofTarget("cancelled"));
    }
}
