package io.zopesync.core.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.zopesync.core.ZopeSync;
import io.zopesync.core.model.ObjectSpec;
import io.zopesync.core.model.SyncOptions;
import io.zopesync.core.model.SyncRequest;
import io.zopesync.core.result.SyncResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Many consecutive syncs in one JVM must not leak: live threads, open file descriptors and the heap after a
 * garbage collection stay flat, and no SSH session or HTTP connection is left open after a run. Each sync is tiny
 * (one small object, replaced on one target). The default build runs {@value #DEFAULT_RUNS} syncs, about 25 s on a
 * shared two-core machine; the full soak of 300 runs takes about two minutes there and is run on demand: {@code mvn -pl core -am verify -Dtest=SoakTest -Dsurefire.failIfNoSpecifiedTests=false
 * -Dzopesync.soak.runs=300}.
 */
class SoakTest {
    private static final int DEFAULT_RUNS = 60;
    private static final int WARM_UP = 20;
    private static final int THREAD_MARGIN = 8;
    private static final int FD_MARGIN = 16;
    private static final long HEAP_MARGIN = 24L * 1024 * 1024;

    @TempDir
    Path tmp;

    @Test
    void shouldLeakNothingOverManyConsecutiveSyncs() throws InterruptedException {
        int runs = Integer.getInteger("zopesync.soak.runs", DEFAULT_RUNS);
        try (FaultWorld world = new FaultWorld(tmp)) {
            ZopeSync engine = new ZopeSync();
            SyncOptions options = FaultWorld.fast().toBuilder().saveReplaced(false).build();
            long threads = 0;
            long fds = 0;
            long heap = 0;
            long started = System.nanoTime();
            for (int i = 1; i <= runs; i++) {
                Path bundle = tmp.resolve("bundles").resolve("b" + i);
                SyncResult result = engine.sync(SyncRequest.builder(world.dev(), bundle)
                        .object(ObjectSpec.of("/ourfolder/obj2")).target(world.prod()).options(options)
                        .holder("soak").build(), io.zopesync.core.model.SyncListener.NONE);

                assertThat(result.isSuccess()).as("run %d: %s", i, result.toJson()).isTrue();
                assertThat(world.ssh.awaitSessionsClosed(Duration.ofSeconds(5))).as("SSH sessions open after run %d",
                        i).isZero();
                delete(bundle);
                if (i == WARM_UP) {
                    threads = liveThreads();
                    fds = openFileDescriptors();
                    heap = heapAfterGc();
                }
            }
            long seconds = Duration.ofNanos(System.nanoTime() - started).toSeconds();

            assertThat(liveThreads()).as("live threads after %d syncs (%d s)", runs, seconds)
                    .isLessThanOrEqualTo(threads + THREAD_MARGIN);
            assertThat(openFileDescriptors()).as("open file descriptors").isLessThanOrEqualTo(fds + FD_MARGIN);
            assertThat(heapAfterGc()).as("heap after GC").isLessThanOrEqualTo(heap + HEAP_MARGIN);
            assertThat(world.ssh.getSessionsOpened()).isEqualTo(runs);
            assertThat(clientConnectionsTo(world.dev.getPort()) + clientConnectionsTo(world.prod.getPort()))
                    .as("HTTP connections still open").isZero();
            assertThat(world.importDirectory()).isEmpty();
            assertThat(world.prod.ids("/ourfolder")).containsExactly("obj2");
        }
    }

    private static long liveThreads() throws InterruptedException {
        // Threads of a finished run (JSch's session reader, shut-down pools) end a moment after it.
        Thread.sleep(300);
        return ManagementFactory.getThreadMXBean().getThreadCount();
    }

    private static long openFileDescriptors() {
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            return fds.count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static long heapAfterGc() throws InterruptedException {
        Runtime runtime = Runtime.getRuntime();
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(50);
        }
        return runtime.totalMemory() - runtime.freeMemory();
    }

    /** Established TCP connections from this machine to 127.0.0.1:{@code port}, from /proc/net/tcp. */
    private static long clientConnectionsTo(int port) throws InterruptedException {
        String remote = String.format(Locale.ROOT, "0100007F:%04X", port);
        long count = 0;
        for (int attempt = 0; attempt < 40; attempt++) {
            try {
                count = Files.readAllLines(Path.of("/proc/net/tcp")).stream().skip(1)
                        .map(line -> line.trim().split("\\s+"))
                        .filter(fields -> fields[2].equals(remote) && fields[3].equals("01")).count();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            if (count == 0) {
                return 0;
            }
            Thread.sleep(50);
        }
        return count;
    }

    private static void delete(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
