package io.zopesync.core.internal;

import io.zopesync.core.bundle.Bundle;
import io.zopesync.core.bundle.Manifest;
import io.zopesync.core.bundle.ManifestEntry;
import io.zopesync.core.kernel.InvalidInputException;
import io.zopesync.core.kernel.ObjectPath;
import io.zopesync.core.kernel.ZopeSyncException;
import io.zopesync.core.model.Environment;
import io.zopesync.core.model.ObjectSpec;
import io.zopesync.core.model.OnExisting;
import io.zopesync.core.model.PushRequest;
import io.zopesync.core.model.SyncListener;
import io.zopesync.core.model.SyncListener.Phase;
import io.zopesync.core.model.SyncListener.TransferKind;
import io.zopesync.core.model.SyncOptions;
import io.zopesync.core.model.SyncRequest;
import io.zopesync.core.result.ObjectResult;
import io.zopesync.core.result.Outcome;
import io.zopesync.core.result.SyncResult;
import io.zopesync.core.result.TargetResult;
import io.zopesync.core.ssh.SshConnector;
import io.zopesync.core.status.StatusResult;
import io.zopesync.core.ssh.SshSettings;
import io.zopesync.core.zexp.ZexpFormatException;
import io.zopesync.core.zexp.ZexpInfo;
import io.zopesync.core.zexp.ZexpReader;
import io.zopesync.core.zope.ExportedFile;
import io.zopesync.core.zope.ZopeApi;
import io.zopesync.core.zope.ZopeResource;
import io.zopesync.core.zope.ZopeConnector;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * Runs syncs, promotions and restores in the order of the design: plan, preflight, export (or verify the
 * bundle), the targets in parallel, report. Behind {@link io.zopesync.core.ZopeSync}; not an API of its own.
 */
public final class Engine {
    /** The most exports downloaded from a source at once. */
    static final int MAX_PARALLEL_EXPORTS = 4;
    /** How long a cancelled run waits for its targets to restore and clean up. */
    private static final long CANCEL_WAIT_MINUTES = 10;

    private final ZopeConnector zopeConnector;
    private final SshConnector sshConnector;

    public Engine(ZopeConnector zopeConnector, SshConnector sshConnector) {
        this.zopeConnector = zopeConnector;
        this.sshConnector = sshConnector;
    }

    /** A sync: export from the source into a new bundle, then push to every target (an export: to none). */
    public SyncResult sync(SyncRequest request, SyncListener listener) {
        String started = Instant.now().toString();
        SyncOptions options = request.getOptions();
        String kind = request.getTargets().isEmpty() ? "export" : "sync";
        listener.phase(Phase.PLAN, null);
        Path bundleDir = request.getBundleDir();
        if (!options.isDryRun()) {
            checkBundleDir(bundleDir);
        }
        RunContext run = new RunContext(request.getHolder(), options, listener, bundleDir);
        List<ObjectSpec> objects = request.getObjects();
        List<PushItem> planned = new ArrayList<>();
        for (int i = 0; i < objects.size(); i++) {
            ObjectSpec spec = objects.get(i);
            planned.add(new PushItem(spec.getPath().toString(), spec.getTargetFolder(), spec.getPath().getId(),
                    null, -1, run.remoteName(i + 1), ""));
        }
        Map<Environment, List<PushItem>> plan = plan(request.getTargets(), planned);
        listener.info("run " + run.getRunId() + ": " + objects.size() + " object(s) from '"
                + request.getSource().getName() + "' to " + names(request.getTargets()));
        try (Connections connections = new Connections(zopeConnector, sshConnector, options, listener)) {
            listener.phase(Phase.PREFLIGHT, null);
            List<String> problems = preflight(connections, request.getSource(), objects, plan, run);
            if (!problems.isEmpty() || options.isDryRun()) {
                // No bundle was made: nothing was exported.
                return finish(run, kind, request.getSource().getName(), null, started, problems,
                        problems.isEmpty() ? dryRun(connections, plan, run) : List.of());
            }
            createBundleDir(bundleDir);
            listener.phase(Phase.EXPORT, null);
            // The targets start now: they lock, check and upload while the export runs, and change nothing
            // before every export has succeeded.
            ItemFeed feed = new ItemFeed(planned);
            Map<Environment, ItemFeed> feeds = new LinkedHashMap<>();
            request.getTargets().forEach(target -> feeds.put(target, feed));
            TargetRuns<TargetResult> targets = startTargets(connections, feeds, run);
            try {
                export(connections, request.getSource(), objects, planned, run, feed);
            } catch (ZopeSyncException e) {
                // The targets stop at their next wait for a file or a lock; none has changed anything, and each
                // cleans up what it uploaded.
                feed.fail(e);
                targets.await();
                return finish(run, kind, request.getSource().getName(), started, List.of(e.getMessage()),
                        List.of());
            }
            return finish(run, kind, request.getSource().getName(), started, List.of(), targets.await());
        }
    }

