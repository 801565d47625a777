package io.zopesync.testkit.zope;

import static io.zopesync.testkit.zope.ZopeHttp.encode;
import static io.zopesync.testkit.zope.ZopeHttp.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ZopeDoubleTest extends DemoDoubleTest {
    private Path importDirectory() throws IOException {
        return Files.createDirectories(home.resolve("import"));
    }

    @Test
    void shouldListenOnLoopbackWithAFreePort() {
        assertThat(zope.getUrl()).matches("http://127\\.0\\.0\\.1:\\d+");
        assertThat(zope.getPort()).isPositive();
    }

    @Test
    void shouldDownloadAnExportWithZope5Headers() {
        HttpResponse<byte[]> response = http.get("/manage_exportObject?id=src&download:int=1");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/data");
        assertThat(response.headers().firstValue("Content-Disposition"))
                .hasValue("inline; filename=\"src.zexp\"");
        assertThat(response.body()).startsWith("ZEXP".getBytes(StandardCharsets.US_ASCII));
        assertThat(response.body()).isEqualTo(zope.export("/src"));
    }

    @Test
    void shouldExportTheSameUnchangedObjectByteIdentically() {
        byte[] first = http.get("/src/manage_exportObject?id=sub&download:int=1").body();
        byte[] second = http.post("/src/manage_exportObject", "id=sub&download:int=1").body();

        assertThat(second).isEqualTo(first);
    }

    @Test
    void shouldTreatTheString0AsADownload() {
        HttpResponse<byte[]> response = http.get("/manage_exportObject?id=src&download=0");

        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/data");
        assertThat(Files.exists(home.resolve("var/src.zexp"))).isFalse();
    }

    @Test
    void shouldWriteAServerSideExportIntoVar() throws IOException {
        HttpResponse<byte[]> response = http.get("/manage_exportObject?id=src&download:int=0");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("text/html"));
        assertThat(text(response)).contains("successfully exported");
        assertThat(Files.readAllBytes(home.resolve("var/src.zexp"))).isEqualTo(zope.export("/src"));
    }

    @Test
    void shouldExportTheContainerItselfWhenNoIdIsGiven() {
        HttpResponse<byte[]> response = http.get("/src/sub/manage_exportObject?download:int=1");

        assertThat(response.headers().firstValue("Content-Disposition")).hasValue("inline; filename=\"sub.zexp\"");
        assertThat(response.body()).isEqualTo(zope.export("/src/sub"));
    }

    @Test
    void shouldAnswerABare500WhenTheExportedIdIsMissing() {
        HttpResponse<byte[]> response = http.get("/manage_exportObject?id=nope&download:int=1");

        assertThat(response.statusCode()).isEqualTo(500);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("text/plain; charset=utf-8");
        assertThat(response.headers().firstValue("Connection")).hasValue("close");
        assertThat(text(response)).startsWith("Internal Server Error").doesNotContain("nope");
    }

    @Test
    void shouldImportAnExportUnderItsOwnIdWhateverTheFileIsCalled() throws IOException {
        byte[] export = zope.export("/src/sub");
        Files.write(importDirectory().resolve("renamed.zexp"), export);

        HttpResponse<byte[]> response = http.get("/other/manage_importObject?file=renamed.zexp");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(text(response)).contains("sub");
        assertThat(zope.ids("/other")).containsExactly("sub");
        assertThat(zope.snapshot("/other/sub")).isEqualTo(zope.snapshot("/src/sub"));
    }

    @Test
    void shouldGiveImportedObjectsNewOidsSoTheirReExportDiffers() throws IOException {
        Files.write(importDirectory().resolve("sub.zexp"), zope.export("/src/sub"));

        http.post("/other/manage_importObject", "file=sub.zexp&set_owner:int=0&suppress_events:int=1");

        assertThat(zope.export("/other/sub")).isNotEqualTo(zope.export("/src/sub"));
        assertThat(zope.getEventLog()).anySatisfy(line -> assertThat(line)
                .contains("imported sub").contains("set_owner=0").contains("suppress_events=1"));
    }

    @Test
    void shouldRoundTripAnExportThroughDeleteAndImport() throws IOException {
        ZopeNode before = zope.snapshot();
        Files.write(importDirectory().resolve("src.zexp"), http.get("/manage_exportObject?id=src&download:int=1")
                .body());

        assertThat(http.get("/manage_delObjects?ids:list=src").statusCode()).isEqualTo(200);
        assertThat(zope.exists("/src")).isFalse();
        assertThat(http.get("/manage_importObject?file=src.zexp").statusCode()).isEqualTo(200);

        ZopeNode after = zope.snapshot();
        assertThat(after.getChildren()).extracting(ZopeNode::getId).containsExactly("other", "src");
        assertThat(after.getChild("src")).isEqualTo(before.getChild("src"));
    }

    @ParameterizedTest
    @CsvSource({
        "sub-folder.zexp, sub, FOLDER",
        "src-folder-tree.zexp, src, FOLDER",
        "file-hello.txt.zexp, hello.txt, FILE",
        "file-my_file.zexp, my file, FILE",
        "image-pixel.png.zexp, pixel.png, IMAGE"
    })
    void shouldImportEachRealSample(String sample, String id, ZopeType type) throws IOException {
        Files.write(importDirectory().resolve(sample), sample(sample));

        HttpResponse<byte[]> response = http.get("/other/manage_importObject?file=" + encode(sample));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(zope.snapshot("/other/" + id).getType()).isEqualTo(type);
    }

    @Test
    void shouldExportLargeFilesAsChainsOfSmallRecordsAndImportThemBack() throws IOException {
        byte[] large = new byte[200_000];
        new java.util.Random(7).nextBytes(large);
        zope.addFile("/src/large.bin", large, "application/octet-stream");
        byte[] export = zope.export("/src/large.bin");
        Files.write(importDirectory().resolve("large.zexp"), export);

        http.get("/other/manage_importObject?file=large.zexp");

        assertThat(export.length).isGreaterThan(large.length);
        assertThat(zope.getContent("/other/large.bin")).isEqualTo(large);
        assertThat(zope.export("/src/large.bin")).isEqualTo(export);
        assertThat(new String(export, StandardCharsets.ISO_8859_1)).contains("OFS.Image\nPdata");
    }

    @Test
    void shouldImportTheRealFolderTreeWithAllItsContent() throws IOException {
        Files.write(importDirectory().resolve("tree.zexp"), sample("src-folder-tree.zexp"));

        http.get("/other/manage_importObject?file=tree.zexp");

        ZopeNode src = zope.snapshot("/other/src");
        assertThat(src.getTitle()).isEqualTo("Source folder");
        assertThat(src.getChildren()).extracting(ZopeNode::getId)
                .containsExactly("sub", "doc1", "hello.txt", "pixel.png", "my file", "v1.0");
        assertThat(src.getChild("doc1").orElseThrow().getText()).isEqualTo("<p>hello dtml</p>");
        assertThat(src.getChild("hello.txt").orElseThrow().getText()).isEqualTo("hello zope file\n");
        assertThat(src.getChild("hello.txt").orElseThrow().getContentType()).isEqualTo("text/plain");
        assertThat(src.getChild("sub").orElseThrow().getChild("inner").orElseThrow().getText())
                .isEqualTo("inner text");
        assertThat(src).isEqualTo(zope.snapshot("/src"));
    }

    @Test
    void shouldRefuseAnIdInUseAndAddNothing() throws IOException {
        Files.write(importDirectory().resolve("sub.zexp"), sample("sub-folder.zexp"));
        ZopeNode before = zope.snapshot();

        HttpResponse<byte[]> response = http.get("/src/manage_importObject?file=sub.zexp");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(text(response)).contains("Site Error")
                .contains("The id \"sub\" is invalid - it is already in use.");
        assertThat(zope.snapshot()).isEqualTo(before);
    }

    @ParameterizedTest
    @CsvSource({
        "corrupt-bad-magic.zexp, Invalid export header",
        "corrupt-truncated-200bytes.zexp, Truncated export file",
        "corrupt-garbage-after-magic.zexp, Truncated export file",
        "corrupt-byte-flipped.zexp, UnicodeDecodeError",
        "zodb-only-persistentmapping.zexp, PersistentMapping"
    })
    void shouldAnswerABare500ForABadFileAndLogTheReason(String sample, String reason) throws IOException {
        Files.write(importDirectory().resolve(sample), sample(sample));
        ZopeNode before = zope.snapshot();

        HttpResponse<byte[]> response = http.get("/other/manage_importObject?file=" + sample);

        assertThat(response.statusCode()).isEqualTo(500);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("text/plain; charset=utf-8");
        assertThat(response.headers().firstValue("Connection")).hasValue("close");
        assertThat(text(response)).doesNotContain(reason);
        assertThat(zope.snapshot()).isEqualTo(before);
        assertThat(zope.getEventLog()).anySatisfy(line -> assertThat(line).contains(sample).contains(reason));
    }

    @ParameterizedTest
    @CsvSource({
        "../x.zexp, Invalid file name x.zexp",
        "/etc/passwd, Invalid file name passwd",
        "sub/x.zexp, Invalid file name x.zexp",
        "missing.zexp, File does not exist: missing.zexp"
    })
    void shouldRefuseBadFileNamesWithZopesMessages(String file, String message) throws IOException {
        importDirectory();

        HttpResponse<byte[]> response = http.get("/manage_importObject?file=" + encode(file));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(text(response)).contains(message);
    }

    @Test
    void shouldLookInVarImportWhenTheInstanceImportDirectoryLacksTheFile() throws IOException {
        Path varImport = Files.createDirectories(home.resolve("var/import"));
        Files.write(varImport.resolve("pixel.zexp"), sample("image-pixel.png.zexp"));

        assertThat(http.get("/other/manage_importObject?file=pixel.zexp").statusCode()).isEqualTo(200);
        assertThat(zope.exists("/other/pixel.png")).isTrue();
    }

    @Test
    void shouldNotCreateTheImportDirectory() {
        HttpResponse<byte[]> response = http.get("/manage_importObject?file=x.zexp");

        assertThat(text(response)).contains("File does not exist: x.zexp");
        assertThat(Files.exists(home.resolve("import"))).isFalse();
    }

    @Test
    void shouldReportAMissingFileParameter() {
        HttpResponse<byte[]> response = http.get("/manage_importObject");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(text(response)).contains("The parameter, <em>file</em>, was omitted from the request.");
    }

    @Test
    void shouldIgnoreTheQueryStringWhenAPostHasAFormBody() throws IOException {
        Files.write(importDirectory().resolve("sub.zexp"), sample("sub-folder.zexp"));

        HttpResponse<byte[]> response = http.post("/other/manage_importObject?file=sub.zexp", "set_owner:int=0");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(text(response)).contains("The parameter, <em>file</em>, was omitted from the request.");
    }

    @Test
    void shouldDeleteSeveralIdsGivenAsAList() {
        HttpResponse<byte[]> deleted = http.get("/src/manage_delObjects?ids:list=doc1&ids:list=my%20file");

        assertThat(deleted.statusCode()).isEqualTo(200);
        assertThat(zope.ids("/src")).containsExactly("sub", "hello.txt", "pixel.png", "v1.0");
    }

    @Test
    void shouldDeleteASingleIdGivenWithoutConverter() {
        assertThat(http.post("/manage_delObjects", "ids=other").statusCode()).isEqualTo(200);
        assertThat(zope.exists("/other")).isFalse();
    }

    @Test
    void shouldRefuseToDeleteAMissingIdAndDeleteNothing() {
        ZopeNode before = zope.snapshot();

        HttpResponse<byte[]> response = http.get("/src/manage_delObjects?ids:list=doc1&ids:list=nope");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(text(response)).contains("nope does not exist");
        assertThat(zope.snapshot()).isEqualTo(before);
    }

    @Test
    void shouldRefuseADeleteWithoutIds() {
        HttpResponse<byte[]> response = http.get("/src/manage_delObjects");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(text(response)).contains("No items specified");
    }

    @Test
    void shouldTakeAnEmptyIdAsAnIdThatDoesNotExist() {
        HttpResponse<byte[]> response = http.get("/src/manage_delObjects?ids=");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(text(response)).contains(" does not exist");
    }

    @Test
    void shouldAnswer423ForALockedObject() {
        zope.setLocked("/src/doc1", true);

        assertThat(http.get("/src/manage_delObjects?ids=doc1").statusCode()).isEqualTo(423);
        assertThat(zope.exists("/src/doc1")).isTrue();
    }

    @Test
    void shouldRenameAnObjectToTheEndOfTheFolder() {
        ZopeNode doc = zope.snapshot("/src/doc1");

        HttpResponse<byte[]> response = http.get("/src/manage_renameObject?id=doc1&new_id=doc1.bak");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(zope.ids("/src")).endsWith("doc1.bak").doesNotContain("doc1");
        assertThat(zope.snapshot("/src/doc1.bak").getContent()).isEqualTo(doc.getContent());
    }

    @ParameterizedTest
    @CsvSource({
        "doc1, sub",
        "doc1, bad/id",
        "doc1, _hidden",
        "nope, fresh"
    })
    void shouldAnswerABare500ForARenameZopeRefuses(String id, String newId) {
        ZopeNode before = zope.snapshot();

        HttpResponse<byte[]> response = http.get("/src/manage_renameObject?id=" + encode(id) + "&new_id="
                + encode(newId));

        assertThat(response.statusCode()).isEqualTo(500);
        assertThat(text(response)).startsWith("Internal Server Error");
        assertThat(zope.snapshot()).isEqualTo(before);
    }

    @Test
    void shouldAddAFolderThroughTheFactory() {
        HttpResponse<byte[]> response = http.post("/other/manage_addProduct/OFSP/manage_addFolder",
                "id=new&title=" + encode("A new folder"));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(zope.snapshot("/other/new").getTitle()).isEqualTo("A new folder");
    }

    @Test
    void shouldRefuseAFolderWhoseIdIsInUse() {
        HttpResponse<byte[]> response = http.get("/manage_addProduct/OFSP/manage_addFolder?id=src");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(text(response)).contains("The id \"src\" is invalid - it is already in use.");
    }

    @Test
    void shouldRedirectAfterAddingADocumentOrAFile() {
        HttpResponse<byte[]> document = http.post("/other/manage_addProduct/OFSP/manage_addDTMLDocument",
                "id=index_html&file=" + encode("<p>hi</p>"));
        HttpResponse<byte[]> file = http.post("/other/manage_addProduct/OFSP/manage_addFile",
                "id=a.txt&file=abc&content_type=text/plain");

        assertThat(document.statusCode()).isEqualTo(302);
        assertThat(document.headers().firstValue("Location")).hasValue(zope.getUrl() + "/other/manage_main");
        assertThat(file.statusCode()).isEqualTo(302);
        assertThat(zope.getContent("/other/index_html")).isEqualTo("<p>hi</p>".getBytes(StandardCharsets.UTF_8));
        assertThat(zope.snapshot("/other/a.txt").getContentType()).isEqualTo("text/plain");
    }

    @Test
    void shouldTellExistenceByPropfindWithoutAcquisition() {
        assertThat(http.propfind("/src/doc1", "0").statusCode()).isEqualTo(207);
        assertThat(http.propfind("/src/sub/doc1", "0").statusCode()).isEqualTo(404);
        assertThat(http.propfind("/nope/doc1", "0").statusCode()).isEqualTo(404);
    }

    @Test
    void shouldFindAMissingObjectByAcquisitionOnGet() {
        HttpResponse<byte[]> acquired = http.get("/src/sub/doc1");

        assertThat(acquired.statusCode()).isEqualTo(200);
        assertThat(text(acquired)).isEqualTo("<p>hello dtml</p>");
        assertThat(text(http.get("/src/sub/doc1/absolute_url_path"))).isEqualTo("/src/doc1");
        assertThat(http.get("/src/sub/nope").statusCode()).isEqualTo(404);
        assertThat(text(http.get("/src/sub/nope"))).contains("Site Error");
    }

    @Test
    void shouldListAFolderWithPropfindDepth1() {
        HttpResponse<byte[]> response = http.propfind("/src/", "1");

        assertThat(response.statusCode()).isEqualTo(207);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("text/xml"));
        assertThat(text(response)).contains("<d:multistatus xmlns:d=\"DAV:\">")
                .contains("<d:href>/src/</d:href>", "<d:href>/src/sub/</d:href>", "<d:href>/src/doc1</d:href>",
                        "<d:href>/src/my%20file</d:href>", "<d:href>/src/v1.0/</d:href>")
                .doesNotContain("/src/sub/inner");
    }

    @Test
    void shouldListTheWholeTreeWithoutADepthHeader() {
        HttpResponse<byte[]> response = http.propfind("/src", null);

        assertThat(text(response)).contains("<d:href>/src/sub/inner</d:href>");
    }

    @Test
    void shouldAnswerHeadLikeGetWithoutABody() {
        HttpResponse<byte[]> response = http.send(http.request("/src/sub/hello.txt")
                .method("HEAD", java.net.http.HttpRequest.BodyPublishers.noBody()));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("text/plain");
        assertThat(response.body()).isEmpty();
    }

    @Test
    void shouldAddAFileUploadedAsMultipartNamedAfterItsFileName() {
        String boundary = "b0undary";
        String body = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"id\"\r\n\r\n\r\n"
                + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; "
                + "filename=\"C:\\docs\\report.txt\"\r\nContent-Type: text/plain\r\n\r\nreport body\r\n"
                + "--" + boundary + "--\r\n";

        HttpResponse<byte[]> response = http.send(http.request("/other/manage_addProduct/OFSP/manage_addFile")
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(body)));

        assertThat(response.statusCode()).isEqualTo(302);
        assertThat(zope.snapshot("/other/report.txt").getText()).isEqualTo("report body");
        assertThat(zope.calls().get(0).getParameters()).containsEntry("file", java.util.List.of("<11 bytes>"));
    }

    @Test
    void shouldAnswer500ForAValueThatIsNoInteger() {
        HttpResponse<byte[]> response = http.get("/manage_exportObject?id=src&download:int=yes");

        assertThat(response.statusCode()).isEqualTo(500);
        assertThat(zope.getEventLog()).anySatisfy(line -> assertThat(line).contains("ValueError"));
    }

    @Test
    void shouldRefuseAnInvalidDepth() {
        assertThat(http.propfind("/src", "2").statusCode()).isEqualTo(400);
    }

    @Test
    void shouldDenyManagementCallsWithoutValidCredentials() {
        ZopeHttp anonymous = new ZopeHttp(zope.getUrl(), null, null);
        ZopeHttp wrong = new ZopeHttp(zope.getUrl(), "adm", "wrong");

        HttpResponse<byte[]> response = wrong.get("/manage_exportObject?id=src&download:int=1");

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.body()).isEmpty();
        assertThat(response.headers().firstValue("WWW-Authenticate"))
                .hasValue("basic realm=\"Zope\", charset=\"UTF-8\"");
        assertThat(anonymous.propfind("/src", "0").statusCode()).isEqualTo(401);
        assertThat(anonymous.get("/src/doc1").statusCode()).isEqualTo(200);
    }

    @Test
    void shouldAnswer400ForAMalformedToken() {
        ZopeHttp malformed = http.withAuthorization("Basic !!!not-base64");

        assertThat(malformed.get("/manage_main").statusCode()).isEqualTo(400);
    }

    @Test
    void shouldAnswer404ForUnpublishableMethods() {
        assertThat(http.get("/src/objectIds").statusCode()).isEqualTo(404);
    }

    @Test
    void shouldTurnAnEmpty200Into204() {
        assertThat(http.get("/src/my%20file").statusCode()).isEqualTo(204);
    }

    @Test
    void shouldRecordCallsWithoutCredentials() {
        http.get("/src/manage_renameObject?id=doc1&new_id=doc2");
        http.propfind("/src/doc2", "0");

        assertThat(zope.calls()).extracting(ZopeCall::getName)
                .containsExactly("manage_renameObject", "PROPFIND");
        ZopeCall rename = zope.calls("manage_renameObject").get(0);
        assertThat(rename.getPath()).isEqualTo("/src");
        assertThat(rename.getParameter("new_id")).isEqualTo("doc2");
        assertThat(rename.getStatus()).isEqualTo(200);
        assertThat(zope.calls().toString()).doesNotContain("secret");
    }

    @Test
    void shouldRefuseSeedingUnderAMissingFolderOrWithAnIllegalId() {
        assertThatThrownBy(() -> zope.addFolder("/missing/x")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("/missing");
        assertThatThrownBy(() -> zope.addFolder("/src/_x")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("underscore");
        assertThatThrownBy(() -> zope.addFolder("/src")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("already in use");
    }

    @Test
    void shouldRequireUserPasswordAndHome() {
        assertThatThrownBy(() -> ZopeDouble.builder().password("p").instanceHome(home).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("user");
        assertThatThrownBy(() -> ZopeDouble.builder().user("u").instanceHome(home).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("password");
        assertThatThrownBy(() -> ZopeDouble.builder().user("u").password("p").build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("instanceHome");
    }
}
