package io.zopesync.testkit.zope;

import static io.zopesync.testkit.zope.ZopeHttp.text;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ZopeDoubleFlavourTest extends DemoDoubleTest {
    @Override
    ZopeFlavour flavour() {
        return ZopeFlavour.ZOPE_2_13;
    }

    @Test
    void shouldSendAnUnquotedContentDispositionAndAProtocol1Export() {
        HttpResponse<byte[]> response = http.get("/manage_exportObject?id=src&download:int=1");

        assertThat(response.headers().firstValue("Content-Disposition")).hasValue("inline;filename=src.zexp");
        byte[] body = response.body();
        assertThat(body[20] & 0xFF).as("first opcode of the first record").isEqualTo('c');
    }

    @Test
    void shouldChallengeWithoutCharset() {
        HttpResponse<byte[]> response = new ZopeHttp(zope.getUrl(), "adm", "wrong").get("/manage_main");

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("WWW-Authenticate")).hasValue("basic realm=\"Zope\"");
    }

    @Test
    void shouldAnswerA200MessagePageWhenNoIdsAreGiven() {
        HttpResponse<byte[]> response = http.get("/src/manage_delObjects");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(text(response)).contains("No items specified");
    }

    @Test
    void shouldAnswerErrorsAsSiteErrorPagesWithTheirType() {
        HttpResponse<byte[]> response = http.get("/src/manage_renameObject?id=doc1&new_id=sub");

        assertThat(response.statusCode()).isEqualTo(500);
        assertThat(text(response)).contains("Site Error", "CopyError", "Invalid Id");
    }

    @Test
    void shouldReimportItsOwnProtocol1Export() throws IOException {
        Files.createDirectories(home.resolve("import"));
        Files.write(home.resolve("import/src.zexp"), zope.export("/src"));

        HttpResponse<byte[]> response = http.get("/other/manage_importObject?file=src.zexp&suppress_events:int=1");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(zope.snapshot("/other/src")).isEqualTo(zope.snapshot("/src"));
        assertThat(zope.getEventLog()).anySatisfy(line -> assertThat(line).contains("suppress_events=ignored"));
    }

    @Test
    void shouldRefuseAProtocol3ExportFromAPython3Zope() throws IOException {
        Files.createDirectories(home.resolve("import"));
        Files.write(home.resolve("import/sub.zexp"), sample("sub-folder.zexp"));

        HttpResponse<byte[]> response = http.get("/other/manage_importObject?file=sub.zexp");

        assertThat(response.statusCode()).isEqualTo(500);
        assertThat(zope.exists("/other/sub")).isFalse();
    }

    @Test
    void shouldKeepAnEmpty200() {
        assertThat(http.get("/src/my%20file").statusCode()).isEqualTo(200);
    }

    @Test
    void shouldFailToImportAProtocol1ExportWithNonAsciiIntoZope5() throws IOException {
        zope.setTitle("/src/doc1", "Zürich");
        byte[] export = zope.export("/src/doc1");
        Path zope5Home = Files.createDirectories(home.resolve("zope5"));
        Files.createDirectories(zope5Home.resolve("import"));
        Files.write(zope5Home.resolve("import/doc1.zexp"), export);
        try (ZopeDouble zope5 = ZopeDouble.builder().user("adm").password("secret").instanceHome(zope5Home)
                .build().start()) {
            HttpResponse<byte[]> response = new ZopeHttp(zope5.getUrl(), "adm", "secret")
                    .get("/manage_importObject?file=doc1.zexp");

            assertThat(response.statusCode()).isEqualTo(500);
            assertThat(zope5.getEventLog()).anySatisfy(line -> assertThat(line).contains("UnicodeDecodeError"));
        }
    }
}
