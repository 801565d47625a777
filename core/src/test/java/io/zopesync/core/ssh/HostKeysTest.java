package io.zopesync.core.ssh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zopesync.core.kernel.InvalidInputException;
import io.zopesync.core.kernel.Timeouts;
import java.net.ServerSocket;
import java.security.KeyPair;
import java.time.Duration;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.digest.BuiltinDigests;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.apache.sshd.server.SshServer;
import org.junit.jupiter.api.Test;

class HostKeysTest {
    private static final Timeouts FAST = Timeouts.defaults().withConnect(Duration.ofSeconds(5))
            .withRead(Duration.ofSeconds(5));

    @Test
    void shouldReportTheKeyTheServerOffersWithItsOpenSshFingerprint() throws Exception {
        KeyPair pair = KeyUtils.generateKeyPair(KeyPairProvider.ECDSA_SHA2_NISTP256, 256);
        SshServer server = SshServer.setUpDefaultServer();
        server.setHost("127.0.0.1");
        server.setPort(0);
        server.setKeyPairProvider(KeyPairProvider.wrap(pair));
        server.setPasswordAuthenticator((user, password, session) -> false);
        server.start();
        try {
            HostKeys.Offered offered = HostKeys.fetch("127.0.0.1", server.getPort(), FAST);

            assertThat(offered.fingerprint())
                    .isEqualTo(KeyUtils.getFingerPrint(BuiltinDigests.sha256, pair.getPublic()));
            assertThat(offered.keyLine()).startsWith("ecdsa-sha2-nistp256 AAAA");
            assertThat(HostKeyPolicy.pinned(offered.keyLine()).getValue()).isEqualTo(offered.keyLine());
            assertThat(HostKeyPolicy.pinned(offered.fingerprint()).isFingerprint()).isTrue();
        } finally {
            server.stop(true);
        }
    }

    @Test
    void shouldNameTheEndpointWhenNothingListens() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        int closed = port;
        assertThatThrownBy(() -> HostKeys.fetch("127.0.0.1", closed, FAST))
                .isInstanceOf(TransferException.class)
                .hasMessageContaining("127.0.0.1:" + closed);
    }

    @Test
    void shouldRefuseAnOptionLikeHostBeforeConnecting() {
        assertThatThrownBy(() -> HostKeys.fetch("-oProxyCommand=x", 22, FAST))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("-oProxyCommand=x");
    }
}
