package io.zopesync.core.zope;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.zopesync.core.kernel.ObjectPath;
import io.zopesync.core.kernel.SecretValue;
import io.zopesync.core.kernel.SyncLog;
import io.zopesync.core.kernel.Timeouts;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Answers that the Zope double does not give: Zope 2.13's {@code MessageDialog} pages sent with status 200, an
 * HTML page instead of an export. A small JDK HTTP server plays Zope.
 */
class ZopeClientErrorPageTest {
    private static final String MESSAGE_DIALOG = "<HTML>\n<HEAD>\n<TITLE>Invalid Id</TITLE>\n</HEAD>\n"
            + "<BODY BGCOLOR=\"#FFFFFF\">\n<FORM ACTION=\"manage_main\" METHOD=\"GET\" >\n"
            + "<TABLE BORDER=\"0\" WIDTH=\"100%\" CELLPADDING=\"10\">\n<TR>\n  <TD VALIGN=\"TOP\">\n  <BR>\n"
            + "  <CENTER><B><FONT SIZE=\"+6\" COLOR=\"#77003B\">!</FONT></B></CENTER>\n  </TD>\n"
            + "  <TD VALIGN=\"TOP\">\n  <BR><BR>\n  <CENTER>\n  The id &quot;doc2&quot; is already in use.\n"
            + "  </CENTER>\n  </TD>\n</TR>\n</TABLE>\n</FORM>\n</BODY></HTML>";

    private final List<String> requests = new CopyOnWriteArrayList<>();
    private HttpServer http;
    private ZopeApi client;

    @BeforeEach
    void start() throws IOException {
        http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        http.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            String path = exchange.getRequestURI().getPath();
            requests.add(exchange.getRequestMethod() + " " + path);
            byte[] body = (path.endsWith("/manage_renameObject") ? MESSAGE_DIALOG
                    : "<html><head><title>Log in</title></head><body><form>Please log in</form></body></html>")
                    .getBytes(StandardCharsets.ISO_8859_1);
            exchange.getResponseHeaders().add("Content-Type", "text/html; charset=iso-8859-1");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        http.start();
        ZopeServer server = ZopeServer.of("old", "http://127.0.0.1:" + http.getAddress().getPort(), "adm",
                SecretValue.of("secret"));
        Timeouts timeouts = Timeouts.defaults().withConnect(Duration.ofSeconds(2)).withRead(Duration.ofSeconds(5));
        client = ZopeClient.create(server, timeouts, 3, Duration.ofMillis(10), 2, SyncLog.NONE);
    }

    @AfterEach
    void stop() {
        client.close();
        http.stop(0);
    }

    @Test
    void shouldTakeAMessageDialogSentWithStatus200ForAFailure() {
        assertThatThrownBy(() -> client.rename(ObjectPath.parse("/src"), "doc1", "doc2"))
                .isInstanceOfSatisfying(ZopeException.class, e -> {
                    assertThat(e.getKind()).isEqualTo(ZopeException.Kind.SERVER);
                    assertThat(e.getStatus()).isEqualTo(200);
                    assertThat(e.getObject()).isEqualTo("/src/doc1");
                })
                .hasMessage("Zope 'old' could not rename 'doc1' to 'doc2' in /src: Invalid Id: The id \"doc2\" is"
                        + " already in use. (HTTP 200 with an error page)");
        assertThat(requests).containsExactly("POST /src/manage_renameObject");
    }

    @Test
    void shouldRefuseAnHtmlPageInsteadOfAnExport(@TempDir Path dir) {
        Path file = dir.resolve("doc1.zexp");

        assertThatThrownBy(() -> client.export(ObjectPath.parse("/src/doc1"), file, size -> { }))
                .isInstanceOfSatisfying(ZopeException.class, e -> assertThat(e.getStatus()).isEqualTo(200))
                .hasMessage("Zope 'old' could not export /src/doc1: Zope answered with an HTML page instead of a"
                        + " .zexp file: Please log in (HTTP 200)");
        assertThat(file).doesNotExist();
    }
}
