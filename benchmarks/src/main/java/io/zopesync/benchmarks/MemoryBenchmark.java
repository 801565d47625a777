package io.zopesync.benchmarks;

import io.zopesync.testkit.ssh.OpenSshServer;
import io.zopesync.testkit.zope.ZopeDouble;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * (d) Memory: one large object (2 GiB of file data by default) synced by the engine in a child JVM started with
 * {@value #HEAP}; the Zope doubles (keeping the file's data on disk) and sshd run outside it. Reports whether it
 * completed, its time and the child's peak resident set size ({@code VmHWM}).
 */
final class MemoryBenchmark {
    static final String HEAP = "-Xmx128m";
    private static final long TIMEOUT_MINUTES = 15;

    private final Loopback world;
    private final Results results;
    private final int runs;
    private final long size;

    MemoryBenchmark(Loopback world, Results results, int runs, long size) {
        this.world = world;
        this.results = results;
        this.runs = runs;
        this.size = size;
    }

    void run() {
        OpenSshServer sshd = world.startSshd();
        Path data = Data.randomFile(world.getDirectory().resolve("large.bin"), size);
        ZopeDouble source = world.startZope("memory-dev");
        source.addFolder("/big").addLargeFile("/big/blob", data, "application/octet-stream");
        Samples seconds = new Samples("s");
        Samples peak = new Samples("MB");
        int completed = 0;
        for (int run = 0; run < runs; run++) {
            ZopeDouble target = world.startZope("memory-target");
            target.addFolder("/big");
            Path bundle = world.getDirectory().resolve("memory-bundle");
            try {
                long started = System.nanoTime();
                long hwmKb = runEngine(sshd, source, target, bundle);
                double took = Data.seconds(System.nanoTime() - started);
                if (hwmKb > 0 && target.exists("/big/blob")) {
                    completed++;
                    seconds.add(took);
                    peak.add(hwmKb / 1024.0);
                }
                Benchmarks.progress("memory run " + (run + 1) + ": " + (hwmKb > 0 ? "completed" : "FAILED") + " in "
                        + Samples.format(took) + " s, peak RSS " + Samples.format(hwmKb / 1024.0) + " MB");
            } finally {
                world.stopZope(target);
                Data.empty(target.getImportDirectory());
                Data.delete(target.getInstanceHome().resolve("var"));
                Data.delete(bundle);
            }
        }
        Data.delete(data);
        Results.Section section = results.section("d. Memory: one " + Samples.format(Data.mib(size))
                + " MiB file object, engine in a child JVM with " + HEAP);
        section.row("completed", completed + " of " + runs);
        section.row("time of the whole sync (child JVM start included)", seconds);
        section.row("peak RSS of the engine's JVM, VmHWM (target < 400 MB)", peak);
    }

    /** The child's VmHWM in kB, or -1 if the sync failed. */
    private long runEngine(OpenSshServer sshd, ZopeDouble source, ZopeDouble target, Path bundle) {
        try {
            Properties p = new Properties();
            p.setProperty("source.url", source.getUrl());
            p.setProperty("target.url", target.getUrl());
            p.setProperty("zope.user", Loopback.ZOPE_USER);
            p.setProperty("zope.password", world.getPassword());
            p.setProperty("ssh.port", Integer.toString(sshd.getPort()));
            p.setProperty("ssh.user", OpenSshServer.currentUser());
            p.setProperty("ssh.key", world.getKeyFile().toString());
            p.setProperty("ssh.hostKey", sshd.getHostKey());
            p.setProperty("target.importDir", target.getImportDirectory().toString());
            p.setProperty("object", "/big/blob");
            p.setProperty("bundle", bundle.toString());
            Path file = world.getDirectory().resolve("engine.properties");
            try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
                p.store(out, "one sync for EngineMain");
            }
            Path java = Path.of(System.getProperty("java.home"), "bin", "java");
            Process process = new ProcessBuilder(List.of(java.toString(), HEAP, "-cp",
                    System.getProperty("java.class.path"), EngineMain.class.getName(), file.toString()))
                    .redirectErrorStream(true).start();
            process.getOutputStream().close();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new IllegalStateException("the engine did not finish within " + TIMEOUT_MINUTES + " minutes");
            }
            long hwm = -1;
            for (String line : output.split("\n")) {
                if (line.startsWith("VmHWM ")) {
                    hwm = Long.parseLong(line.substring(6).strip());
                }
            }
            if (process.exitValue() != 0) {
                Benchmarks.progress("the engine failed (exit " + process.exitValue() + "): " + output.strip());
                return -1;
            }
            return hwm;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the engine ran", e);
        }
    }
}
