package io.zopesync.testkit.zope;

import static io.zopesync.testkit.zope.ZopeHttp.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.SocketTimeoutException;
import java.net.URL;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class ZopeDoubleFaultsTest extends DemoDoubleTest {
    @Test
    void shouldDelayEveryCall() {
        zope.delay(Duration.ofMillis(300));
        long start = System.nanoTime();

        http.propfind("/src", "0");

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
    }

    @Test
    void shouldFailTheNextCallsOfAMethodWithoutPerformingThem() throws IOException {
        Files.createDirectories(home.resolve("import"));
        Files.write(home.resolve("import/sub.zexp"), zope.export("/src/sub"));
        zope.failNext("manage_importObject", 2, 500);

        HttpResponse<byte[]> first = http.get("/other/manage_importObject?file=sub.zexp");
        HttpResponse<byte[]> second = http.get("/other/manage_importObject?file=sub.zexp");
        assertThat(zope.exists("/other/sub")).isFalse();
        HttpResponse<byte[]> third = http.get("/other/manage_importObject?file=sub.zexp");

        assertThat(first.statusCode()).isEqualTo(500);
        assertThat(text(first)).startsWith("Internal Server Error");
        assertThat(second.statusCode()).isEqualTo(500);
        assertThat(third.statusCode()).isEqualTo(200);
        assertThat(zope.exists("/other/sub")).isTrue();
        assertThat(zope.calls("manage_importObject")).extracting(ZopeCall::getStatus).containsExactly(500, 500, 200);
    }

    @Test
    void shouldFailOnlyTheNthCall() {
        zope.failOn("PROPFIND", 2, 503);

        assertThat(http.propfind("/src", "0").statusCode()).isEqualTo(207);
        assertThat(http.propfind("/src", "0").statusCode()).isEqualTo(503);
        assertThat(http.propfind("/src", "0").statusCode()).isEqualTo(207);
    }

    @Test
    void shouldAnswerAForcedUnauthorizedWithZopesChallenge() {
        zope.failNext("manage_exportObject", 1, 401);

        HttpResponse<byte[]> response = http.get("/manage_exportObject?id=src&download:int=1");

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("WWW-Authenticate")).isPresent();
    }

    @Test
    void shouldRedirectAForcedRedirectToALoginFormLikePlone() {
        zope.failNext("manage_delObjects", 1, 302);

        HttpResponse<byte[]> response = http.get("/src/manage_delObjects?ids=doc1");

        assertThat(response.statusCode()).isEqualTo(302);
        assertThat(response.headers().firstValue("Location")).hasValueSatisfying(
                location -> assertThat(location).startsWith(zope.getUrl() + "/login_form?came_from="));
        assertThat(zope.exists("/src/doc1")).isTrue();
    }

    @Test
    void shouldDropTheConnectionWithoutPerformingTheCall() {
        zope.dropConnection("manage_delObjects");

        // a POST: java.net.http silently retries a GET whose connection was closed
        assertThatThrownBy(() -> http.post("/manage_delObjects", "ids=src"))
                .isInstanceOf(UncheckedIOException.class);
        assertThat(zope.exists("/src")).isTrue();
        assertThat(zope.calls("manage_delObjects")).extracting(ZopeCall::getStatus).containsExactly(0);
        assertThat(http.post("/manage_delObjects", "ids=src").statusCode()).isEqualTo(200);
    }

    @Test
    void shouldStallTheBodyAfterPerformingTheCallUntilReleased() throws IOException {
        zope.stallBody("manage_exportObject");
        HttpURLConnection connection = (HttpURLConnection) new URL(zope.getUrl()
                + "/manage_exportObject?id=src&download:int=1").openConnection();
        connection.setRequestProperty("Authorization", "Basic "
                + Base64.getEncoder().encodeToString("adm:secret".getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        connection.setConnectTimeout(5000);
        connection.setReadTimeout(500);
        try {
            assertThat(connection.getResponseCode()).isEqualTo(200);
            assertThat(connection.getContentLengthLong()).isEqualTo(zope.export("/src").length);
            try (InputStream body = connection.getInputStream()) {
                assertThatThrownBy(body::readAllBytes).isInstanceOf(SocketTimeoutException.class);
            }
        } finally {
            connection.disconnect();
            zope.clearFaults();
        }
    }

    @Test
    void shouldAcceptNoNegativeDelayAndNoImpossibleStatus() {
        assertThatThrownBy(() -> zope.delay(Duration.ofSeconds(-1))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("-1");
        assertThatThrownBy(() -> zope.failNext("GET", 1, 42)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("42");
        assertThatThrownBy(() -> zope.failOn("GET", 0, 500)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("0");
    }
}
