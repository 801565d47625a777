package io.zopesync.core.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zopesync.core.kernel.SyncLog;
import io.zopesync.core.kernel.ZopeSyncException;
import io.zopesync.core.ssh.RemoteFiles;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.LongConsumer;
import org.junit.jupiter.api.Test;

/** The lock on its own, on an import directory in memory where two runs can be made to race. */
class TargetLockTest {
    private static final String DIR = "/srv/import";
    private static final String DEAD = "holder: bob@build7\nrun: 20261125-090000-dead\nsince: 2026-11-25T09:00:00Z\n"
            + "beat: 41\n";

    private final MemoryFiles files = new MemoryFiles();
    private final List<String> log = new CopyOnWriteArrayList<>();
    private final SyncLog syncLog = (level, message) -> log.add(level + " " + message);

    private TargetLock lock(String run, Duration staleAfter) {
        return new TargetLock(() -> files, DIR, "alice@" + run, run, staleAfter, Duration.ofSeconds(1), syncLog,
                "prod");
    }

    @Test
    void shouldLetOnlyOneOfTwoRunsTakeOverTheSameDeadLock() throws Exception {
        files.put(TargetLock.FILE, DEAD);
        // The first run to remove the dead lock is held up there, so that the second, which judged the same lock
        // dead, would remove the lock the first is about to create.
        files.slowRemoveOf(TargetLock.FILE, 300);
        TargetLock first = lock("run-a", Duration.ofSeconds(1));
        TargetLock second = lock("run-b", Duration.ofSeconds(1));
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<Optional<Throwable>>> runs = new ArrayList<>();
            for (TargetLock lock : List.of(first, second)) {
                runs.add(pool.submit(() -> {
                    try {
                        lock.acquire(Duration.ZERO, () -> false);
                        return Optional.empty();
                    } catch (ZopeSyncException e) {
                        return Optional.of(e);
                    }
                }));
            }
            List<Optional<Throwable>> outcomes = new ArrayList<>();
            for (Future<Optional<Throwable>> run : runs) {
                outcomes.add(run.get());
            }

            assertThat(outcomes).filteredOn(Optional::isEmpty).hasSize(1);
            TargetLock winner = outcomes.get(0).isEmpty() ? first : second;
            Throwable lost = outcomes.get(0).isEmpty() ? outcomes.get(1).orElseThrow() : outcomes.get(0).orElseThrow();
            assertThat(winner.getDeadRun()).isEqualTo("20261125-090000-dead");
            // The other run waits on, and fails naming the winner as the holder.
            assertThat(lost).hasMessageContaining("holder: alice@" + (winner == first ? "run-a" : "run-b"));
            assertThat(files.text(TargetLock.FILE)).contains(winner == first ? "run: run-a" : "run: run-b");
            assertThat(winner.whyLost()).isEmpty();
            assertThat(files.names()).containsExactly(TargetLock.FILE);
            winner.release();
            assertThat(files.names()).isEmpty();
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void shouldSayAtOnceWhomItWaitsForAndForHowLong() throws Exception {
        files.put(TargetLock.FILE, DEAD);
        TargetLock lock = lock("run-a", Duration.ofMillis(600));

        lock.acquire(Duration.ofMillis(200), () -> false);

        assertThat(log.get(0)).isEqualTo("INFO target 'prod': the import directory /srv/import is locked by holder:"
                + " bob@build7, run: 20261125-090000-dead; waiting up to 200 ms for it to be released, or taking it"
                + " over once it has shown no heartbeat for 600 ms (its run is dead then)");
        assertThat(log).anyMatch(line -> line.startsWith("INFO target 'prod': the lock has shown no heartbeat for")
                && line.contains("waiting beyond the lock wait, up to 600 ms without one, to take it over"));
        assertThat(log).anyMatch(line -> line.contains("its run is dead; taking it over"));
        assertThat(lock.getDeadRun()).isEqualTo("20261125-090000-dead");
        lock.release();
    }

    @Test
    void shouldNeverTakeOverALockWithoutHeartbeatAndFailAtTheLockWait() {
        files.put(TargetLock.FILE, "holder: carol by hand\n");
        TargetLock lock = lock("run-a", Duration.ofMillis(100));
        long started = System.nanoTime();

        assertThatThrownBy(() -> lock.acquire(Duration.ofMillis(500), () -> false))
                .hasMessageContaining("locked by another run (holder: carol by hand); waited 0 s");

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(500));
        assertThat(log.get(0)).contains("it has no heartbeat (written by hand or by an older version), so it is"
                + " never taken over: waiting up to 500 ms");
        assertThat(files.text(TargetLock.FILE)).isEqualTo("holder: carol by hand\n");
    }

