package io.zopesync.benchmarks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Runs the benchmarks side by side on loopback and prints the figures as Markdown (also written to
 * {@code benchmarks/target/benchmark-results.md}):
 *
 * <pre>
 * mvn -B -Pbenchmarks -pl benchmarks -am verify -DskipTests
 * mvn -B -Pbenchmarks -pl benchmarks -am verify -DskipTests -Dbench.args="--cases wire,small --runs 5"
 * </pre>
 *
 * The fan-out case runs twice by default: with 5 MiB objects, and with 10 KiB objects to show the Zope calls'
 * latency alone.
 *
 * <p>Options: {@code --cases wire,fanout,small,real,memory} (real: against real Zope 5.13, skipped without it) (default all), {@code --runs N} (default 3; the memory case
 * takes {@code --memory-runs}, default 3), {@code --work DIR} (default a new directory under {@code /dev/shm} for the
 * wire, fan-out and small cases, and under the system temporary directory for the memory case), and the sizes
 * {@code --wire-mib 1024}, {@code --memory-mib 2048}, and the fan-out's object sizes {@code --fanout-kib 5120,10}.
 * Needs OpenSSH's {@code sshd}, {@code scp}, {@code sftp} and {@code ssh-keygen}
 * ({@code apt-get install openssh-server openssh-client}).
 */
public final class Benchmarks {
    private static final List<String> CASES = List.of("wire", "fanout", "small", "real", "memory");

    private Benchmarks() {
    }

    public static void main(String[] args) throws IOException {
        Set<String> cases = new LinkedHashSet<>(CASES);
        int runs = 3;
        int memoryRuns = 3;
        long wireMib = 1024;
        long memoryMib = 2048;
        List<Integer> fanoutKib = List.of(5120, 10);
        Path work = null;
        for (int i = 0; i < args.length; i += 2) {
            if (i + 1 >= args.length) {
                usage("option " + args[i] + " needs a value");
            }
            String value = args[i + 1];
            switch (args[i]) {
                case "--cases":
                    cases = new LinkedHashSet<>(List.of(value.split(",")));
                    if (!CASES.containsAll(cases)) {
                        usage("unknown case in " + value + "; the cases are " + CASES);
                    }
                    break;
                case "--runs":
                    runs = Integer.parseInt(value);
                    break;
                case "--memory-runs":
                    memoryRuns = Integer.parseInt(value);
                    break;
                case "--wire-mib":
                    wireMib = Long.parseLong(value);
                    break;
                case "--memory-mib":
                    memoryMib = Long.parseLong(value);
                    break;
                case "--fanout-kib":
                    fanoutKib = Stream.of(value.split(",")).map(Integer::valueOf).toList();
                    break;
                case "--work":
                    work = Path.of(value);
                    break;
                default:
                    usage("unknown option " + args[i]);
            }
        }
        String reason = io.zopesync.testkit.ssh.OpenSshServer.unavailableReason();
        if (reason != null) {
            usage(reason);
        }
        Path fast = work != null ? work : Files.isDirectory(Path.of("/dev/shm")) ? Path.of("/dev/shm")
                : Path.of(System.getProperty("java.io.tmpdir"));
        Path disk = work != null ? work : Path.of(System.getProperty("java.io.tmpdir"));
        Results results = new Results();
        Instant started = Instant.now();
        Path fastDir = Files.createTempDirectory(fast, "zope-sync-bench-");
        try (Loopback world = new Loopback(fastDir)) {
            if (cases.contains("wire")) {
                new WireBenchmark(world, results, runs, wireMib << 20).run();
            }
            if (cases.contains("fanout")) {
                for (int kib : fanoutKib) {
                    new FanOutBenchmark(world, results, runs, kib << 10).run();
                }
            }
            if (cases.contains("small")) {
                new SmallObjectsBenchmark(world, results, runs).run();
            }
            if (cases.contains("real")) {
                new RealZopeBenchmark(world, results, runs).run();
            }
        } finally {
            Data.delete(fastDir);
        }
        if (cases.contains("memory")) {
            Path diskDir = Files.createTempDirectory(disk, "zope-sync-bench-");
            try (Loopback world = new Loopback(diskDir)) {
                new MemoryBenchmark(world, results, memoryRuns, memoryMib << 20).run();
            } finally {
                Data.delete(diskDir);
            }
        }
        String header = "### " + started.truncatedTo(ChronoUnit.SECONDS) + ", "
                + Runtime.getRuntime().availableProcessors() + " cores, Java " + System.getProperty("java.version")
                + ", " + ChronoUnit.SECONDS.between(started, Instant.now()) + " s in all\n\n"
                + "Arguments: `" + String.join(" ", args) + "`; work directories " + fast + " (wire, fan-out, small)"
                + " and " + disk + " (memory).\n\n";
        String markdown = header + results.toMarkdown();
        Path out = Path.of("benchmarks", "target", "benchmark-results.md");
        if (Files.isDirectory(out.getParent())) {
            Files.writeString(out, markdown, StandardCharsets.UTF_8);
        }
        System.out.println();
        System.out.println(markdown);
    }

    /** A progress line on standard error, so that standard output holds only the results. */
    static void progress(String line) {
        System.err.println("[bench] " + line);
    }

    private static void usage(String problem) {
        System.err.println(problem);
        System.err.println("usage: Benchmarks [--cases wire,fanout,small,real,memory] [--runs 3] [--memory-runs 3]"
                + " [--work DIR] [--wire-mib 1024] [--memory-mib 2048] [--fanout-kib 5120,10]");
        System.exit(2);
    }
}