    /** What every target holds of the request's objects; changes nothing, writes no bundle. */
    public StatusResult status(SyncRequest request, SyncListener listener) {
        listener.phase(Phase.PLAN, null);
        try (Connections connections = new Connections(zopeConnector, sshConnector, request.getOptions(),
                listener)) {
            return new StatusRun(connections, listener).run(request.getSource(), request.getTargets(),
                    request.getObjects());
        }
    }

    /** A promotion or restore from an existing bundle. */
    public SyncResult push(PushRequest request, SyncListener listener) {
        String started = Instant.now().toString();
        SyncOptions options = request.getOptions();
        String kind = request.getMode() == PushRequest.Mode.PROMOTE ? "promote" : "restore";
        listener.phase(Phase.PLAN, null);
        RunContext run = new RunContext(request.getHolder(), options, listener, request.getBundleDir());
        listener.phase(Phase.VERIFY_BUNDLE, null);
        Map<Environment, List<PushItem>> plan = new LinkedHashMap<>();
        String source;
        try {
            if (request.getMode() == PushRequest.Mode.PROMOTE) {
                Manifest manifest = Bundle.verify(request.getBundleDir());
                source = manifest.source();
                List<PushItem> items = items(request.getBundleDir(), manifest, run);
                plan = plan(request.getTargets(), items);
            } else {
                source = "replaced objects";
                for (Environment target : request.getTargets()) {
                    Path dir = Bundle.latestReplaced(request.getBundleDir(), target.getName());
                    plan.put(target, items(dir, Bundle.readManifest(dir), run));
                }
            }
        } catch (ZopeSyncException e) {
            return finish(run, kind, "bundle", started, List.of(e.getMessage()), List.of());
        }
        listener.info("run " + run.getRunId() + ": " + kind + " " + request.getBundleDir() + " to "
                + names(request.getTargets()));
        try (Connections connections = new Connections(zopeConnector, sshConnector, options, listener)) {
            listener.phase(Phase.PREFLIGHT, null);
            List<String> problems = checkTargets(connections, plan, run);
            if (!problems.isEmpty() || options.isDryRun()) {
                return finish(run, kind, source, started, problems,
                        problems.isEmpty() ? dryRun(connections, plan, run) : List.of());
            }
            Map<Environment, ItemFeed> feeds = new LinkedHashMap<>();
            plan.forEach((target, items) -> feeds.put(target, ItemFeed.ready(items)));
            return finish(run, kind, source, started, List.of(), startTargets(connections, feeds, run).await());
        }
    }

    /** Refuses, before anything is contacted, a bundle directory that is a file or not empty. */
    private static void checkBundleDir(Path dir) {
        try {
            if (Files.exists(dir)) {
                if (!Files.isDirectory(dir)) {
                    throw InvalidInputException.of("bundle directory is a file: %s", dir);
                }
                try (Stream<Path> entries = Files.list(dir)) {
                    if (entries.findAny().isPresent()) {
                        throw InvalidInputException.of("bundle directory must be new or empty: %s", dir);
                    }
                }
            }
        } catch (IOException e) {
            throw new ZopeSyncException("cannot read the bundle directory " + dir + ": " + e.getMessage(), e);
        }
    }

