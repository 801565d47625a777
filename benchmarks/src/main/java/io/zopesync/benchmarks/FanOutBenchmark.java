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
 * (b) Fan-out: {@value #OBJECTS} objects (5 MiB each, or 10 KiB to see the calls' latency alone) from a source to
 * {@value #TARGETS} targets, each target a Zope double behind its own sshd (a remote host of its own), every Zope
 * call delayed by {@value #DELAY_MILLIS} ms. zope-sync against a zupdate-style run: export each object, then one
 * OpenSSH {@code scp} per server with all files, then the imports, all in sequence, with the same HTTP client. And
 * zope-sync to one target against four.
 */
final class FanOutBenchmark {
    static final int OBJECTS = 20;
    static final int TARGETS = 4;
    static final int DELAY_MILLIS = 20;
    private static final String FOLDER = "/src";

    private final Loopback world;
    private final Results results;
    private final int runs;
    private final int objectBytes;
    private final String name;
    private final List<OpenSshServer> servers = new ArrayList<>();
    private int traced;

    /** @param objectBytes the size of each object's file data */
    FanOutBenchmark(Loopback world, Results results, int runs, int objectBytes) {
        this.world = world;
        this.results = results;
        this.runs = runs;
        this.objectBytes = objectBytes;
        this.name = "fanout-" + (objectBytes >> 10) + "k";
    }

    void run() {
        for (int i = 0; i < TARGETS; i++) {
            servers.add(world.startSshd());
        }
        ZopeDouble source = world.startZope(name + "-dev");
        source.addFolder(FOLDER);
        List<ObjectSpec> objects = new ArrayList<>();
        for (int i = 1; i <= OBJECTS; i++) {
            String path = String.format("%s/obj%02d", FOLDER, i);
            source.addFile(path, Data.random(objectBytes, i), "application/octet-stream");
            objects.add(ObjectSpec.of(path));
        }
        source.delay(Duration.ofMillis(DELAY_MILLIS));
        Environment dev = world.source("dev", source);
        Samples engine4 = new Samples("s");
        Samples engine1 = new Samples("s");
        Samples zupdate4 = new Samples("s");
        Samples engine4Cpu = new Samples("core-s");
        Samples zupdate4Cpu = new Samples("core-s");
        runEngine(dev, objects, 1, new Samples("core-s"));
        for (int run = 0; run < runs; run++) {
            engine4.add(runEngine(dev, objects, TARGETS, engine4Cpu));
            engine1.add(runEngine(dev, objects, 1, new Samples("core-s")));
            zupdate4.add(runZupdate(dev, objects, TARGETS, zupdate4Cpu));
            Benchmarks.progress(name + " run " + (run + 1) + ": zope-sync 4 targets " + Samples.format(
                    last(engine4)) + " s, 1 target " + Samples.format(last(engine1)) + " s, zupdate-style 4 targets "
                    + Samples.format(last(zupdate4)) + " s");
        }
        Samples speedUp = new Samples("x");
        Samples scaling = new Samples("x");
        Samples ceiling = new Samples("x");
        int cores = Runtime.getRuntime().availableProcessors();
        for (int i = 0; i < runs; i++) {
            speedUp.add(zupdate4.values().get(i) / engine4.values().get(i));
            scaling.add(engine4.values().get(i) / engine1.values().get(i));
            // zope-sync cannot take less time than its CPU work spread over every core.
            ceiling.add(zupdate4.values().get(i) / (engine4Cpu.values().get(i) / cores));
        }
        String size = objectBytes >= 1 << 20 ? (objectBytes >> 20) + " MiB" : (objectBytes >> 10) + " KiB";
        Results.Section section = results.section("b. Fan-out: " + OBJECTS + " objects x " + size + ", "
                + DELAY_MILLIS + " ms added to every Zope call, one sshd per target");
        section.row("zope-sync, " + TARGETS + " targets", engine4);
        section.row("zope-sync, 1 target", engine1);
        section.row("zupdate-style sequential run, " + TARGETS + " targets (HTTP export, scp per server, imports)",
                zupdate4);
        section.row("zupdate-style / zope-sync, " + TARGETS + " targets (target >= 3)", speedUp);
        section.row("zope-sync " + TARGETS + " targets / 1 target (target <= 1.5)", scaling);
        section.row("CPU of the whole machine during zope-sync, " + TARGETS + " targets (engine, doubles, sshd)",
                engine4Cpu);
        section.row("CPU of the whole machine during the zupdate-style run", zupdate4Cpu);
        section.row("highest zupdate-style / zope-sync these " + cores + " cores allow (zupdate-style time / "
                + "zope-sync's CPU per core)", ceiling);
    }

    private static double last(Samples samples) {
        return samples.values().get(samples.count() - 1);
    }

    private List<ZopeDouble> startTargets(int count) {
        List<ZopeDouble> targets = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ZopeDouble target = world.startZope(name + "-t" + i);
            Data.empty(target.getImportDirectory());
            target.addFolder(FOLDER);
            target.delay(Duration.ofMillis(DELAY_MILLIS));
            targets.add(target);
        }
        return targets;
    }

    private void stopTargets(List<ZopeDouble> targets, List<ObjectSpec> objects) {
        for (ZopeDouble target : targets) {
            for (ObjectSpec object : objects) {
                if (!target.exists(object.getPath().toString())) {
                    throw new IllegalStateException(object.getPath() + " did not arrive on " + target);
                }
            }
            world.stopZope(target);
            Data.empty(target.getImportDirectory());
        }
    }

    /** Runs zope-sync to {@code count} targets; adds the machine's CPU time to {@code cpuUsed}. */
    private double runEngine(Environment dev, List<ObjectSpec> objects, int count, Samples cpuUsed) {
        List<ZopeDouble> targets = startTargets(count);
        List<Environment> environments = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            environments.add(world.target("t" + i, targets.get(i), servers.get(i), SshSettings.DEFAULT_CIPHERS));
        }
        Path bundle = world.getDirectory().resolve(name + "-bundle");
        Data.delete(bundle);
        SyncRequest request = SyncRequest.builder(dev, bundle).targets(environments).objects(objects)
                .options(SyncOptions.builder().parallelism(TARGETS).build()).holder("benchmark").build();
        Timeline timeline = new Timeline();
        CpuMeter cpu = new CpuMeter();
        long started = System.nanoTime();
        SyncResult result = new ZopeSync().sync(request, timeline);
        long took = System.nanoTime() - started;
        cpuUsed.add(cpu.machineCoreSeconds());
        if (!result.isSuccess()) {
            throw new IllegalStateException("the sync failed: " + result.toJson());
        }
        List<String> names = new ArrayList<>();
        environments.forEach(environment -> names.add(environment.getName()));
        timeline.writeTrace(name + "-" + count + "-targets-" + (++traced));
        Benchmarks.progress("zope-sync to " + count + " target(s): " + timeline.describe(names) + "; "
                + cpu.describe());
        stopTargets(targets, objects);
        Data.delete(bundle);
        return Data.seconds(took);
    }

    /** What zupdate.py did: every step in sequence, one scp per server. Adds the machine's CPU to {@code cpuUsed}. */
    private double runZupdate(Environment dev, List<ObjectSpec> objects, int count, Samples cpuUsed) {
        List<ZopeDouble> targets = startTargets(count);
        Path exports = world.getDirectory().resolve(name + "-zupdate");
        Data.delete(exports);
        CpuMeter cpu = new CpuMeter();
        long started = System.nanoTime();
        long exported;
        long copied;
        try {
            Files.createDirectories(exports);
            List<Path> files = new ArrayList<>();
            try (ZopeApi zope = client(dev)) {
                for (int i = 0; i < objects.size(); i++) {
                    Path file = exports.resolve("zupdate-" + (i + 1) + ".zexp");
                    zope.export(objects.get(i).getPath(), file, done -> { });
                    files.add(file);
                }
            }
            exported = System.nanoTime();
            for (int t = 0; t < count; t++) {
                world.openSsh(servers.get(t)).scp(files, targets.get(t).getImportDirectory().toString(), false);
            }
            copied = System.nanoTime();
            for (int t = 0; t < count; t++) {
                try (ZopeApi zope = client(world.source("t" + t, targets.get(t)))) {
                    for (int i = 0; i < objects.size(); i++) {
                        zope.importObject(ObjectPath.parse(FOLDER), files.get(i).getFileName().toString(), false,
                                false);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        long ended = System.nanoTime();
        cpuUsed.add(cpu.machineCoreSeconds());
        Benchmarks.progress(String.format(java.util.Locale.ROOT, "zupdate-style to %d target(s): exports %.2f s,"
                + " scp %.2f s, imports %.2f s; %s", count, Data.seconds(exported - started),
                Data.seconds(copied - exported), Data.seconds(ended - copied), cpu.describe()));
        long took = ended - started;
        stopTargets(targets, objects);
        Data.delete(exports);
        return Data.seconds(took);
    }

    private static ZopeApi client(Environment environment) {
        return ZopeClient.create(environment.getZope(), Timeouts.defaults(), 1, Duration.ZERO, 1, SyncLog.NONE);
    }
}
