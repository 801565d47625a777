package io.jenkins.plugins.zopesync.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.zopesync.core.kernel.SecretValue;
import io.zopesync.core.kernel.Timeouts;
import io.zopesync.core.ssh.HostKeyPolicy;
import io.zopesync.core.ssh.RemoteFiles;
import io.zopesync.core.ssh.SshConnector;
import io.zopesync.core.ssh.SshKey;
import io.zopesync.core.ssh.SshSettings;
import io.zopesync.core.ssh.TransferException;
import java.lang.reflect.Proxy;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConnectionTestsTest {
    private static final SshSettings SETTINGS = SshSettings.builder("prod", "127.0.0.1")
            .username("zope")
            .key(SshKey.of(
                    SecretValue.of("-----BEGIN OPENSSH PRIVATE KEY-----\nx\n-----END OPENSSH PRIVATE KEY-----"), null))
            .hostKey(HostKeyPolicy.acceptAny())
            .importDir("/srv/import")
            .build();
    private static final Timeouts FAST =
            Timeouts.defaults().withConnect(Duration.ofSeconds(2)).withRead(Duration.ofSeconds(2));

    @Test
    void shouldCheckTheImportDirectoryAndPassOnTheConnectorsWarnings() {
        List<String> calls = new ArrayList<>();
        SshConnector connector = (settings, timeouts, log) -> {
            log.warn("accepting any host key of zope@127.0.0.1:22");
            return remoteFiles(calls);
        };

        Check check = ConnectionTests.ssh(connector, SETTINGS, FAST);

        assertThat(calls).containsExactly("checkWritableDirectory /srv/import", "close");
        assertThat(check.getKind()).isEqualTo(Check.Kind.WARNING);
        assertThat(check.getMessage()).contains("accepting any host key");
    }

    @Test
    void shouldReportAFailedLoginAsAnErrorNamingTheEndpoint() {
        SshConnector connector = (settings, timeouts, log) -> {
            throw new TransferException(
                    TransferException.Kind.AUTHENTICATION,
                    settings.getEndpoint(),
                    "SSH login as zope@127.0.0.1:22 refused",
                    null);
        };

        Check check = ConnectionTests.ssh(connector, SETTINGS, FAST);

        assertThat(check.isError()).isTrue();
        assertThat(check.getMessage()).contains("zope@127.0.0.1:22");
    }

    @Test
    void shouldReportThatNoHostKeyCouldBeFetchedNamingTheEndpoint() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }

        Check check = ConnectionTests.fetchHostKey("127.0.0.1", port, FAST);

        assertThat(check.isError()).isTrue();
        assertThat(check.getMessage()).contains("127.0.0.1:" + port);
    }

    private static RemoteFiles remoteFiles(List<String> calls) {
        return (RemoteFiles) Proxy.newProxyInstance(
                RemoteFiles.class.getClassLoader(), new Class<?>[] {RemoteFiles.class}, (proxy, method, args) -> {
                    calls.add(method.getName() + (args == null ? "" : " " + args[0]));
                    return null;
                });
    }
}
