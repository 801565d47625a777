package io.zopesync.core.zope;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import io.zopesync.core.InvalidInputException;
import io.zopesync.core.ObjectPath;
import io.zopesync.core.SecretValue;
import io.zopesync.core.SyncLog;
import io.zopesync.core.Timeouts;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * TLS against a small HTTPS server (the JDK's) whose certificate comes from a private CA made for the test.
 */
class ZopeClientTlsTest {
    private static final Timeouts TIMEOUTS = Timeouts.defaults().withConnect(Duration.ofSeconds(5))
            .withRead(Duration.ofSeconds(5));
    private static TestCertificates certificates;
    private static HttpsServer https;
    private static final AtomicInteger PROPFINDS = new AtomicInteger();

    @BeforeAll
    static void startHttpsServer() throws Exception {
        certificates = TestCertificates.forLoopback();
        https = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        https.setHttpsConfigurator(new HttpsConfigurator(certificates.serverContext()));
        https.createContext("/", exchange -> {
            byte[] body = ("<?xml version=\"1.0\" encoding=\"utf-8\"?><d:multistatus xmlns:d=\"DAV:\">"
                    + "<d:response><d:href>/</d:href></d:response></d:multistatus>")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getRequestBody().readAllBytes();
            if ("PROPFIND".equals(exchange.getRequestMethod())) {
                PROPFINDS.incrementAndGet();
                exchange.getResponseHeaders().add("Content-Type", "text/xml; charset=utf-8");
                exchange.sendResponseHeaders(207, body.length);
                exchange.getResponseBody().write(body);
            } else {
                exchange.sendResponseHeaders(405, -1);
            }
            exchange.close();
        });
        https.start();
    }

    @AfterAll
    static void stopHttpsServer() {
        https.stop(0);
    }

    private static ZopeApi client(String host, String caPem) {
        ZopeServer server = ZopeServer.of("secure", "https://" + host + ":" + https.getAddress().getPort(), "adm",
                SecretValue.of("secret"), caPem);
        return ZopeClient.create(server, TIMEOUTS, 3, Duration.ofMillis(10), 2, SyncLog.NONE);
    }

    @Test
    void shouldTrustServerSignedByTheExtraCa() throws Exception {
        try (ZopeApi zope = client("127.0.0.1", certificates.caPem())) {
            zope.checkLogin();
            assertThat(zope.listIds(ObjectPath.root())).isEmpty();
        }
    }

    @Test
    void shouldRefuseServerOfUnknownCaWithoutRetrying() {
        int before = PROPFINDS.get();
        try (ZopeApi zope = client("127.0.0.1", null)) {
            assertThatThrownBy(zope::checkLogin)
                    .isInstanceOfSatisfying(ZopeException.class, e -> {
                        assertThat(e.getKind()).isEqualTo(ZopeException.Kind.TRANSPORT);
                        assertThat(e.getStatus()).isZero();
                        assertThat(e.getServer()).isEqualTo("secure");
                    })
                    .hasMessageContaining("Zope 'secure'")
                    .hasMessageContaining("TLS handshake failed")
                    .hasMessageContaining("private CA");
        }
        assertThat(PROPFINDS.get()).isEqualTo(before);
    }

    @Test
    void shouldStillCheckTheHostNameWhenTheCaIsTrusted() throws Exception {
        try (ZopeApi zope = client("localhost", certificates.caPem())) {
            assertThatThrownBy(zope::checkLogin)
                    .isInstanceOfSatisfying(ZopeException.class,
                            e -> assertThat(e.getKind()).isEqualTo(ZopeException.Kind.TRANSPORT))
                    .hasMessageContaining("TLS handshake failed")
                    .hasMessageContaining("not made out for host localhost");
        }
    }

    @Test
    void shouldRefuseAnUnreadableCaCertificateBeforeConnecting() {
        String broken = "-----BEGIN CERTIFICATE-----\nbm90IGEgY2VydGlmaWNhdGU=\n-----END CERTIFICATE-----\n";
        assertThatThrownBy(() -> client("127.0.0.1", broken))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("CA certificate of environment 'secure' cannot be read");
    }
}
