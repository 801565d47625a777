package io.zopesync.testkit.zope;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(120)
class RealZopeTest {
    @TempDir
    Path temp;

    @Test
    void shouldServeTheManagerOnLoopbackUntilClosed() {
        Assumptions.assumeTrue(RealZope.isAvailable(), RealZope.unavailableReason());
        int port;

        try (RealZope zope = RealZope.start(temp.resolve("zope"), "admin", "s3cret")) {
            port = zope.getPort();
            assertThat(zope.getUrl()).isEqualTo("http://127.0.0.1:" + port);
            assertThat(zope.getImportDir()).isDirectory().isEqualTo(zope.getInstanceHome().resolve("import"));
            assertThat(zope.toString()).doesNotContain("s3cret");

            HttpResponse<byte[]> root = new ZopeHttp(zope.getUrl(), "admin", "s3cret").propfind("/", "0");
            HttpResponse<byte[]> wrong = new ZopeHttp(zope.getUrl(), "admin", "wrong").propfind("/", "0");

            assertThat(root.statusCode()).as(zope.getLog()).isEqualTo(207);
            assertThat(wrong.statusCode()).isEqualTo(401);
        }

        assertThatThrownBy(() -> {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 2000);
            }
        }).isInstanceOf(IOException.class);
    }

    @Test
    void shouldRefuseAUserNameWithAColon() {
        assertThatThrownBy(() -> RealZope.start(temp.resolve("zope"), "ad:min", "x"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ad:min");
        assertThat(Files.exists(temp.resolve("zope"))).isFalse();
    }
}
