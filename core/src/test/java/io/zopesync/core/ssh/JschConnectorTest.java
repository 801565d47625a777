package io.zopesync.core.ssh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.zopesync.core.kernel.InvalidInputException;
import io.zopesync.core.kernel.SecretValue;
import io.zopesync.core.kernel.Timeouts;
import io.zopesync.testkit.ssh.EmbeddedSshServer;
import io.zopesync.testkit.ssh.TestKeys;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class JschConnectorTest {
    private static final Timeouts TIMEOUTS = Timeouts.defaults().withConnect(Duration.ofSeconds(5))
            .withRead(Duration.ofSeconds(10));
    private static final String PASSPHRASE = "pass-SENTINEL-4711";

    @TempDir
    Path temp;

    private EmbeddedSshServer server;
    private TestKeys.KeyPairText key;
    private String importDir;
    private final RecordingLog log = new RecordingLog();
    private final JschConnector connector = new JschConnector();

    @BeforeEach
    void startServer() throws IOException {
        Assumptions.assumeTrue(TestKeys.isAvailable(), TestKeys.unavailableReason());
        key = SshFixture.key(temp);
        server = EmbeddedSshServer.builder(temp.resolve("root")).authorize(SshFixture.USER, key.getPublicKey())
                .start();
        Path dir = Files.createDirectories(temp.resolve("root/import"));
        importDir = server.remotePath(dir);
    }

    @AfterEach
    void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    static List<Arguments> keyKinds() {
        return List.of(
                Arguments.of(TestKeys.Type.ED25519, TestKeys.Format.OPENSSH, null),
                Arguments.of(TestKeys.Type.ED25519, TestKeys.Format.OPENSSH, PASSPHRASE),
                Arguments.of(TestKeys.Type.ECDSA, TestKeys.Format.OPENSSH, null),
                Arguments.of(TestKeys.Type.ECDSA, TestKeys.Format.PEM, null),
                Arguments.of(TestKeys.Type.ECDSA, TestKeys.Format.PEM, PASSPHRASE),
                Arguments.of(TestKeys.Type.RSA, TestKeys.Format.OPENSSH, null),
                Arguments.of(TestKeys.Type.RSA, TestKeys.Format.OPENSSH, PASSPHRASE),
                Arguments.of(TestKeys.Type.RSA, TestKeys.Format.PEM, null),
                Arguments.of(TestKeys.Type.RSA, TestKeys.Format.PEM, PASSPHRASE));
    }

    @ParameterizedTest(name = "{0} {1} passphrase={2}")
    @MethodSource("keyKinds")
    void shouldLogInWithEachKeyTypeAndFormat(TestKeys.Type type, TestKeys.Format format, String passphrase) {
        TestKeys.KeyPairText other = SshFixture.key(temp, type, format, passphrase);
        server.close();
        server = EmbeddedSshServer.builder(temp.resolve("root")).authorize(SshFixture.USER, other.getPublicKey())
                .start();

        try (RemoteFiles files = connector.open(SshFixture.settings(server, other, importDir).build(), TIMEOUTS,
                log)) {
            assertThat(files.list(importDir)).isEmpty();
            assertThat(files.getEndpoint()).isEqualTo("zope@127.0.0.1:" + server.getPort());
        }
        assertThat(log.getText()).doesNotContain(PASSPHRASE).doesNotContain(secretLine(other));
    }

    @Test
    void shouldAcceptPinnedFingerprint() {
        SshSettings settings = SshFixture.settings(server, key, importDir)
                .hostKey(HostKeyPolicy.pinned(server.getHostKeyFingerprint())).build();

        try (RemoteFiles files = connector.open(settings, TIMEOUTS, log)) {
            assertThat(files.list(importDir)).isEmpty();
        }
    }

    @Test
    void shouldAcceptKnownHostsEntryWithPort() throws IOException {
        Path knownHosts = Files.writeString(temp.resolve("known_hosts"),
                "other.example.org ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl\n"
                        + server.getKnownHostsLine() + "\n");
        SshSettings settings = SshFixture.settings(server, key, importDir)
                .hostKey(HostKeyPolicy.knownHosts(knownHosts.toString())).build();

        try (RemoteFiles files = connector.open(settings, TIMEOUTS, log)) {
            assertThat(files.list(importDir)).isEmpty();
        }
    }

    @Test
    void shouldRefuseChangedHostKeyShowingOfferedFingerprint() {
        SshSettings settings = SshFixture.settings(server, key, importDir)
                .hostKey(HostKeyPolicy.pinned(key.getPublicKey())).build();

        TransferException e = catchThrowableOfType(TransferException.class,
                () -> connector.open(settings, TIMEOUTS, log));

        assertThat(e.getKind()).isEqualTo(TransferException.Kind.HOST_KEY);
        assertThat(e.getEndpoint()).isEqualTo("zope@127.0.0.1:" + server.getPort());
        assertThat(e.getMessage()).contains("zope@127.0.0.1:" + server.getPort())
                .contains("ecdsa-sha2-nistp256 " + server.getHostKeyFingerprint())
                .contains("hostKey: \"" + server.getHostKeyFingerprint() + "\"");
    }

    @Test
    void shouldRefuseWrongPinnedFingerprint() {
        SshSettings settings = SshFixture.settings(server, key, importDir)
                .hostKey(HostKeyPolicy.pinned("SHA256:" + "A".repeat(43))).build();

        assertThatThrownBy(() -> connector.open(settings, TIMEOUTS, log)).isInstanceOf(TransferException.class)
                .hasMessageContaining(server.getHostKeyFingerprint())
                .extracting(e -> ((TransferException) e).getKind()).isEqualTo(TransferException.Kind.HOST_KEY);
    }

    @Test
    void shouldRefuseHostMissingFromKnownHosts() throws IOException {
        Path knownHosts = Files.writeString(temp.resolve("known_hosts"), "localhost " + server.getHostKey() + "\n");
        SshSettings settings = SshFixture.settings(server, key, importDir)
                .hostKey(HostKeyPolicy.knownHosts(knownHosts.toString())).build();

        assertThatThrownBy(() -> connector.open(settings, TIMEOUTS, log)).isInstanceOf(TransferException.class)
                .hasMessageContaining("is not in " + knownHosts)
                .hasMessageContaining("[127.0.0.1]:" + server.getPort())
                .hasMessageContaining(server.getHostKeyFingerprint());
    }

    @Test
    void shouldRefuseHostKeyThatDiffersFromKnownHosts() throws IOException {
        String otherKey = SshFixture.key(temp, TestKeys.Type.ECDSA, TestKeys.Format.OPENSSH, null).getPublicKey();
        Path knownHosts = Files.writeString(temp.resolve("known_hosts"),
                "[127.0.0.1]:" + server.getPort() + " " + otherKey + "\n");
        SshSettings settings = SshFixture.settings(server, key, importDir)
                .hostKey(HostKeyPolicy.knownHosts(knownHosts.toString())).build();

        TransferException e = catchThrowableOfType(TransferException.class,
                () -> connector.open(settings, TIMEOUTS, log));

        assertThat(e.getKind()).isEqualTo(TransferException.Kind.HOST_KEY);
        assertThat(e.getMessage()).contains("does not match the entry for [127.0.0.1]:" + server.getPort())
                .contains(server.getHostKeyFingerprint());
    }

    @Test
    void shouldRefuseMissingKnownHostsFile() {
        Path missing = temp.resolve("no-such-known_hosts");
        SshSettings settings = SshFixture.settings(server, key, importDir)
                .hostKey(HostKeyPolicy.knownHosts(missing.toString())).build();

        assertThatThrownBy(() -> connector.open(settings, TIMEOUTS, log)).isInstanceOf(TransferException.class)
                .hasMessageContaining("does not exist").hasMessageContaining(missing.toString());
        assertThat(server.getSessionsOpened()).isZero();
    }

    @Test
    void shouldWarnOnEveryConnectionWhenAcceptingAnyHostKey() {
        SshSettings settings = SshFixture.settings(server, key, importDir).hostKey(HostKeyPolicy.acceptAny())
                .build();

        for (int i = 0; i < 2; i++) {
            try (RemoteFiles files = connector.open(settings, TIMEOUTS, log)) {
                assertThat(files.list(importDir)).isEmpty();
            }
        }

        assertThat(log.getLines()).filteredOn(line -> line.startsWith("WARNING "))
                .hasSize(2)
                .allSatisfy(line -> assertThat(line).contains("zope@127.0.0.1:" + server.getPort())
                        .contains(server.getHostKeyFingerprint()));
    }

    @Test
    void shouldReportRefusedKey() {
        TestKeys.KeyPairText stranger = SshFixture.key(temp, TestKeys.Type.ECDSA, TestKeys.Format.OPENSSH, null);
        SshSettings settings = SshFixture.settings(server, stranger, importDir).build();

        TransferException e = catchThrowableOfType(TransferException.class,
                () -> connector.open(settings, TIMEOUTS, log));

        assertThat(e.getKind()).isEqualTo(TransferException.Kind.AUTHENTICATION);
        assertThat(e.getMessage()).contains("'zope'").contains("refused the key");
    }

    @Test
    void shouldReportConnectionRefused() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        SshSettings settings = SshFixture.settings(server, key, importDir).port(port).build();

        TransferException e = catchThrowableOfType(TransferException.class,
                () -> connector.open(settings, TIMEOUTS, log));

        assertThat(e.getKind()).isEqualTo(TransferException.Kind.TRANSPORT);
        assertThat(e.getMessage()).contains("zope@127.0.0.1:" + port).contains("refused");
    }

    @Test
    void shouldNameCiphersWhenServerSharesNone() {
        SshSettings settings = SshFixture.settings(server, key, importDir).ciphers(List.of("no-such-cipher"))
                .build();

        TransferException e = catchThrowableOfType(TransferException.class,
                () -> connector.open(settings, TIMEOUTS, log));

        assertThat(e.getKind()).isEqualTo(TransferException.Kind.TRANSPORT);
        assertThat(e.getMessage()).contains("no algorithm in common").contains("no-such-cipher");
    }

    @Test
    void shouldUseConfiguredCipher() {
        SshSettings settings = SshFixture.settings(server, key, importDir).ciphers(List.of("aes256-ctr")).build();

        try (RemoteFiles files = connector.open(settings, TIMEOUTS, log)) {
            assertThat(files.list(importDir)).isEmpty();
        }
        assertThat(log.getText()).contains("kex: client->server cipher: aes256-ctr");
    }

    @Test
    void shouldRefuseWrongPassphraseWithoutShowingSecrets() {
        TestKeys.KeyPairText encrypted = SshFixture.key(temp, TestKeys.Type.ED25519, TestKeys.Format.OPENSSH,
                PASSPHRASE);
        SshKey wrong = SshKey.of(SecretValue.of(encrypted.getPrivateKey()), SecretValue.of("wrong-SENTINEL"));
        SshSettings settings = SshFixture.settings(server, encrypted, importDir).key(wrong).build();

        assertThatThrownBy(() -> connector.open(settings, TIMEOUTS, log))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("passphrase is wrong")
                .hasMessageNotContaining("SENTINEL")
                .hasMessageNotContaining(secretLine(encrypted));
        assertThat(server.getSessionsOpened()).isZero();
    }

    @Test
    void shouldAskForPassphraseOfEncryptedKey() {
        TestKeys.KeyPairText encrypted = SshFixture.key(temp, TestKeys.Type.RSA, TestKeys.Format.PEM, PASSPHRASE);
        SshKey noPassphrase = SshKey.of(SecretValue.of(encrypted.getPrivateKey()), null);
        SshSettings settings = SshFixture.settings(server, encrypted, importDir).key(noPassphrase).build();

        assertThatThrownBy(() -> connector.open(settings, TIMEOUTS, log))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("give its passphrase");
    }

    @Test
    void shouldRefuseDamagedKeyWithoutShowingIt() {
        String damaged = "-----BEGIN OPENSSH PRIVATE KEY-----\nc2VjcmV0LVNFTlRJTkVMLWtleS10ZXh0\n"
                + "-----END OPENSSH PRIVATE KEY-----\n";
        SshSettings settings = SshFixture.settings(server, key, importDir)
                .key(SshKey.of(SecretValue.of(damaged), null)).build();

        assertThatThrownBy(() -> connector.open(settings, TIMEOUTS, log))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("cannot be read")
                .hasMessageNotContaining("c2VjcmV0");
    }

    @Test
    void shouldTellToUseScpWhenServerHasNoSftp() {
        server.close();
        server = EmbeddedSshServer.builder(temp.resolve("root")).authorize(SshFixture.USER, key.getPublicKey())
                .withoutSftp().start();

        assertThatThrownBy(() -> connector.open(SshFixture.settings(server, key, importDir).build(), TIMEOUTS, log))
                .isInstanceOf(TransferException.class).hasMessageContaining("SCP");
    }

    @Test
    void shouldNeverPutSecretsIntoLogsOrMessages() {
        TestKeys.KeyPairText encrypted = SshFixture.key(temp, TestKeys.Type.ECDSA, TestKeys.Format.PEM, PASSPHRASE);
        server.close();
        server = EmbeddedSshServer.builder(temp.resolve("root"))
                .authorize(SshFixture.USER, encrypted.getPublicKey()).start();
        SshSettings good = SshFixture.settings(server, encrypted, importDir).build();
        try (RemoteFiles files = connector.open(good, TIMEOUTS, log)) {
            files.upload(writeFile("a.bin", 1000), importDir, "a.zexp", sent -> { });
        }
        TransferException refused = catchThrowableOfType(TransferException.class, () -> connector.open(
                SshFixture.settings(server, encrypted, importDir).hostKey(HostKeyPolicy.pinned(key.getPublicKey()))
                        .build(), TIMEOUTS, log));

        String everything = log.getText() + "\n" + refused + "\n" + good + "\n" + good.getKey();
        assertThat(everything).doesNotContain(PASSPHRASE).doesNotContain(secretLine(encrypted));
        assertThat(log.getLines()).anySatisfy(line -> assertThat(line).startsWith("DEBUG ssh zope@127.0.0.1:"));
    }

    private Path writeFile(String name, int size) {
        try {
            byte[] data = new byte[size];
            new java.util.Random(size).nextBytes(data);
            return Files.write(temp.resolve(name), data);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** A line from the middle of the private key text (base64 key material). */
    private static String secretLine(TestKeys.KeyPairText key) {
        List<String> lines = key.getPrivateKey().lines().filter(line -> !line.startsWith("-----")
                && !line.contains(":") && !line.isBlank()).toList();
        return lines.get(lines.size() / 2);
    }
}
