package io.zopesync.core.bundle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BundleTest {
    @TempDir
    Path dir;

    private Manifest manifest;

    @BeforeEach
    void writeBundle() throws IOException {
        Files.createDirectories(dir.resolve(Bundle.OBJECTS));
        Path file = dir.resolve("objects/001-obj1.zexp");
        Files.write(file, "ZEXP-and-some-bytes".getBytes(StandardCharsets.US_ASCII));
        manifest = new Manifest(Manifest.FORMAT_VERSION, "dev", "http://dev:8080", "2026-11-25T10:00:00Z",
                "20261125-100000-abcd", List.of(new ManifestEntry("/myfolder/obj1", "/yourfolder", "obj1",
                        "OFS.Folder.Folder", "objects/001-obj1.zexp", Files.size(file), Bundle.sha256(file))));
        Bundle.writeManifest(dir, manifest);
    }

    @Test
    void shouldReadBackWhatWasWritten() {
        assertThat(Bundle.verify(dir)).isEqualTo(manifest);
    }

    @Test
    void shouldRefuseAFileChangedAfterTheExport() throws IOException {
        Files.write(dir.resolve("objects/001-obj1.zexp"), "ZEXP-and-some-bytez".getBytes(StandardCharsets.US_ASCII));

        assertThatThrownBy(() -> Bundle.verify(dir)).isInstanceOf(BundleException.class)
                .hasMessageContaining("001-obj1.zexp (object /myfolder/obj1) has SHA-256")
                .hasMessageContaining("the file was changed after the export");
    }

    @Test
    void shouldRefuseAFileOfAnotherSize() throws IOException {
        Files.write(dir.resolve("objects/001-obj1.zexp"), "ZEXP".getBytes(StandardCharsets.US_ASCII));

        assertThatThrownBy(() -> Bundle.verify(dir)).hasMessageContaining("has 4 bytes, the manifest says 19");
    }

    @Test
    void shouldRefuseAMissingFile() throws IOException {
        Files.delete(dir.resolve("objects/001-obj1.zexp"));

        assertThatThrownBy(() -> Bundle.verify(dir)).hasMessageContaining("is missing objects/001-obj1.zexp");
    }

    @Test
    void shouldRefuseAnExtraFile() throws IOException {
        Files.write(dir.resolve("objects/002-intruder.zexp"), new byte[] {1});

        assertThatThrownBy(() -> Bundle.verify(dir))
                .hasMessageContaining("holds a file its manifest does not list: objects/002-intruder.zexp");
    }

    @Test
    void shouldRefuseAnUnknownFormatVersion() throws IOException {
        rewrite("\"formatVersion\" : 1", "\"formatVersion\" : 2");

        assertThatThrownBy(() -> Bundle.verify(dir)).hasMessageContaining("has format version 2");
    }

    @Test
    void shouldRefuseAManifestNamingAFileOutsideTheBundle() throws IOException {
        rewrite("objects/001-obj1.zexp", "../001-obj1.zexp");

        assertThatThrownBy(() -> Bundle.verify(dir)).hasMessageContaining("bad file name '../001-obj1.zexp'");
    }

    @Test
    void shouldRefuseANulCharacterInAFileNameOfTheManifest() throws IOException {
        rewrite("objects/001-obj1.zexp", "objects/001-obj1\\u0000.zexp");

        assertThatThrownBy(() -> Bundle.verify(dir)).isInstanceOf(BundleException.class)
                .hasMessageContaining("bad file name 'objects/001-obj1\\u0000.zexp'");
    }

    @Test
    void shouldRefuseAManifestLargerThanTheLimitWithoutReadingItAll() throws IOException {
        try (java.io.RandomAccessFile file = new java.io.RandomAccessFile(dir.resolve(Bundle.MANIFEST).toFile(),
                "rw")) {
            file.setLength(2L * 1024 * 1024 * 1024);
        }

        assertThatThrownBy(() -> Bundle.verify(dir)).isInstanceOf(BundleException.class)
                .hasMessageContaining("is larger than the limit of " + Bundle.MANIFEST_LIMIT + " bytes");
    }

    @Test
    void shouldRefuseDeeplyNestedJsonInTheManifest() throws IOException {
        java.nio.file.Files.writeString(dir.resolve(Bundle.MANIFEST), "[".repeat(100_000));

        assertThatThrownBy(() -> Bundle.verify(dir)).isInstanceOf(BundleException.class)
                .hasMessageContaining("is not valid");
    }

    @Test
    void shouldRefuseABadPathOrChecksumInTheManifest() throws IOException {
        rewrite("/myfolder/obj1", "/myfolder/../obj1");
        assertThatThrownBy(() -> Bundle.verify(dir)).hasMessageContaining("object path must not contain '..'");

        writeBundle();
        rewrite(manifest.objects().get(0).sha256(), "XYZ");
        assertThatThrownBy(() -> Bundle.verify(dir)).hasMessageContaining("bad SHA-256 'XYZ'");
    }

    @Test
    void shouldRefuseSomethingThatIsNoBundle() throws IOException {
        Files.delete(dir.resolve(Bundle.MANIFEST));
        assertThatThrownBy(() -> Bundle.verify(dir)).hasMessageContaining("not a bundle");

        Files.writeString(dir.resolve(Bundle.MANIFEST), "{ \"formatVersion\": 1, \"surprise\": true }");
        assertThatThrownBy(() -> Bundle.verify(dir)).hasMessageContaining("is not valid");
    }

    @Test
    void shouldMakeSafeFileNames() {
        assertThat(Bundle.fileName(2, "my file")).isEqualTo("002-my_file.zexp");
        assertThat(Bundle.fileName(13, "hello.txt")).isEqualTo("013-hello.txt.zexp");
        assertThat(Bundle.fileName(1, "a/b$(c)")).isEqualTo("001-a_b__c_.zexp");
    }

    @Test
    void shouldFindTheNewestReplacedObjectsOfATarget() throws IOException {
        for (String run : List.of("20261125-100000-aaaa", "20261125-110000-bbbb")) {
            Path replaced = Bundle.replacedDir(dir, "test", run);
            Files.createDirectories(replaced);
            Path file = replaced.resolve("001-obj1.zexp");
            Files.writeString(file, run);
            Bundle.writeManifest(replaced, new Manifest(Manifest.FORMAT_VERSION, "test", "http://t", run.substring(0,
                    15), run, List.of(new ManifestEntry("/yourfolder/obj1", "/yourfolder", "obj1", "OFS.Folder.Folder",
                    "001-obj1.zexp", Files.size(file), Bundle.sha256(file)))));
        }

        assertThat(Bundle.latestReplaced(dir, "test")).endsWith(Path.of("replaced/test/20261125-110000-bbbb"));
        assertThatThrownBy(() -> Bundle.latestReplaced(dir, "prod")).hasMessageContaining("nothing to restore");
    }

    private void rewrite(String from, String to) throws IOException {
        Path file = dir.resolve(Bundle.MANIFEST);
        String text = Files.readString(file);
        assertThat(text).contains(from);
        Files.writeString(file, text.replace(from, to));
    }
}
