package io.zopesync.core.internal;

import io.zopesync.core.bundle.Bundle;
import io.zopesync.core.bundle.Manifest;
import io.zopesync.core.bundle.ManifestEntry;
import io.zopesync.core.bundle.ReplacedRun;
import io.zopesync.core.bundle.VerifiedBundle;
import io.zopesync.core.kernel.InvalidInputException;
import io.zopesync.core.kernel.ObjectPath;
import io.zopesync.core.kernel.ZopeSyncException;
import io.zopesync.core.model.Environment;
import io.zopesync.core.model.ObjectSpec;
import io.zopesync.core.model.PushRequest;
import io.zopesync.core.model.SyncListener;
import io.zopesync.core.model.SyncListener.Phase;
import io.zopesync.core.model.SyncListener.TransferKind;
import io.zopesync.core.model.SyncOptions;
import io.zopesync.core.model.SyncRequest;
import io.zopesync.core.result.SyncResult;
import io.zopesync.core.result.TargetResult;
import io.zopesync.core.ssh.SshConnector;
import io.zopesync.core.status.StatusResult;
import io.zopesync.core.zexp.ZexpFormatException;
import io.zopesync.core.zexp.ZexpInfo;
import io.zopesync.core.zexp.ZexpReader;
import io.zopesync.core.zope.ExportedFile;
import io.zopesync.core.zope.ZopeApi;
import io.zopesync.core.zope.ZopeConnector;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * Runs syncs, promotions and restores in the order of the design: plan, preflight, export (or verify the
 * bundle), the targets in parallel, report. Behind {@link io.zopesync.core.ZopeSync}; not an API of its own.
 */
