package io.zopesync.testkit.ssh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.sftp.client.SftpClient;
import org.apache.sshd.sftp.client.SftpClientFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Checks the embedded server with MINA's own client (the testkit does not depend on the engine's JSch). */
@Timeout(60)
class EmbeddedSshServerTest {
    private static final Duration WAIT = Duration.ofSeconds(10);

    @TempDir
    Path temp;

    private KeyPair clientKey;
    private SshClient client;
    private EmbeddedSshServer server;
    private final AtomicReference<PublicKey> offeredHostKey = new AtomicReference<>();

    @BeforeEach
    void setUp() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        clientKey = generator.generateKeyPair();
        client = SshClient.setUpDefaultClient();
        client.setServerKeyVerifier((session, address, key) -> {
            offeredHostKey.set(key);
            return true;
        });
        client.start();
    }

    @AfterEach
    void tearDown() {
        client.stop();
        if (server != null) {
            server.close();
        }
    }

    private EmbeddedSshServer start(boolean sftp) {
        EmbeddedSshServer.Builder builder = EmbeddedSshServer.builder(temp)
                .authorize("zope", PublicKeyEntry.toString(clientKey.getPublic()) + " test");
        return (sftp ? builder : builder.withoutSftp()).start();
    }

    private ClientSession login(KeyPair key) throws IOException {
        ClientSession session = client.connect("zope", server.getHost(), server.getPort()).verify(WAIT)
                .getSession();
        session.addPublicKeyIdentity(key);
        session.auth().verify(WAIT);
        return session;
    }

    @Test
    void shouldOfferItsAdvertisedHostKey() throws IOException {
        server = start(true);

        try (ClientSession session = login(clientKey)) {
            assertThat(session.isAuthenticated()).isTrue();
        }

        assertThat(PublicKeyEntry.toString(offeredHostKey.get())).isEqualTo(server.getHostKey());
        assertThat(server.getHostKey()).startsWith("ecdsa-sha2-nistp256 AAAA");
        assertThat(server.getHostKeyFingerprint()).startsWith("SHA256:").hasSize(50)
                .isEqualTo(KeyUtils.getFingerPrint(offeredHostKey.get()));
        assertThat(server.getKnownHostsLine()).isEqualTo("[127.0.0.1]:" + server.getPort() + " "
                + server.getHostKey());
    }

    @Test
    void shouldRefuseUnknownKey() throws GeneralSecurityException {
        server = start(true);
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair stranger = generator.generateKeyPair();

        assertThatThrownBy(() -> login(stranger).close()).isInstanceOf(IOException.class);
    }

    @Test
    void shouldCountSessions() throws IOException {
        server = start(true);

        try (ClientSession first = login(clientKey); ClientSession second = login(clientKey)) {
            assertThat(server.getSessionsOpen()).isEqualTo(2);
        }

        awaitNoOpenSessions();
        assertThat(server.getSessionsOpened()).isEqualTo(2);
    }

    @Test
    void shouldWriteThroughSftpToTheRealPath() throws IOException {
        server = start(true);
        Path target = temp.resolve("import/a.txt");
        Files.createDirectories(target.getParent());

        try (ClientSession session = login(clientKey);
                SftpClient sftp = SftpClientFactory.instance().createSftpClient(session);
                OutputStream out = sftp.write(server.remotePath(target))) {
            out.write("hello".getBytes(StandardCharsets.UTF_8));
        }

        assertThat(target).hasContent("hello");
    }

    @Test
    void shouldRunShellCommands() throws IOException {
        server = start(false);

        try (ClientSession session = login(clientKey)) {
            assertThat(session.executeRemoteCommand("echo 'it'\\''s' && ls -1A -- " + server.remotePath(temp)))
                    .startsWith("it's\n");
        }
    }

    @Test
    void shouldOfferNoSftpWhenAskedTo() throws IOException {
        server = start(false);

        try (ClientSession session = login(clientKey)) {
            assertThatThrownBy(() -> SftpClientFactory.instance().createSftpClient(session).close())
                    .isInstanceOf(IOException.class);
        }
    }

    @Test
    void shouldFailWritesOnFullDisk() throws IOException {
        server = start(true);
        server.getFaults().diskFull(true);
        Path target = temp.resolve("full.txt");

        try (ClientSession session = login(clientKey);
                SftpClient sftp = SftpClientFactory.instance().createSftpClient(session)) {
            assertThatThrownBy(() -> {
                try (OutputStream out = sftp.write(server.remotePath(target))) {
                    out.write(new byte[1000]);
                }
            }).hasMessageContaining("No space left on device");
        }
    }

    @Test
    void shouldDropSessionAfterBytes() throws IOException {
        server = start(true);
        server.getFaults().dropConnectionAfterBytes(10_000);
        Path target = temp.resolve("drop.bin");

        try (ClientSession session = login(clientKey);
                SftpClient sftp = SftpClientFactory.instance().createSftpClient(session)) {
            assertThatThrownBy(() -> {
                try (OutputStream out = sftp.write(server.remotePath(target))) {
                    out.write(new byte[100_000]);
                }
            }).isInstanceOf(IOException.class);
        }
        awaitNoOpenSessions();
        assertThat(Files.size(target)).isLessThanOrEqualTo(10_000);
    }

    private void awaitNoOpenSessions() {
        assertThat(server.awaitSessionsClosed(Duration.ofSeconds(5))).isZero();
    }
}
