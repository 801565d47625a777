package io.zopesync.benchmarks;

import io.zopesync.core.ZopeSync;
import io.zopesync.core.kernel.ObjectPath;
import io.zopesync.core.kernel.SecretValue;
import io.zopesync.core.kernel.SyncLog;
import io.zopesync.core.kernel.Timeouts;
import io.zopesync.core.model.Environment;
import io.zopesync.core.model.ObjectSpec;
import io.zopesync.core.model.SyncListener;
import io.zopesync.core.model.SyncOptions;
import io.zopesync.core.model.SyncRequest;
import io.zopesync.core.result.SyncResult;
import io.zopesync.core.ssh.SshSettings;
import io.zopesync.core.zope.ZopeApi;
import io.zopesync.core.zope.ZopeClient;
import io.zopesync.core.zope.ZopeServer;
import io.zopesync.testkit.ssh.OpenSshServer;
import io.zopesync.testkit.zope.RealZope;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * (r) Against real Zope 5.13 ({@link RealZope}): {@value #OBJECTS} small DTML documents that already exist on the
 * target, replaced by zope-sync (safely: backup, import, backups deleted at the end) and by a zupdate-style run
 * (export each, one scp, then per object a delete and an import, the seed's own way), in the same run. Every Zope
 * write is a ZODB commit there, which the doubles do not model; the engine's Zope calls are counted and timed per
 * call from its DEBUG log, to show where the time goes.
 */
final class RealZopeBenchmark {
    static final int OBJECTS = 300;
    private static final String FOLDER = "/many";
    private static final String PASSWORD = "bench-real-zope";
    private static final Pattern CALL = Pattern.compile(
            "Zope '([^']+)': (\\w+) (\\S+) -> \\d+ \\((\\d+) ms\\)");

    private final Loopback world;
    private final Results results;
    private final int runs;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    RealZopeBenchmark(Loopback world, Results results, int runs) {
        this.world = world;
        this.results = results;
        this.runs = runs;
    }

    void run() {
        String reason = RealZope.unavailableReason();
        if (reason != null) {
            Benchmarks.progress("real Zope case skipped: " + reason);
            results.section("r. Real Zope 5.13: skipped (" + reason + ")");
            return;
        }
        OpenSshServer sshd = world.startSshd();
        Path dir = world.getDirectory();
        try (RealZope dev = RealZope.start(dir.resolve("real-dev"), Loopback.ZOPE_USER, PASSWORD);
                RealZope prod = RealZope.start(dir.resolve("real-prod"), Loopback.ZOPE_USER, PASSWORD)) {
            List<ObjectSpec> objects = new ArrayList<>();
            for (RealZope zope : List.of(dev, prod)) {
                post(zope, "/manage_addProduct/OFSP/manage_addFolder", "id=many");
            }
            for (int i = 1; i <= OBJECTS; i++) {
                String id = String.format("doc%03d", i);
                post(dev, FOLDER + "/manage_addProduct/OFSP/manage_addDTMLDocument", "id=" + id + "&file="
                        + URLEncoder.encode("<p>" + "document " + i + " ".repeat(200) + "</p>",
                                StandardCharsets.UTF_8));
                objects.add(ObjectSpec.of(FOLDER + "/" + id));
            }
            Environment source = Environment.of("dev", server("dev", dev), null);
            Environment target = Environment.of("prod", server("prod", prod),
                    world.sshSettings("prod", sshd, prod.getImportDir().toString(),
                            SshSettings.DEFAULT_CIPHERS));
            runEngine(source, target, objects, null);
            Samples engine = new Samples("s");
            Samples zupdate = new Samples("s");
            Samples ratio = new Samples("x");
            Map<String, LongAdder[]> calls = new ConcurrentHashMap<>();
            for (int run = 0; run < runs; run++) {
                calls.clear();
                double engineSeconds = runEngine(source, target, objects, calls);
                double zupdateSeconds = runZupdate(source, prod, sshd, objects);
                engine.add(engineSeconds);
                zupdate.add(zupdateSeconds);
                ratio.add(zupdateSeconds / engineSeconds);
                Benchmarks.progress(String.format(Locale.ROOT, "real Zope run %d: zope-sync %.2f s, zupdate-style"
                        + " %.2f s; zope-sync's calls: %s", run + 1, engineSeconds, zupdateSeconds, describe(calls)));
            }
            Results.Section section = results.section("r. Real Zope 5.13: " + OBJECTS + " small DTML documents"
                    + " replaced on one target");
            section.row("zope-sync, whole sync (replace, backups, saved replaced objects)", engine);
            section.row("zupdate-style: export each, one scp, delete + import per object", zupdate);
            section.row("zupdate-style / zope-sync (target >= 1.5)", ratio);
            Benchmarks.progress("real Zope: zope-sync's Zope calls in the last run: " + describe(calls));
        }
    }

    private static String describe(Map<String, LongAdder[]> calls) {
        StringBuilder text = new StringBuilder();
        new TreeMap<>(calls).forEach((name, sums) -> text.append(String.format(Locale.ROOT, "%s %d x %.1f ms, ",
                name, sums[0].sum(), sums[0].sum() == 0 ? 0.0 : (double) sums[1].sum() / sums[0].sum())));
        return text.length() == 0 ? "none" : text.substring(0, text.length() - 2);
    }

    private ZopeServer server(String name, RealZope zope) {
        return ZopeServer.of(name, zope.getUrl(), Loopback.ZOPE_USER, SecretValue.of(PASSWORD));
    }

    /** One replace of every object; {@code calls} (or {@code null}) gets count and milliseconds per Zope call. */
    private double runEngine(Environment source, Environment target, List<ObjectSpec> objects,
            Map<String, LongAdder[]> calls) {
        Path bundle = world.getDirectory().resolve("real-bundle");
        Data.delete(bundle);
        SyncListener listener = new SyncListener() {
            @Override
            public void log(Level level, String message) {
                Matcher call = CALL.matcher(message);
                if (calls != null && call.find()) {
                    String url = call.group(3);
                    String name = call.group(1) + " " + call.group(2) + " " + url.substring(url.lastIndexOf('/') + 1)
                            .replaceAll("\\?.*", "").replaceAll("^doc\\d+$", "<object>");
                    LongAdder[] sums = calls.computeIfAbsent(name, n -> new LongAdder[] {new LongAdder(),
                            new LongAdder()});
                    sums[0].increment();
                    sums[1].add(Long.parseLong(call.group(4)));
                }
            }
        };
        SyncOptions options = SyncOptions.builder()
                .timeouts(Timeouts.defaults().withRead(Duration.ofSeconds(120))).build();
        long started = System.nanoTime();
        SyncResult result = new ZopeSync().sync(SyncRequest.builder(source, bundle).objects(objects)
                .options(options).holder("bench").target(target).build(), listener);
        long took = System.nanoTime() - started;
        if (!result.isSuccess()) {
            throw new IllegalStateException("the real Zope sync failed: " + result.toJson());
        }
        Data.delete(bundle);
        return Data.seconds(took);
    }

    /** What the seed did: export each, one scp of all files, then per object delete and import. */
    private double runZupdate(Environment source, RealZope prod, OpenSshServer sshd, List<ObjectSpec> objects) {
        Path exports = world.getDirectory().resolve("real-zupdate");
        Data.delete(exports);
        long started = System.nanoTime();
        try {
            Files.createDirectories(exports);
            List<Path> files = new ArrayList<>();
            try (ZopeApi zope = client(source.getZope())) {
                for (int i = 0; i < objects.size(); i++) {
                    Path file = exports.resolve("zupdate-" + (i + 1) + ".zexp");
                    zope.export(objects.get(i).getPath(), file, done -> { });
                    files.add(file);
                }
            }
            world.openSsh(sshd).scp(files, prod.getImportDir().toString(), false);
            try (ZopeApi zope = client(server("prod", prod))) {
                ObjectPath folder = ObjectPath.parse(FOLDER);
                for (int i = 0; i < objects.size(); i++) {
                    zope.delete(folder, objects.get(i).getPath().getId());
                    zope.importObject(folder, files.get(i).getFileName().toString(), false, false);
                }
            }
            for (Path file : files) {
                Files.deleteIfExists(prod.getImportDir().resolve(file.getFileName()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        long took = System.nanoTime() - started;
        Data.delete(exports);
        return Data.seconds(took);
    }

    private static ZopeApi client(ZopeServer server) {
        return ZopeClient.create(server, Timeouts.defaults().withRead(Duration.ofSeconds(120)), 1, Duration.ZERO, 1,
                SyncLog.NONE);
    }

    private void post(RealZope zope, String path, String form) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(zope.getUrl() + path))
                .timeout(Duration.ofSeconds(60))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                        (Loopback.ZOPE_USER + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8)))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() >= 400) {
                throw new IllegalStateException(path + " answered " + response.statusCode());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