    @Test
    void shouldWaitForAnotherRunThatTakesTheDeadLockOverAndNameAMarkerItLeft() {
        files.put(TargetLock.FILE, DEAD);
        // A run that died in the middle of a take-over: its marker stays, the dead lock too.
        files.put(TargetLock.takeoverMarker(DEAD), "holder: dave@build9\nrun: run-d\n");
        TargetLock lock = lock("run-a", Duration.ofMillis(200));

        assertThatThrownBy(() -> lock.acquire(Duration.ZERO, () -> false))
                .hasMessageContaining("could not be created within 0 s")
                .hasMessageContaining(TargetLock.takeoverMarker(DEAD) + " says that a run began to take it over"
                        + " (holder: dave@build9, run: run-d) and did not finish: if no zope-sync run is working on"
                        + " this target, remove both files");
        assertThat(files.text(TargetLock.FILE)).isEqualTo(DEAD);
    }

    @Test
    void shouldNameTheTakeoverMarkerAfterTheDeadLocksContent() {
        assertThat(TargetLock.takeoverMarker(DEAD)).matches("zope-sync\\.lock\\.takeover-[0-9a-f]{16}")
                .isEqualTo(TargetLock.takeoverMarker(DEAD))
                .isNotEqualTo(TargetLock.takeoverMarker(DEAD.replace("beat: 41", "beat: 42")));
    }

    /** An import directory in memory; {@code createExclusive} is atomic, as SFTP's exclusive open is. */
    private static final class MemoryFiles implements RemoteFiles {
        private final Map<String, byte[]> files = new ConcurrentHashMap<>();
        private volatile String slowName;
        private volatile long slowMillis;
        private volatile boolean slowed;

        void put(String name, String text) {
            files.put(name, text.getBytes(StandardCharsets.UTF_8));
        }

        String text(String name) {
            byte[] bytes = files.get(name);
            return bytes == null ? null : new String(bytes, StandardCharsets.UTF_8);
        }

        List<String> names() {
            return files.keySet().stream().sorted().toList();
        }

        /** The first removal of {@code name} waits this long before it removes the file. */
        void slowRemoveOf(String name, long millis) {
            slowName = name;
            slowMillis = millis;
        }

        @Override
        public String getEndpoint() {
            return "memory:22";
        }

        @Override
        public void checkWritableDirectory(String dir) {
        }

        @Override
        public void upload(Path local, String dir, String name, LongConsumer progress) {
            throw new UnsupportedOperationException("upload");
        }

        @Override
        public void write(String dir, String name, byte[] content) {
            files.put(name, content.clone());
        }

        @Override
        public Optional<Long> size(String dir, String name) {
            return Optional.ofNullable(files.get(name)).map(bytes -> (long) bytes.length);
        }

        @Override
        public void remove(String dir, String name) {
            if (name.equals(slowName) && !slowed) {
                slowed = true;
                try {
                    Thread.sleep(slowMillis);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            files.remove(name);
        }

        @Override
        public List<String> list(String dir) {
            return names();
        }

        @Override
        public boolean createExclusive(String dir, String name, byte[] content) {
            return files.putIfAbsent(name, content.clone()) == null;
        }

        @Override
        public Optional<byte[]> read(String dir, String name) {
            return Optional.ofNullable(files.get(name)).map(byte[]::clone);
        }

        @Override
        public void close() {
        }
    }
}
