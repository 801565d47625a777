package io.zopesync.core.zope;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zopesync.core.kernel.InvalidInputException;
import io.zopesync.core.kernel.ObjectPath;
import io.zopesync.core.kernel.SecretValue;
import io.zopesync.core.kernel.SyncLog;
import io.zopesync.core.kernel.Timeouts;
import io.zopesync.testkit.zope.ZopeDouble;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * TLS against the Zope double serving HTTPS with a certificate for 127.0.0.1 from a private CA made for the test.
 */
class ZopeClientTlsTest {
    private static final Timeouts TIMEOUTS = Timeouts.defaults().withConnect(Duration.ofSeconds(5))
            .withRead(Duration.ofSeconds(5));
    @TempDir
    static Path home;
    private static TestCertificates certificates;
    private static ZopeDouble zope;

    @BeforeAll
    static void startHttpsZope() throws Exception {
        certificates = TestCertificates.forLoopback();
        zope = ZopeDouble.builder().user("adm").password("secret").instanceHome(home)
                .https(certificates.serverContext()).build()
                .addFolder("/src")
                .start();
    }

    @AfterAll
    static void stopHttpsZope() {
        zope.close();
    }

    @BeforeEach
    void forgetCalls() {
        zope.clearCalls();
    }

    private static ZopeApi client(String host, String caPem) {
        ZopeServer server = ZopeServer.of("secure", "https://" + host + ":" + zope.getPort(), "adm",
                SecretValue.of("secret"), caPem);
        return ZopeClient.create(server, TIMEOUTS, 3, Duration.ofMillis(10), 2, SyncLog.NONE);
    }

    @Test
    void shouldTrustAServerSignedByTheExtraCa() throws Exception {
        try (ZopeApi client = client("127.0.0.1", certificates.caPem())) {
            client.checkLogin();
            assertThat(client.listIds(ObjectPath.root())).containsExactly("src");
        }
        assertThat(zope.calls("PROPFIND")).hasSize(2);
    }

    @Test
    void shouldRefuseAServerOfAnUnknownCaWithoutRetrying() {
        try (ZopeApi client = client("127.0.0.1", null)) {
            assertThatThrownBy(client::checkLogin)
                    .isInstanceOfSatisfying(ZopeException.class, e -> {
                        assertThat(e.getKind()).isEqualTo(ZopeException.Kind.TRANSPORT);
                        assertThat(e.getStatus()).isZero();
                        assertThat(e.getServer()).isEqualTo("secure");
                    })
                    .hasMessageContaining("Zope 'secure'")
                    .hasMessageContaining("TLS handshake failed")
                    .hasMessageContaining("private CA");
        }
        assertThat(zope.calls()).isEmpty();
    }

    @Test
    void shouldStillCheckTheHostNameWhenTheCaIsTrusted() throws Exception {
        try (ZopeApi client = client("localhost", certificates.caPem())) {
            assertThatThrownBy(client::checkLogin)
                    .isInstanceOfSatisfying(ZopeException.class,
                            e -> assertThat(e.getKind()).isEqualTo(ZopeException.Kind.TRANSPORT))
                    .hasMessageContaining("TLS handshake failed")
                    .hasMessageContaining("not made out for host localhost");
        }
        assertThat(zope.calls()).isEmpty();
    }

    @Test
    void shouldRefuseAnUnreadableCaCertificateBeforeConnecting() {
        String broken = "-----BEGIN CERTIFICATE-----\nbm90IGEgY2VydGlmaWNhdGU=\n-----END CERTIFICATE-----\n";

        assertThatThrownBy(() -> client("127.0.0.1", broken))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("CA certificate of environment 'secure' cannot be read");
        assertThat(zope.calls()).isEmpty();
    }
}
