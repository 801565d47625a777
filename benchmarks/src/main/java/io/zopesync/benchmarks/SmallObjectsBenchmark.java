package io.zopesync.benchmarks;

import io.zopesync.core.ZopeSync;
import io.zopesync.core.kernel.ObjectPath;
import io.zopesync.core.kernel.SyncLog;
import io.zopesync.core.kernel.Timeouts;
import io.zopesync.core.model.Environment;
import io.zopesync.core.model.ObjectSpec;
import io.zopesync.core.model.SyncOptions;
import io.zopesync.core.model.SyncRequest;
import io.zopesync.core.result.SyncResult;
import io.zopesync.core.ssh.SshSettings;
import io.zopesync.core.zope.ZopeApi;
import io.zopesync.core.zope.ZopeClient;
import io.zopesync.testkit.ssh.OpenSshServer;
import io.zopesync.testkit.zope.ZopeDouble;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * (c) Many small objects: {@value #OBJECTS} objects of {@value #OBJECT_KIB} KiB to one target, no added latency.
 * zope-sync's time per object beyond the Zope doubles' own: the doubles' time is that of the bare HTTP calls a
 * sync cannot do without (one export from the source and one import on the target per object), made one after the
 * other with the same client, the files put into the import directory untimed.
 */
final class SmallObjectsBenchmark {
    static final int OBJECTS = 500;
    static final int OBJECT_KIB = 10;
    private static final String FOLDER = "/many";

    private final Loopback world;
    private final Results results;
    private final int runs;
    private ZopeDouble source;

    SmallObjectsBenchmark(Loopback world, Results results, int runs) {
        this.world = world;
        this.results = results;
        this.runs = runs;
    }

    void run() {
        OpenSshServer sshd = world.startSshd();
        source = world.startZope("small-dev");
        source.addFolder(FOLDER);
        List<ObjectSpec> objects = new ArrayList<>();
        for (int i = 1; i <= OBJECTS; i++) {
            String path = String.format("%s/doc%03d", FOLDER, i);
            source.addFile(path, Data.random(OBJECT_KIB << 10, i), "application/octet-stream");
            objects.add(ObjectSpec.of(path));
        }
        Environment dev = world.source("dev", source);
        Samples engine = new Samples("ms/object");
        Samples raw = new Samples("ms/object");
        Samples overhead = new Samples("ms/object");
        Samples calls = new Samples("calls/object");
        runEngine(dev, sshd, objects, null);
        runRaw(dev, objects);
        for (int run = 0; run < runs; run++) {
            double engineMillis = runEngine(dev, sshd, objects, calls) * 1000 / OBJECTS;
            double rawMillis = runRaw(dev, objects) * 1000 / OBJECTS;
            engine.add(engineMillis);
            raw.add(rawMillis);
            overhead.add(engineMillis - rawMillis);
            Benchmarks.progress("small objects run " + (run + 1) + ": zope-sync " + Samples.format(engineMillis)
                    + " ms/object, bare calls " + Samples.format(rawMillis) + " ms/object");
        }
        Results.Section section = results.section("c. Many small objects: " + OBJECTS + " x " + OBJECT_KIB
                + " KiB to one target");
        section.row("zope-sync, whole sync", engine);
        section.row("bare export + import HTTP calls in sequence (the doubles' own time)", raw);
        section.row("zope-sync overhead per object (target <= 5)", overhead);
        section.row("Zope calls per object made by zope-sync (source and target)", calls);
    }

    private ZopeDouble startTarget() {
        ZopeDouble target = world.startZope("small-t");
        Data.empty(target.getImportDirectory());
        target.addFolder(FOLDER);
        return target;
    }

    private void stopTarget(ZopeDouble target, List<ObjectSpec> objects) {
        for (ObjectSpec object : objects) {
            if (!target.exists(object.getPath().toString())) {
                throw new IllegalStateException(object.getPath() + " did not arrive on " + target);
            }
        }
        world.stopZope(target);
        Data.empty(target.getImportDirectory());
    }

    private double runEngine(Environment dev, OpenSshServer sshd, List<ObjectSpec> objects, Samples calls) {
        ZopeDouble target = startTarget();
        Path bundle = world.getDirectory().resolve("small-bundle");
        Data.delete(bundle);
        SyncRequest request = SyncRequest.builder(dev, bundle)
                .target(world.target("t", target, sshd, SshSettings.DEFAULT_CIPHERS)).objects(objects)
                .options(SyncOptions.defaults()).holder("benchmark").build();
        source.clearCalls();
        Timeline timeline = new Timeline();
        long started = System.nanoTime();
        SyncResult result = new ZopeSync().sync(request, timeline);
        long took = System.nanoTime() - started;
        if (!result.isSuccess()) {
            throw new IllegalStateException("the sync failed: " + result.toJson());
        }
        Benchmarks.progress("zope-sync: " + timeline.describe(List.of("t")));
        if (calls != null) {
            calls.add((double) (source.calls().size() + target.calls().size()) / OBJECTS);
        }
        stopTarget(target, objects);
        Data.delete(bundle);
        return Data.seconds(took);
    }

    private double runRaw(Environment dev, List<ObjectSpec> objects) {
        ZopeDouble target = startTarget();
        Path exports = world.getDirectory().resolve("small-raw");
        Data.delete(exports);
        long nanos = 0;
        try (ZopeApi from = client(dev); ZopeApi to = client(world.source("t", target))) {
            Files.createDirectories(exports);
            List<String> names = new ArrayList<>();
            long started = System.nanoTime();
            for (int i = 0; i < objects.size(); i++) {
                String name = "raw-" + (i + 1) + ".zexp";
                from.export(objects.get(i).getPath(), exports.resolve(name), done -> { });
                names.add(name);
            }
            nanos += System.nanoTime() - started;
            for (String name : names) {
                Files.copy(exports.resolve(name), target.getImportDirectory().resolve(name));
            }
            started = System.nanoTime();
            for (String name : names) {
                to.importObject(ObjectPath.parse(FOLDER), name, false, false);
            }
            nanos += System.nanoTime() - started;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        stopTarget(target, objects);
        Data.delete(exports);
        return Data.seconds(nanos);
    }

    private static ZopeApi client(Environment environment) {
        return ZopeClient.create(environment.getZope(), Timeouts.defaults(), 1, Duration.ZERO, 1, SyncLog.NONE);
    }
}
