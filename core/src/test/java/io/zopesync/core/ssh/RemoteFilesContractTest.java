package io.zopesync.core.ssh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.zopesync.core.kernel.InvalidInputException;
import io.zopesync.core.kernel.Timeouts;
import io.zopesync.testkit.ssh.EmbeddedSshServer;
import io.zopesync.testkit.ssh.TestKeys;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * What both {@link RemoteFiles} implementations must do, against the embedded server; the subclasses pick the
 * protocol and add their own cases.
 */
@Timeout(60)
abstract class RemoteFilesContractTest {
    static final Timeouts TIMEOUTS = Timeouts.defaults().withConnect(Duration.ofSeconds(5))
            .withRead(Duration.ofSeconds(10));

    @TempDir
    Path temp;

    EmbeddedSshServer server;
    Path importPath;
    String importDir;
    RemoteFiles files;
    private TestKeys.KeyPairText key;
    private final RecordingLog log = new RecordingLog();

    /** The protocol under test. */
    abstract TransferProtocol protocol();

    /** Whether the server offers SFTP. */
    abstract boolean serverHasSftp();

    @BeforeEach
    void connect() throws IOException {
        Assumptions.assumeTrue(TestKeys.isAvailable(), TestKeys.unavailableReason());
        key = SshFixture.key(temp);
        EmbeddedSshServer.Builder builder = EmbeddedSshServer.builder(temp.resolve("root"))
                .authorize(SshFixture.USER, key.getPublicKey());
        server = (serverHasSftp() ? builder : builder.withoutSftp()).start();
        importPath = Files.createDirectories(temp.resolve("root/srv/import"));
        importDir = server.remotePath(importPath);
        files = open(TIMEOUTS);
    }

    RemoteFiles open(Timeouts timeouts) {
        return new JschConnector().open(SshFixture.settings(server, key, importDir).protocol(protocol()).build(),
                timeouts, log);
    }

    @AfterEach
    void close() {
        if (files != null) {
            files.close();
        }
        if (server != null) {
            server.close();
        }
    }

    @Test
    void shouldUploadUnderTemporaryNameThenRename() throws IOException {
        Path local = randomFile("export.zexp", 300_000);
        List<Long> progress = new CopyOnWriteArrayList<>();
        AtomicBoolean seenOnlyTemporary = new AtomicBoolean();

        files.upload(local, importDir, "zope-sync-run-1.zexp", sent -> {
            progress.add(sent);
            if (Files.exists(importPath.resolve(".zope-sync-run-1.zexp.part"))
                    && !Files.exists(importPath.resolve("zope-sync-run-1.zexp"))) {
                seenOnlyTemporary.set(true);
            }
        });

        assertThat(importPath.resolve("zope-sync-run-1.zexp")).hasSameBinaryContentAs(local);
        assertThat(files.list(importDir)).containsExactly("zope-sync-run-1.zexp");
        assertThat(seenOnlyTemporary).isTrue();
        assertThat(progress).isSorted().last().isEqualTo(300_000L);
    }

    @Test
    void shouldUploadMoreThanOneMebibyteByteIdentical() throws IOException {
        Path local = randomFile("big.zexp", 1024 * 1024 + 4321);

        files.upload(local, importDir, "big.zexp", sent -> { });

        assertThat(importPath.resolve("big.zexp")).hasSameBinaryContentAs(local);
        assertThat(files.size(importDir, "big.zexp")).contains(1024L * 1024 + 4321);
    }

    @Test
    void shouldUploadEmptyFile() throws IOException {
        Path local = Files.write(temp.resolve("empty"), new byte[0]);

        files.upload(local, importDir, "empty.zexp", sent -> { });

        assertThat(importPath.resolve("empty.zexp")).isEmptyFile();
    }

    @Test
    void shouldEscapeGlobCharactersInRemotePaths() throws IOException {
        Path odd = Files.createDirectories(importPath.resolve("we*ird?dir\\x"));
        Files.createDirectories(importPath.resolve("weXirdYdir\\x"));
        String dir = server.remotePath(odd);
        Path local = randomFile("a", 1000);

        files.checkWritableDirectory(dir);
        files.upload(local, dir, "a.zexp", sent -> { });

        assertThat(odd.resolve("a.zexp")).hasSameBinaryContentAs(local);
        assertThat(files.list(dir)).containsExactly("a.zexp");
        assertThat(files.size(dir, "a.zexp")).contains(1000L);
        assertThat(files.createExclusive(dir, "a.lock", new byte[] {7})).isTrue();
        assertThat(files.createExclusive(dir, "a.lock", new byte[] {8})).isFalse();
        assertThat(files.read(dir, "a.lock")).hasValueSatisfying(content -> assertThat(content).containsExactly(7));
        files.remove(dir, "a.zexp");
        assertThat(odd.resolve("a.zexp")).doesNotExist();
        assertThat(importPath.resolve("weXirdYdir\\x")).isEmptyDirectory();
    }