    /** Creates the bundle directory once the preflight has passed. */
    private static void createBundleDir(Path dir) {
        try {
            Files.createDirectories(dir.resolve(Bundle.OBJECTS));
        } catch (IOException e) {
            throw new ZopeSyncException("cannot create the bundle directory " + dir + ": " + e.getMessage(), e);
        }
    }

    private static Map<Environment, List<PushItem>> plan(List<Environment> targets, List<PushItem> items) {
        Map<Environment, List<PushItem>> plan = new LinkedHashMap<>();
        targets.forEach(target -> plan.put(target, items));
        return plan;
    }

    /** Turns a verified manifest's entries into items, checking each file's structure and id. */
    private static List<PushItem> items(Path dir, Manifest manifest, RunContext run) {
        List<PushItem> items = new ArrayList<>();
        List<ManifestEntry> entries = manifest.objects();
        for (int i = 0; i < entries.size(); i++) {
            ManifestEntry entry = entries.get(i);
            Path file = dir.resolve(entry.file());
            ZexpInfo info = ZexpReader.read(file);
            if (!entry.id().equals(info.id())) {
                throw new ZopeSyncException("bundle file " + file + " holds object '" + info.id()
                        + "', but the manifest says '" + entry.id() + "'");
            }
            items.add(new PushItem(entry.path(), ObjectPath.parse("target folder", entry.targetFolder()),
                    entry.id(), file, entry.size(), run.remoteName(i + 1), entry.sha256()));
        }
        return items;
    }

    /**
     * Checks the source and the targets at the same time and returns every problem found, the source's first.
     * A cancelled check is a problem too.
     */
    private List<String> preflight(Connections connections, Environment source, List<ObjectSpec> objects,
            Map<Environment, List<PushItem>> plan, RunContext run) {
        ExecutorService pool = Executors.newSingleThreadExecutor(threads("zope-sync-preflight"));
        try {
            Future<List<String>> sourceProblems = pool.submit(() -> checkSource(connections, source, objects));
            List<String> targetProblems = checkTargets(connections, plan, run);
            List<String> problems = new ArrayList<>();
            try {
                problems.addAll(Checks.result(sourceProblems));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                problems.add("source '" + source.getName() + "': cancelled");
            }
            problems.addAll(targetProblems);
            return problems;
        } finally {
            pool.shutdownNow();
        }
    }

    private static List<String> checkSource(Connections connections, Environment source, List<ObjectSpec> objects) {
        List<String> problems = new ArrayList<>();
        String name = "source '" + source.getName() + "': ";
        try {
            ZopeApi zope = connections.zope(source);
            zope.checkLogin();
            List<Boolean> found = Checks.each(objects, object -> zope.exists(object.getPath()));
            for (int i = 0; i < objects.size(); i++) {
                if (!found.get(i)) {
                    problems.add(name + "object " + objects.get(i).getPath() + " does not exist");
                }
            }
        } catch (ZopeSyncException e) {
            problems.add(name + e.getMessage() + notPushed(objects.stream().map(o -> o.getPath().toString()).toList()));
        }
        return problems;
    }

    /** {@code "; not pushed: /a, /b"}: the objects a problem of a whole server stops, at most five named. */
    static String notPushed(List<String> objects) {
        List<String> named = objects.size() > 5 ? objects.subList(0, 5) : objects;
        return "; not pushed: " + String.join(", ", named) + (objects.size() > 5 ? " and " + (objects.size() - 5)
                + " more" : "");
    }

    private List<String> checkTargets(Connections connections, Map<Environment, List<PushItem>> plan,
            RunContext run) {
        List<Callable<List<String>>> checks = new ArrayList<>();
        plan.forEach((target, items) -> checks.add(() -> checkTarget(connections, target, items, run)));
        List<String> problems = new ArrayList<>();
        for (List<String> found : runAll(checks, run, targetName -> List.of(targetName + ": cancelled"),
                new ArrayList<>(plan.keySet()))) {
            problems.addAll(found);
        }
        return problems;
    }

