package io.zopesync.core.ssh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zopesync.core.kernel.Timeouts;
import io.zopesync.testkit.ssh.OpenSshServer;
import io.zopesync.testkit.ssh.TestKeys;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The transport against Debian's OpenSSH server; skipped where sshd is not installed. */
@Timeout(60)
class OpenSshTransferTest {
    private static final Timeouts TIMEOUTS = Timeouts.defaults().withConnect(Duration.ofSeconds(5))
            .withRead(Duration.ofSeconds(10));

    @TempDir
    static Path temp;

    private static OpenSshServer sshd;
    private static TestKeys.KeyPairText key;

    @BeforeAll
    static void startSshd() {
        Assumptions.assumeTrue(OpenSshServer.isAvailable(), OpenSshServer.unavailableReason());
        key = SshFixture.key(temp, TestKeys.Type.ED25519, TestKeys.Format.OPENSSH, "open-ssh-pass");
        sshd = OpenSshServer.start(temp.resolve("sshd"), List.of(key.getPublicKey()), true);
    }

    @AfterAll
    static void stopSshd() {
        if (sshd != null) {
            sshd.close();
        }
    }

    private SshSettings.Builder settings(Path importPath) {
        return SshSettings.builder("openssh", sshd.getHost()).port(sshd.getPort())
                .username(OpenSshServer.currentUser()).key(SshFixture.sshKey(key))
                .hostKey(HostKeyPolicy.pinned(sshd.getHostKey())).importDir(importPath.toString());
    }

    @Test
    void shouldUploadRenameAndRemoveOverSftp() throws IOException {
        Path importPath = Files.createDirectories(temp.resolve("sftp/import"));
        Path local = randomFile("a.zexp", 1024 * 1024 + 99);

        try (RemoteFiles files = new JschConnector().open(settings(importPath).build(), TIMEOUTS,
                new RecordingLog())) {
            files.checkWritableDirectory(importPath.toString());
            files.upload(local, importPath.toString(), "zope-sync-run-1.zexp", sent -> { });

            assertThat(importPath.resolve("zope-sync-run-1.zexp")).hasSameBinaryContentAs(local);
            assertThat(files.list(importPath.toString())).containsExactly("zope-sync-run-1.zexp");
            assertThat(files.size(importPath.toString(), "zope-sync-run-1.zexp")).contains(1024L * 1024 + 99);
            files.remove(importPath.toString(), "zope-sync-run-1.zexp");
            assertThat(importPath).isEmptyDirectory();
        }
    }

    @Test
    void shouldCreateExclusiveOnceOverSftp() throws IOException {
        Path importPath = Files.createDirectories(temp.resolve("sftp-lock/import"));

        try (RemoteFiles files = new JschConnector().open(settings(importPath)
                .hostKey(HostKeyPolicy.pinned(sshd.getHostKeyFingerprint())).build(), TIMEOUTS, new RecordingLog())) {
            assertThat(files.createExclusive(importPath.toString(), "zope-sync.lock", bytes("one"))).isTrue();
            assertThat(files.createExclusive(importPath.toString(), "zope-sync.lock", bytes("two"))).isFalse();
            assertThat(files.read(importPath.toString(), "zope-sync.lock")).hasValueSatisfying(
                    content -> assertThat(content).isEqualTo(bytes("one")));
        }
        assertThat(importPath).isDirectoryContaining(path -> path.getFileName().toString().equals("zope-sync.lock"));
        assertThat(Files.list(importPath).count()).isEqualTo(1);
    }

    @Test
    void shouldWorkInScpModeWithAwkwardDirectoryName() throws IOException {
        Path importPath = Files.createDirectories(temp.resolve("scp/it's a $(dir) `x` \"y\""));
        Path local = randomFile("b.zexp", 300_000);

        try (RemoteFiles files = new JschConnector().open(settings(importPath).protocol(TransferProtocol.SCP)
                .build(), TIMEOUTS, new RecordingLog())) {
            String dir = importPath.toString();
            files.checkWritableDirectory(dir);
            files.upload(local, dir, "zope-sync-run-2.zexp", sent -> { });
            assertThat(importPath.resolve("zope-sync-run-2.zexp")).hasSameBinaryContentAs(local);
            assertThat(files.size(dir, "zope-sync-run-2.zexp")).contains(300_000L);
            assertThat(files.createExclusive(dir, "zope-sync.lock", bytes("one"))).isTrue();
            assertThat(files.createExclusive(dir, "zope-sync.lock", bytes("two"))).isFalse();
            assertThat(files.list(dir)).containsExactly("zope-sync-run-2.zexp", "zope-sync.lock");
            files.remove(dir, "zope-sync-run-2.zexp");
            assertThat(files.list(dir)).containsExactly("zope-sync.lock");
        }
    }

    @Test
    void shouldRefuseOtherHostKeyOfRealServer() {
        String otherKey = SshFixture.key(temp, TestKeys.Type.ED25519, TestKeys.Format.OPENSSH, null).getPublicKey();

        assertThatThrownBy(() -> new JschConnector().open(settings(temp).hostKey(HostKeyPolicy.pinned(otherKey))
                .build(), TIMEOUTS, new RecordingLog()))
                .isInstanceOf(TransferException.class)
                .hasMessageContaining("ssh-ed25519 " + sshd.getHostKeyFingerprint());
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static Path randomFile(String name, int size) throws IOException {
        byte[] data = new byte[size];
        new Random(size).nextBytes(data);
        return Files.write(temp.resolve(name), data);
    }
}
