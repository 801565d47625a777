package io.zopesync.testkit.zope;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Large files: data kept on disk, exports streamed as Pdata records, large imports kept on disk. */
class ZopeDoubleLargeFileTest {
    /** Not a multiple of the Pdata chunk, so that the last record is a short one. */
    private static final int SIZE = 3 * 64 * 1024 + 1234;

    @TempDir
    Path tmp;

    private ZopeDouble source;
    private ZopeDouble target;
    private Path data;

    @BeforeEach
    void start() throws IOException {
        data = tmp.resolve("data.bin");
        byte[] bytes = new byte[SIZE];
        new Random(7).nextBytes(bytes);
        Files.write(data, bytes);
        source = ZopeDouble.builder().user("adm").password("secret").instanceHome(tmp.resolve("source")).build();
        source.addFolder("/big").addLargeFile("/big/blob", data, "application/octet-stream").start();
        target = ZopeDouble.builder().user("adm").password("secret").instanceHome(tmp.resolve("target"))
                .largeFileThreshold(SIZE / 2).build();
        target.addFolder("/big").start();
        Files.createDirectories(target.getImportDirectory());
    }

    @AfterEach
    void stop() {
        source.close();
        target.close();
    }

    private byte[] download() {
        HttpResponse<byte[]> response = new ZopeHttp(source.getUrl(), "adm", "secret")
                .get("/big/manage_exportObject?id=blob&download:int=1");
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body();
    }

    @Test
    void shouldStreamTheExportOfALargeFileAsPdataRecordsThatZopeCanImport() throws Exception {
        byte[] zexp = download();

        assertThat(zexp).isEqualTo(source.export("/big/blob"));
        ZopeObject imported = ZexpCodec.read(zexp, true, new java.util.concurrent.atomic.AtomicLong()::incrementAndGet);
        assertThat(imported.getId()).isEqualTo("blob");
        assertThat(imported.getContent()).isEqualTo(Files.readAllBytes(data));
        assertThat(zexp.length).isGreaterThan(SIZE);
    }

    @Test
    void shouldKeepALargeImportOnDiskAndExportItByteIdentically() throws IOException {
        byte[] zexp = download();
        Files.write(target.getImportDirectory().resolve("blob.zexp"), zexp);

        HttpResponse<byte[]> response = new ZopeHttp(target.getUrl(), "adm", "secret")
                .post("/big/manage_importObject", "file=blob.zexp");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(target.exists("/big/blob")).isTrue();
        assertThat(target.export("/big/blob")).isEqualTo(zexp);
        try (var stored = Files.list(target.getInstanceHome().resolve("var/large"))) {
            Path file = stored.findFirst().orElseThrow();
            assertThat(Files.readAllBytes(file)).isEqualTo(Files.readAllBytes(data));
        }
        assertThat(new String(new ZopeHttp(target.getUrl(), "adm", "secret").propfind("/big/blob", "0").body(),
                java.nio.charset.StandardCharsets.UTF_8)).contains("<n:getcontentlength>" + SIZE + "<");
    }

    @Test
    void shouldRefuseATruncatedLargeImport() throws IOException {
        byte[] zexp = download();
        Files.write(target.getImportDirectory().resolve("cut.zexp"), java.util.Arrays.copyOf(zexp, SIZE));

        HttpResponse<byte[]> response = new ZopeHttp(target.getUrl(), "adm", "secret")
                .post("/big/manage_importObject", "file=cut.zexp");

        assertThat(response.statusCode()).isEqualTo(500);
        assertThat(target.exists("/big/blob")).isFalse();
        assertThat(target.getEventLog()).anyMatch(line -> line.contains("Truncated export file"));
    }

    @Test
    void shouldRefuseToReadALargeFilesContentIntoMemory() {
        assertThatThrownBy(() -> source.getContent("/big/blob")).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("stays on disk");
        assertThatThrownBy(() -> source.addLargeFile("/big/other", tmp.resolve("missing"), "text/plain"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("missing");
    }
}