    /** Checks one target's Zope and, at the same time, its SSH login and import directory. */
    private static List<String> checkTarget(Connections connections, Environment target, List<PushItem> items,
            RunContext run) {
        List<String> problems = new ArrayList<>();
        String name = "target '" + target.getName() + "': ";
        SshSettings ssh = target.getSsh().orElseThrow();
        ExecutorService pool = Executors.newSingleThreadExecutor(threads("zope-sync-preflight-ssh"));
        Future<String> sshProblem = pool.submit(() -> {
            try {
                connections.ssh(target).checkWritableDirectory(ssh.getImportDir());
                return null;
            } catch (ZopeSyncException e) {
                return name + e.getMessage() + notPushed(labels(items));
            }
        });
        pool.shutdown();
        try {
            ZopeApi zope = connections.zope(target);
            zope.checkLogin();
            Set<ObjectPath> distinct = new LinkedHashSet<>();
            items.forEach(item -> distinct.add(item.targetFolder()));
            List<ObjectPath> folders = distinct.stream().filter(folder -> !folder.isRoot()).toList();
            List<ZopeResource> found = Checks.each(folders, zope::describe);
            for (int i = 0; i < folders.size(); i++) {
                if (!found.get(i).isExisting()) {
                    problems.add(name + "folder " + folders.get(i) + " does not exist");
                } else if (!found.get(i).isFolder()) {
                    // Zope would acquire the import from the object's folder and import there instead.
                    problems.add(name + "target folder " + folders.get(i) + " is " + found.get(i).describe()
                            + "; give the path of a folder");
                }
            }
            if (problems.isEmpty() && run.getOptions().getOnExisting() == OnExisting.FAIL) {
                List<Boolean> existing = Checks.each(items, item -> zope.exists(item.destination()));
                for (int i = 0; i < items.size(); i++) {
                    if (existing.get(i)) {
                        problems.add(name + "object " + items.get(i).destination()
                                + " exists already and on-existing is 'fail'");
                    }
                }
            }
        } catch (ZopeSyncException e) {
            problems.add(name + e.getMessage() + notPushed(labels(items)));
        }
        try {
            String problem = Checks.result(sshProblem);
            if (problem != null) {
                problems.add(problem);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            problems.add(name + "cancelled");
        } finally {
            pool.shutdownNow();
        }
        return problems;
    }

    static List<String> labels(List<PushItem> items) {
        return items.stream().map(PushItem::label).toList();
    }

    private static List<TargetResult> dryRun(Connections connections, Map<Environment, List<PushItem>> plan,
            RunContext run) {
        List<TargetResult> results = new ArrayList<>();
        plan.forEach((target, items) -> {
            ZopeApi zope = connections.zope(target);
            List<ObjectResult> objects = new ArrayList<>();
            List<Boolean> existing = Checks.each(items, item -> zope.exists(item.destination()));
            for (int i = 0; i < items.size(); i++) {
                PushItem item = items.get(i);
                boolean exists = existing.get(i);
                String what = !exists ? "would be imported"
                        : run.getOptions().getOnExisting() == OnExisting.SKIP ? "exists; would be skipped"
                        : "exists; would be replaced (kept as a backup until the target succeeds)";
                objects.add(new ObjectResult(item.label(), item.targetFolder().toString(), item.id(),
                        Outcome.CHECKED, Math.max(item.size(), 0), 0, what));
            }
            TargetResult result = new TargetResult(target.getName(), TargetResult.Status.CHECKED, objects,
                    "dry run: nothing was changed", 0);
            run.getListener().targetDone(result);
            results.add(result);
        });
        return results;
    }

    /**
     * Downloads every object into the bundle, a few at once, checks each file, hands each to the targets as soon as
     * it is checked, writes the manifest, then tells the targets that they may change things.
     *
     * @throws ZopeSyncException if an export fails or is not the object asked for (the feed is not completed)
     */
    private void export(Connections connections, Environment source, List<ObjectSpec> objects,
            List<PushItem> planned, RunContext run, ItemFeed feed) {
        ZopeApi zope = connections.zope(source);
        SyncListener listener = run.getListener();
        List<Callable<ManifestEntry>> exports = new ArrayList<>();
        for (int i = 0; i < objects.size(); i++) {
            ObjectSpec spec = objects.get(i);
            PushItem plannedItem = planned.get(i);
            int index = i;
            String fileName = Bundle.OBJECTS + "/" + Bundle.fileName(i + 1, spec.getPath().getId());
            exports.add(() -> {
                Path file = run.getBundleDir().resolve(fileName);
                Throttle progress = new Throttle(listener, null, TransferKind.EXPORT, spec.getPath().toString(), -1);
                ExportedFile exported = zope.export(spec.getPath(), file, progress);
                progress.finish(exported.size());
                ZexpInfo info;
                try {
                    info = ZexpReader.read(file);
                } catch (ZexpFormatException e) {
                    throw new ZopeSyncException("export of " + spec.getPath() + " from '" + source.getName()
                            + "' is not a valid .zexp file (" + e.getMessage() + "); no target was touched", e);
                }
                if (info.id() == null || !info.id().equals(spec.getPath().getId())) {
                    throw new ZopeSyncException("export of " + spec.getPath() + " from '" + source.getName()
                            + "' holds an object with id " + info.id() + " (class " + info.className()
                            + "), not '" + spec.getPath().getId() + "'");
                }
                listener.info("exported " + spec.getPath() + " (" + info.className() + ", " + exported.size()
                        + " bytes, SHA-256 " + exported.sha256() + ")");
                feed.ready(index, new PushItem(plannedItem.label(), plannedItem.targetFolder(), info.id(), file,
                        exported.size(), plannedItem.remoteName(), exported.sha256()));
                return new ManifestEntry(spec.getPath().toString(), spec.getTargetFolder().toString(), info.id(),
                        info.className(), fileName, exported.size(), exported.sha256());
            });
        }
        ExecutorService pool = Executors.newFixedThreadPool(
                Math.min(MAX_PARALLEL_EXPORTS, Math.min(run.getOptions().getParallelism(), exports.size())),
                threads("zope-sync-export"));
        List<ManifestEntry> entries = new ArrayList<>();
        try {
            List<Future<ManifestEntry>> futures = new ArrayList<>();
            exports.forEach(export -> futures.add(pool.submit(export)));
            for (Future<ManifestEntry> future : futures) {
                entries.add(await(future, futures));
            }
        } finally {
            pool.shutdownNow();
        }
        Bundle.writeManifest(run.getBundleDir(), new Manifest(Manifest.FORMAT_VERSION, source.getName(),
                source.getZope().getUrl().toString(), Instant.now().toString(), run.getRunId(), entries));
        feed.allReady();
    }

    private static <T> T await(Future<T> future, List<? extends Future<?>> all) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            all.forEach(f -> f.cancel(true));
            Thread.currentThread().interrupt();
            throw new ZopeSyncException("cancelled during the export; no target was touched");
        } catch (ExecutionException e) {
            all.forEach(f -> f.cancel(true));
            Throwable cause = e.getCause();
            if (cause instanceof ZopeSyncException) {
                throw (ZopeSyncException) cause;
            }
            throw new ZopeSyncException("export failed: " + cause, cause);
        }
    }

    /** Starts one job per target, at most {@code parallelism} at once, each on its feed of files. */
    private TargetRuns<TargetResult> startTargets(Connections connections, Map<Environment, ItemFeed> feeds,
            RunContext run) {
        List<Callable<TargetResult>> jobs = new ArrayList<>();
        feeds.forEach((target, feed) -> jobs.add(() -> new TargetJob(target, feed, run, connections).execute()));
        return new TargetRuns<>(jobs, run, targetName -> new TargetResult(targetName, TargetResult.Status.FAILED,
                List.of(), "target '" + targetName + "': cancelled before it started; nothing was changed", 0),
                new ArrayList<>(feeds.keySet()));
    }

    /** Runs one task per target, at most {@code parallelism} at once, and waits for all; see {@link TargetRuns}. */
    private static <T> List<T> runAll(List<Callable<T>> tasks, RunContext run,
            java.util.function.Function<String, T> notRun, List<Environment> targets) {
        return new TargetRuns<>(tasks, run, notRun, targets).await();
    }

    /**
     * One task per target, started at once on a pool of {@code parallelism} threads. {@link #await()} waits for
     * all; if the waiting thread is interrupted, the tasks are interrupted too and awaited, so that each restores
     * and cleans up its target; a task that never ran gets {@code notRun}'s value.
     */
    private static final class TargetRuns<T> {
        private final RunContext run;
        private final java.util.function.Function<String, T> notRun;
        private final List<Environment> targets;
        private final ExecutorService pool;
        private final List<Future<T>> futures = new ArrayList<>();

        TargetRuns(List<Callable<T>> tasks, RunContext run, java.util.function.Function<String, T> notRun,
                List<Environment> targets) {
            this.run = run;
            this.notRun = notRun;
            this.targets = targets;
            this.pool = Executors.newFixedThreadPool(Math.min(run.getOptions().getParallelism(),
                    Math.max(1, tasks.size())), threads("zope-sync-target"));
            tasks.forEach(task -> futures.add(pool.submit(task)));
            pool.shutdown();
        }

        List<T> await() {
            boolean interrupted = false;
            try {
                try {
                    while (!pool.awaitTermination(1, TimeUnit.SECONDS)) {
                        // keep waiting: every task ends by its own timeouts
                    }
                } catch (InterruptedException e) {
                    interrupted = true;
                    run.getListener().warn("run " + run.getRunId() + " cancelled: restoring and cleaning up targets");
                    pool.shutdownNow();
                    try {
                        pool.awaitTermination(CANCEL_WAIT_MINUTES, TimeUnit.MINUTES);
                    } catch (InterruptedException again) {
                        run.getListener().warn("cancelled again: not waiting for the targets' clean-up");
                    }
                }
                List<T> results = new ArrayList<>();
                for (int i = 0; i < futures.size(); i++) {
                    Future<T> future = futures.get(i);
                    String name = targets.get(i).getName();
                    if (future.isDone() && !future.isCancelled()) {
                        try {
                            results.add(future.get());
                        } catch (ExecutionException | InterruptedException e) {
                            results.add(notRun.apply(name));
                        }
                    } else {
                        results.add(notRun.apply(name));
                    }
                }
                return results;
            } finally {
                pool.shutdownNow();
                if (interrupted) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }

    private static SyncResult finish(RunContext run, String kind, String source, String started,
            List<String> problems, List<TargetResult> targets) {
        return finish(run, kind, source, run.getBundleDir(), started, problems, targets);
    }

    /** @param bundle the bundle directory, or {@code null} if the run made none */
    private static SyncResult finish(RunContext run, String kind, String source, Path bundle, String started,
            List<String> problems, List<TargetResult> targets) {
        problems.forEach(problem -> run.getListener().log(io.zopesync.core.kernel.SyncLog.Level.ERROR, problem));
        run.getListener().phase(Phase.REPORT, null);
        return new SyncResult(run.getRunId(), kind, source, bundle == null ? null : bundle.toString(),
                run.getOptions().isDryRun(), started, Instant.now().toString(), problems, targets);
    }

    private static String names(List<Environment> targets) {
        List<String> names = new ArrayList<>();
        targets.forEach(target -> names.add("'" + target.getName() + "'"));
        return String.join(", ", names);
    }

    private static ThreadFactory threads(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return task -> {
            Thread thread = new Thread(task, prefix + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