public final class Engine {
    /** The most exports downloaded from a source at once. */
    static final int MAX_PARALLEL_EXPORTS = 4;

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
            List<String> problems = Preflight.check(connections, request.getSource(), objects, plan, run);
            if (!problems.isEmpty() || options.isDryRun()) {
                // No bundle was made: nothing was exported.
                return finish(run, kind, request.getSource().getName(), null, started, problems,
                        problems.isEmpty() ? Preflight.dryRun(connections, plan, run) : List.of());
            }
            createBundleDir(bundleDir);
            listener.phase(Phase.EXPORT, null);
            // The targets start now: they lock, check and upload while the export runs, and change nothing
            // before every export has succeeded.
            ItemFeed feed = new ItemFeed(planned);
            Map<Environment, ItemFeed> feeds = new LinkedHashMap<>();
            request.getTargets().forEach(target -> feeds.put(target, feed));
            TargetRuns<TargetResult> targets = startTargets(connections, feeds, run);
            String manifestSha256;
            try {
                manifestSha256 = export(connections, request.getSource(), objects, planned, run, feed);
            } catch (ZopeSyncException e) {
                // The targets stop at their next wait for a file or a lock; none has changed anything, and each
                // cleans up what it uploaded.
                feed.fail(e);
                targets.await();
                return finish(run, kind, request.getSource().getName(), started, List.of(e.getMessage()),
                        List.of());
            }
            return finish(run, kind, request.getSource().getName(), run.getBundleDir(), manifestSha256, started,
                    List.of(), targets.await());
        }
    }

    /**
     * What every target holds of the request's objects; with {@code compare}, the differences of those not in sync.
     * Changes nothing, writes no bundle.
     */
    public StatusResult status(SyncRequest request, boolean compare, SyncListener listener) {
        listener.phase(Phase.PLAN, null);
        try (Connections connections = new Connections(zopeConnector, sshConnector, request.getOptions(),
                listener)) {
            return new StatusRun(connections, listener, compare).run(request.getSource(), request.getTargets(),
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
        @Nullable String manifestSha256 = null;
        try {
            if (request.getMode() == PushRequest.Mode.PROMOTE) {
                VerifiedBundle bundle = Bundle.verified(request.getBundleDir(), request.getExpectedManifestSha256());
                Manifest manifest = bundle.getManifest();
                manifestSha256 = bundle.getManifestSha256();
                source = manifest.source();
                List<PushItem> items = items(request.getBundleDir(), manifest, run);
                plan = plan(request.getTargets(), items);
            } else {
                List<String> undone = new ArrayList<>();
                for (Environment target : request.getTargets()) {
                    ReplacedRun replaced = Bundle.toRestore(request.getBundleDir(), target.getName(),
                            request.getUndoRun());
                    plan.put(target, items(replaced.getDir(), Bundle.readManifest(replaced.getDir()), run));
                    run.undoing(target.getName(), replaced.getRunId());
                    listener.info("target '" + target.getName() + "': putting back what run " + replaced.getRunId()
                            + " replaced at " + replaced.getCreated() + " (" + replaced.getObjects() + " object(s))");
                    if (!undone.contains(replaced.getRunId())) {
                        undone.add(replaced.getRunId());
                    }
                }
                source = "what run" + (undone.size() > 1 ? "s " : " ") + String.join(", ", undone) + " replaced";
            }
        } catch (ZopeSyncException e) {
            return finish(run, kind, "bundle", started, List.of(e.getMessage()), List.of());
        }
        listener.info("run " + run.getRunId() + ": " + kind + " " + request.getBundleDir() + " to "
                + names(request.getTargets()));
        try (Connections connections = new Connections(zopeConnector, sshConnector, options, listener)) {
            listener.phase(Phase.PREFLIGHT, null);
            List<String> problems = Preflight.checkTargets(connections, plan, run);
            if (!problems.isEmpty() || options.isDryRun()) {
                return finish(run, kind, source, run.getBundleDir(), manifestSha256, started, problems,
                        problems.isEmpty() ? Preflight.dryRun(connections, plan, run) : List.of());
            }
            Map<Environment, ItemFeed> feeds = new LinkedHashMap<>();
            plan.forEach((target, items) -> feeds.put(target, ItemFeed.ready(items)));
            return finish(run, kind, source, run.getBundleDir(), manifestSha256, started, List.of(),
                    startTargets(connections, feeds, run).await());
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

    /**
     * Turns a verified manifest's entries into items ({@link Bundle#verifyFiles} has checked each file's structure,
     * id and class).
     */
    private static List<PushItem> items(Path dir, Manifest manifest, RunContext run) {
        List<PushItem> items = new ArrayList<>();
        List<ManifestEntry> entries = manifest.objects();
        for (int i = 0; i < entries.size(); i++) {
            ManifestEntry entry = entries.get(i);
            Path file = dir.resolve(entry.file());
            items.add(new PushItem(entry.path(), ObjectPath.parse("target folder", entry.targetFolder()),
                    entry.id(), file, entry.size(), run.remoteName(i + 1), entry.sha256()));
        }
        return items;
    }

    /**
     * Downloads every object into the bundle, a few at once, checks each file, hands each to the targets as soon as
     * it is checked, writes the manifest, then tells the targets that they may change things.
     *
     * @return the manifest's SHA-256
     * @throws ZopeSyncException if an export fails or is not the object asked for (the feed is not completed)
     */
    private String export(Connections connections, Environment source, List<ObjectSpec> objects,
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
                TargetRuns.threads("zope-sync-export"));
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
        String manifestSha256 = Bundle.writeManifest(run.getBundleDir(), new Manifest(Manifest.FORMAT_VERSION,
                source.getName(), source.getZope().getUrl().toString(), Instant.now().toString(), run.getRunId(),
                entries));
        feed.allReady();
        return manifestSha256;
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

    private static SyncResult finish(RunContext run, String kind, String source, String started,
            List<String> problems, List<TargetResult> targets) {
        return finish(run, kind, source, run.getBundleDir(), null, started, problems, targets);
    }

    private static SyncResult finish(RunContext run, String kind, String source, @Nullable Path bundle,
            String started, List<String> problems, List<TargetResult> targets) {
        return finish(run, kind, source, bundle, null, started, problems, targets);
    }

    /**
     * @param bundle the bundle directory, or {@code null} if the run made none
     * @param manifestSha256 the SHA-256 of the manifest the run wrote or verified, or {@code null}
     */
    private static SyncResult finish(RunContext run, String kind, String source, @Nullable Path bundle,
            @Nullable String manifestSha256, String started, List<String> problems, List<TargetResult> targets) {
        problems.forEach(problem -> run.getListener().log(io.zopesync.core.kernel.SyncLog.Level.ERROR, problem));
        run.getListener().phase(Phase.REPORT, null);
        return new SyncResult(run.getRunId(), kind, source, bundle == null ? null : bundle.toString(),
                manifestSha256, run.getOptions().isDryRun(), started, Instant.now().toString(), problems, targets);
    }

    private static String names(List<Environment> targets) {
        List<String> names = new ArrayList<>();
        targets.forEach(target -> names.add("'" + target.getName() + "'"));
        return String.join(", ", names);
    }

}
