package io.zopesync.core.ssh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.zopesync.core.Timeouts;
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
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** SCP mode against a server without the SFTP subsystem. */
@Timeout(60)
class ScpRemoteFilesTest {
    private static final Timeouts TIMEOUTS = Timeouts.defaults().withConnect(Duration.ofSeconds(5))
            .withRead(Duration.ofSeconds(10));

    @TempDir
    Path temp;

    private EmbeddedSshServer server;
    private Path importPath;
    private String importDir;
    private RemoteFiles files;

    @BeforeEach
    void connect() throws IOException {
        Assumptions.assumeTrue(TestKeys.isAvailable(), TestKeys.unavailableReason());
        TestKeys.KeyPairText key = SshFixture.key(temp);
        server = EmbeddedSshServer.builder(temp.resolve("root")).authorize(SshFixture.USER, key.getPublicKey())
                .withoutSftp().start();
        importPath = Files.createDirectories(temp.resolve("root/srv/import"));
        importDir = server.remotePath(importPath);
        SshSettings settings = SshFixture.settings(server, key, importDir).protocol(TransferProtocol.SCP).build();
        files = new JschConnector().open(settings, TIMEOUTS, new RecordingLog());
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
    void shouldUploadByteIdenticalThroughScp() throws IOException {
        Path local = randomFile("big.zexp", 1024 * 1024 + 17);
        List<Long> progress = new CopyOnWriteArrayList<>();

        files.upload(local, importDir, "zope-sync-run-1.zexp", progress::add);

        assertThat(importPath.resolve("zope-sync-run-1.zexp")).hasSameBinaryContentAs(local);
        assertThat(files.list(importDir)).containsExactly("zope-sync-run-1.zexp");
        assertThat(files.size(importDir, "zope-sync-run-1.zexp")).contains(1024L * 1024 + 17);
        assertThat(progress).isSorted().last().isEqualTo(1024L * 1024 + 17);
    }

    @Test
    void shouldReportSizeRemoveAndList() throws IOException {
        Files.writeString(importPath.resolve("a.zexp"), "12345");
        Files.writeString(importPath.resolve(".hidden"), "x");

        assertThat(files.size(importDir, "a.zexp")).contains(5L);
        assertThat(files.size(importDir, "missing.zexp")).isEmpty();
        assertThat(files.list(importDir)).containsExactly(".hidden", "a.zexp");
        files.remove(importDir, "a.zexp");
        files.remove(importDir, "a.zexp");
        assertThat(files.list(importDir)).containsExactly(".hidden");
    }

    @Test
    void shouldCreateExclusiveOnlyOnce() {
        assertThat(files.createExclusive(importDir, "zope-sync.lock", "one".getBytes(StandardCharsets.UTF_8)))
                .isTrue();
        assertThat(files.createExclusive(importDir, "zope-sync.lock", "two".getBytes(StandardCharsets.UTF_8)))
                .isFalse();

        assertThat(files.read(importDir, "zope-sync.lock")).hasValueSatisfying(
                content -> assertThat(new String(content, StandardCharsets.UTF_8)).isEqualTo("one"));
        assertThat(files.read(importDir, "missing.lock")).isEmpty();
        assertThat(files.list(importDir)).containsExactly("zope-sync.lock");
    }

    @Test
    void shouldCheckDirectory() throws IOException {
        Files.writeString(importPath.resolve("file"), "x");

        files.checkWritableDirectory(importDir);

        assertThat(importPath).isDirectoryContaining(path -> path.getFileName().toString().equals("file"));
        assertThat(Files.list(importPath).count()).isEqualTo(1);
        assertThatThrownBy(() -> files.checkWritableDirectory(importDir + "/nope"))
                .isInstanceOf(TransferException.class).hasMessageContaining("does not exist")
                .hasMessageContaining(importDir + "/nope");
        assertThatThrownBy(() -> files.checkWritableDirectory(importDir + "/file"))
                .isInstanceOf(TransferException.class).hasMessageContaining("not a directory");
    }

    @Test
    void shouldReportUploadIntoMissingDirectory() throws IOException {
        Path local = randomFile("a.zexp", 100);

        TransferException e = catchThrowableOfType(TransferException.class,
                () -> files.upload(local, importDir + "/nope", "a.zexp", sent -> { }));

        assertThat(e.getKind()).isEqualTo(TransferException.Kind.FILE);
        assertThat(e.getMessage()).contains(importDir + "/nope/a.zexp").contains(files.getEndpoint());
    }

    @Test
    void shouldServeTwoConcurrentUploadsOverOneSession() throws Exception {
        Path first = randomFile("one.zexp", 500_000);
        Path second = randomFile("two.zexp", 500_001);
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

    private Path randomFile(String name, int size) throws IOException {
        byte[] data = new byte[size];
        new Random(size).nextBytes(data);
        return Files.write(temp.resolve(name), data);
    }
}