    @Test
    void shouldReportSizeOrNothing() throws IOException {
        Files.writeString(importPath.resolve("x.zexp"), "12345");

        assertThat(files.size(importDir, "x.zexp")).contains(5L);
        assertThat(files.size(importDir, "missing.zexp")).isEmpty();
    }

    @Test
    void shouldRemoveFileAndIgnoreMissingOne() throws IOException {
        Files.writeString(importPath.resolve("x.zexp"), "12345");

        files.remove(importDir, "x.zexp");
        files.remove(importDir, "x.zexp");

        assertThat(importPath.resolve("x.zexp")).doesNotExist();
    }

    @Test
    void shouldListNamesWithoutDots() throws IOException {
        Files.writeString(importPath.resolve("b.zexp"), "b");
        Files.writeString(importPath.resolve(".hidden"), "h");
        Files.createDirectories(importPath.resolve("sub"));

        assertThat(files.list(importDir)).containsExactly(".hidden", "b.zexp", "sub");
    }

    @Test
    void shouldCreateExclusiveOnlyOnce() {
        byte[] first = "run 1".getBytes(StandardCharsets.UTF_8);

        assertThat(files.createExclusive(importDir, "zope-sync.lock", first)).isTrue();
        assertThat(files.createExclusive(importDir, "zope-sync.lock", "run 2".getBytes(StandardCharsets.UTF_8)))
                .isFalse();

        assertThat(files.read(importDir, "zope-sync.lock")).hasValueSatisfying(
                content -> assertThat(content).isEqualTo(first));
        assertThat(files.list(importDir)).containsExactly("zope-sync.lock");
    }

    @Test
    void shouldLetExactlyOneOfManyRacingCallersCreate() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Boolean>> results = Stream.generate(() -> pool.submit(
                    () -> files.createExclusive(importDir, "race.lock", new byte[] {1}))).limit(4).toList();
            long winners = 0;
            for (Future<Boolean> result : results) {
                winners += result.get(30, TimeUnit.SECONDS) ? 1 : 0;
            }
            assertThat(winners).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void shouldReadSmallFileOrNothing() throws IOException {
        Files.writeString(importPath.resolve("note.txt"), "hello");

        assertThat(files.read(importDir, "note.txt")).hasValueSatisfying(
                content -> assertThat(new String(content, StandardCharsets.UTF_8)).isEqualTo("hello"));
        assertThat(files.read(importDir, "missing.txt")).isEmpty();
    }

    @Test
    void shouldRefuseToReadLargeFile() throws IOException {
        Files.write(importPath.resolve("large.bin"), new byte[70_000]);

        assertThatThrownBy(() -> files.read(importDir, "large.bin")).isInstanceOf(TransferException.class)
                .hasMessageContaining("larger than 64 KiB");
    }

    @Test
    void shouldAcceptWritableDirectoryAndLeaveNothingBehind() {
        files.checkWritableDirectory(importDir);

        assertThat(importPath).isEmptyDirectory();
    }

    @Test
    void shouldNameMissingDirectory() {
        String missing = importDir + "/nope";

        TransferException e = catchThrowableOfType(TransferException.class,
                () -> files.checkWritableDirectory(missing));

        assertThat(e.getKind()).isEqualTo(TransferException.Kind.FILE);
        assertThat(e.getMessage()).contains(missing).contains("does not exist").contains(files.getEndpoint());
    }

    @Test
    void shouldNameDirectoryThatIsAFile() throws IOException {
        Files.writeString(importPath.resolve("file"), "x");

        assertThatThrownBy(() -> files.checkWritableDirectory(importDir + "/file"))
                .isInstanceOf(TransferException.class).hasMessageContaining("not a directory");
    }

    @Test
    void shouldRefuseBadNamesBeforeContactingServer() {
        assertThatThrownBy(() -> files.remove(importDir, "../etc/passwd")).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("../etc/passwd");
        assertThatThrownBy(() -> files.list("relative/dir")).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("relative/dir");
    }

