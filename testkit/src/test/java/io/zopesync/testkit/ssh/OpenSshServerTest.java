package io.zopesync.testkit.ssh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(60)
class OpenSshServerTest {
    @TempDir
    Path temp;

    @Test
    void shouldServeOnLoopbackUntilClosed() throws IOException {
        Assumptions.assumeTrue(OpenSshServer.isAvailable(), OpenSshServer.unavailableReason());
        TestKeys.KeyPairText key = TestKeys.generate(temp, TestKeys.Type.ED25519, TestKeys.Format.OPENSSH);
        int port;

        try (OpenSshServer sshd = OpenSshServer.start(temp.resolve("sshd"), List.of(key.getPublicKey()), true)) {
            port = sshd.getPort();
            assertThat(sshd.getHostKey()).startsWith("ssh-ed25519 AAAA").doesNotContain("zope-sync-test-host");
            assertThat(sshd.getHostKeyFingerprint()).startsWith("SHA256:");
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
                socket.setSoTimeout(5000);
                InputStream in = socket.getInputStream();
                byte[] banner = in.readNBytes(8);
                assertThat(new String(banner, StandardCharsets.US_ASCII)).isEqualTo("SSH-2.0-");
            }
        }

        assertThatThrownBy(() -> {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 2000);
            }
        }).isInstanceOf(IOException.class);
    }
}