    @Test
    void shouldCancelUploadWhenInterrupted() throws Exception {
        Path local = randomFile("slow.zexp", 8 * 1024 * 1024);
        CountDownLatch started = new CountDownLatch(1);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        AtomicBoolean interruptedAfterwards = new AtomicBoolean();
        Thread uploader = new Thread(() -> {
            try {
                files.upload(local, importDir, "slow.zexp", sent -> {
                    started.countDown();
                    sleep(20);
                });
            } catch (RuntimeException e) {
                failure.set(e);
            }
            interruptedAfterwards.set(Thread.currentThread().isInterrupted());
        });
        uploader.start();
        assertThat(started.await(20, TimeUnit.SECONDS)).isTrue();
        long start = System.nanoTime();

        uploader.interrupt();
        uploader.join(20_000);

        assertThat(uploader.isAlive()).isFalse();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
        assertThat(failure.get()).isInstanceOf(TransferException.class).hasMessageContaining("cancelled");
        assertThat(interruptedAfterwards).isTrue();
        assertThat(importPath).isEmptyDirectory();
        assertThat(files.list(importDir)).isEmpty();
    }

    @Test
    void shouldServeTwoConcurrentUploadsOverOneSession() throws Exception {
        Path first = randomFile("one.zexp", 2 * 1024 * 1024);
        Path second = randomFile("two.zexp", 2 * 1024 * 1024 + 1);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<?> a = pool.submit(() -> files.upload(first, importDir, "one.zexp", sent -> { }));
            Future<?> b = pool.submit(() -> files.upload(second, importDir, "two.zexp", sent -> { }));
            a.get(30, TimeUnit.SECONDS);
            b.get(30, TimeUnit.SECONDS);
        } finally {
            pool.shutdownNow();
        }

        assertThat(importPath.resolve("one.zexp")).hasSameBinaryContentAs(first);
        assertThat(importPath.resolve("two.zexp")).hasSameBinaryContentAs(second);
        assertThat(server.getSessionsOpened()).isEqualTo(1);
    }

    @Test
    void shouldCloseItsOneSession() {
        files.list(importDir);
        assertThat(server.getSessionsOpen()).isEqualTo(1);

        files.close();
        files.close();

        assertThat(server.awaitSessionsClosed(Duration.ofSeconds(5))).isZero();
        assertThat(server.getSessionsOpened()).isEqualTo(1);
        assertThatThrownBy(() -> files.list(importDir)).isInstanceOf(TransferException.class)
                .hasMessageContaining("closed");
    }

    @Test
    void shouldReportUploadIntoMissingDirectory() throws IOException {
        Path local = randomFile("a.zexp", 100);

        TransferException e = catchThrowableOfType(TransferException.class,
                () -> files.upload(local, importDir + "/nope", "a.zexp", sent -> { }));

        assertThat(e.getKind()).isEqualTo(TransferException.Kind.FILE);
        assertThat(e.getMessage()).contains(importDir + "/nope/a.zexp").contains(files.getEndpoint());
        assertThat(files.list(importDir)).isEmpty();
    }

    @Test
    void shouldReplaceASmallFileFromMemoryLeavingNoTemporaryFile() {
        files.write(importDir, "zope-sync-run.journal", "first\n".getBytes(StandardCharsets.UTF_8));
        files.write(importDir, "zope-sync-run.journal", "second, longer\n".getBytes(StandardCharsets.UTF_8));

        assertThat(files.read(importDir, "zope-sync-run.journal")).hasValueSatisfying(content ->
                assertThat(new String(content, StandardCharsets.UTF_8)).isEqualTo("second, longer\n"));
        assertThat(files.list(importDir)).containsExactly("zope-sync-run.journal");
    }

    @Test
    void shouldReportWriteIntoMissingDirectory() {
        TransferException e = catchThrowableOfType(TransferException.class,
                () -> files.write(importDir + "/nope", "a.journal", new byte[] {1}));

        assertThat(e.getKind()).isEqualTo(TransferException.Kind.FILE);
        assertThat(e.getMessage()).contains(importDir + "/nope/a.journal").contains(files.getEndpoint());
        assertThat(files.list(importDir)).isEmpty();
    }

    Path randomFile(String name, int size) throws IOException {
        byte[] data = new byte[size];
        new Random(size).nextBytes(data);
        Path file = temp.resolve(name);
        Files.createDirectories(file.getParent());
        return Files.write(file, data);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
