package io.zopesync.core.bundle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BundleTest {
    @TempDir
    Path dir;

    /** Where files moved out of the bundle go. */
    @TempDir
    Path outside;

    private Manifest manifest;

    private String manifestSha;

    /** A real export of a folder with the id {@code obj} (the test sample {@code sub-folder.zexp}, renamed). */
    static byte[] folder(String id) throws IOException {
        try (InputStream in = BundleTest.class.getResourceAsStream("/zexp/sub-folder.zexp")) {
            byte[] bytes = in.readAllBytes();
            String text = new String(bytes, StandardCharsets.ISO_8859_1);
            // The sample's id is the string 'sub' (BINUNICODE, length 3); an id of three letters swaps in.
            if (id.length() != 3) {
                throw new IllegalArgumentException("three letters: " + id);
            }
            String length = "X\u0003\u0000\u0000\u0000";
            return text.replace(length + "sub", length + id).getBytes(StandardCharsets.ISO_8859_1);
        }
    }

    static byte[] sample(String name) throws IOException {
        try (InputStream in = BundleTest.class.getResourceAsStream("/zexp/" + name)) {
            return in.readAllBytes();
        }
    }

    @BeforeEach
    void writeBundle() throws IOException {
        Files.createDirectories(dir.resolve(Bundle.OBJECTS));
        Path file = dir.resolve("objects/001-obj.zexp");
        Files.write(file, folder("obj"));
        manifest = new Manifest(Manifest.FORMAT_VERSION, "dev", "http://dev:8080", "2026-11-25T10:00:00Z",
                "20261125-100000-abcd", List.of(new ManifestEntry("/myfolder/obj", "/yourfolder", "obj",
                        "OFS.Folder.Folder", "objects/001-obj.zexp", Files.size(file), Bundle.sha256(file))));
        manifestSha = Bundle.writeManifest(dir, manifest);
    }

    @Test
    void shouldReadBackWhatWasWritten() {
        assertThat(Bundle.verify(dir)).isEqualTo(manifest);
    }

    @Test
    void shouldRefuseAFileChangedAfterTheExport() throws IOException {
        byte[] bytes = folder("obj");
        bytes[bytes.length - 20] ^= 1;
        Files.write(dir.resolve("objects/001-obj.zexp"), bytes);

        assertThatThrownBy(() -> Bundle.verify(dir)).isInstanceOf(BundleException.class)
                .hasMessageContaining("001-obj.zexp (object /myfolder/obj) has SHA-256")
                .hasMessageContaining("the file was changed after the export");
    }

    @Test
    void shouldRefuseAFileOfAnotherSize() throws IOException {
        Files.write(dir.resolve("objects/001-obj.zexp"), "ZEXP".getBytes(StandardCharsets.US_ASCII));

        assertThatThrownBy(() -> Bundle.verify(dir)).hasMessageContaining("has 4 bytes, the manifest says "
                + manifest.objects().get(0).size());
    }

    @Test
    void shouldRefuseAMissingFile() throws IOException {
        Files.delete(dir.resolve("objects/001-obj.zexp"));

        assertThatThrownBy(() -> Bundle.verify(dir)).hasMessageContaining("is missing objects/001-obj.zexp");
    }

    @Test
    void shouldRefuseAnExtraFile() throws IOException {
        Files.write(dir.resolve("objects/002-intruder.zexp"), new byte[] {1});

        assertThatThrownBy(() -> Bundle.verify(dir))
                .hasMessageContaining("holds a file its manifest does not list: 'objects/002-intruder.zexp'");
    }

    @Test
    void shouldRefuseAnUnknownFormatVersion() throws IOException {
        rewrite("\"formatVersion\" : 1", "\"formatVersion\" : 2");

        assertThatThrownBy(() -> Bundle.verify(dir)).hasMessageContaining("has format version 2");
    }

    @Test
    void shouldRefuseAManifestNamingAFileOutsideTheBundle() throws IOException {
        rewrite("objects/001-obj.zexp", "../001-obj.zexp");

        assertThatThrownBy(() -> Bundle.verify(dir)).hasMessageContaining("bad file name '../001-obj.zexp'");
    }

    @Test
    void shouldRefuseANulCharacterInAFileNameOfTheManifest() throws IOException {
        rewrite("objects/001-obj.zexp", "objects/001-obj\\u0000.zexp");

        assertThatThrownBy(() -> Bundle.verify(dir)).isInstanceOf(BundleException.class)
                .hasMessageContaining("bad file name 'objects/001-obj\\u0000.zexp'");
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
        rewrite("/myfolder/obj", "/myfolder/../obj");
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

    private void saveReplaced(String target, String run, String created, String undoes) throws IOException {
        Path replaced = Bundle.replacedDir(dir, target, run);
        Files.createDirectories(replaced);
        Path file = replaced.resolve("001-obj.zexp");
        Files.write(file, folder("obj"));
        Bundle.writeManifest(replaced, new Manifest(Manifest.FORMAT_VERSION, target, "http://t", created, run,
                List.of(new ManifestEntry("/yourfolder/obj", "/yourfolder", "obj", "OFS.Folder.Folder",
                        "001-obj.zexp", Files.size(file), Bundle.sha256(file))), undoes));
    }

    @Test
    void shouldRestoreWhatTheOnlyPushReplacedAndNeverWhatARestoreReplaced() throws IOException {
        saveReplaced("test", "20261125-100000-aaaa", "2026-11-25T10:00:00Z", null);
        // Two restores of that push: each saved what it replaced, newer than the push.
        saveReplaced("test", "20261125-110000-bbbb", "2026-11-25T11:00:00Z", "20261125-100000-aaaa");
        saveReplaced("test", "20261125-120000-cccc", "2026-11-25T12:00:00Z", "20261125-100000-aaaa");

        ReplacedRun chosen = Bundle.toRestore(dir, "test", Optional.empty());

        assertThat(chosen.getRunId()).isEqualTo("20261125-100000-aaaa");
        assertThat(chosen.isRestore()).isFalse();
        assertThat(chosen.getDir()).endsWith(Path.of("replaced/test/20261125-100000-aaaa"));
        assertThat(Bundle.replacedRuns(dir, "test")).extracting(ReplacedRun::getRunId, r -> r.getUndoes().orElse(""))
                .containsExactly(org.assertj.core.groups.Tuple.tuple("20261125-100000-aaaa", ""),
                        org.assertj.core.groups.Tuple.tuple("20261125-110000-bbbb", "20261125-100000-aaaa"),
                        org.assertj.core.groups.Tuple.tuple("20261125-120000-cccc", "20261125-100000-aaaa"));
    }

    @Test
    void shouldAskWhichPushToUndoWhenSeveralReplacedObjectsOnATarget() throws IOException {
        saveReplaced("test", "20261125-100000-aaaa", "2026-11-25T10:00:00Z", null);
        saveReplaced("test", "20261126-090000-dddd", "2026-11-26T09:00:00Z", null);
        saveReplaced("prod", "20261126-090000-dddd", "2026-11-26T09:00:00Z", null);

        assertThatThrownBy(() -> Bundle.toRestore(dir, "test", Optional.empty())).isInstanceOf(BundleException.class)
                .hasMessageContaining("holds what 2 pushes replaced on target 'test': 20261125-100000-aaaa"
                        + " (2026-11-25T10:00:00Z), 20261126-090000-dddd (2026-11-26T09:00:00Z); name the push to undo");
        assertThat(Bundle.toRestore(dir, "test", Optional.of("20261125-100000-aaaa")).getRunId())
                .isEqualTo("20261125-100000-aaaa");
        assertThat(Bundle.toRestore(dir, "prod", Optional.empty()).getRunId()).isEqualTo("20261126-090000-dddd");
        assertThat(Bundle.replacedRuns(dir)).extracting(ReplacedRun::getTarget).containsExactly("prod", "test",
                "test");
    }

    @Test
    void shouldNameWhatItHoldsWhenThereIsNothingToRestoreOrTheRunIsNotThere() throws IOException {
        assertThatThrownBy(() -> Bundle.toRestore(dir, "prod", Optional.empty()))
                .hasMessageContaining("holds no replaced objects of target 'prod' (nothing to restore)");
        saveReplaced("prod", "20261125-110000-bbbb", "2026-11-25T11:00:00Z", "20261125-100000-aaaa");

        assertThatThrownBy(() -> Bundle.toRestore(dir, "prod", Optional.empty()))
                .hasMessageContaining("it holds only what restores replaced: 20261125-110000-bbbb"
                        + " (2026-11-25T11:00:00Z, a restore of 20261125-100000-aaaa)");
        assertThatThrownBy(() -> Bundle.toRestore(dir, "prod", Optional.of("20261125-100000-aaaa")))
                .hasMessageContaining("holds nothing that run '20261125-100000-aaaa' replaced on target 'prod'");
        // A restore can itself be undone when named.
        assertThat(Bundle.toRestore(dir, "prod", Optional.of("20261125-110000-bbbb")).isRestore()).isTrue();
    }

    @Test
    void shouldRefuseReplacedObjectsThatDoNotMatchTheirManifest() throws IOException {
        saveReplaced("test", "20261125-100000-aaaa", "2026-11-25T10:00:00Z", null);
        Files.write(Bundle.replacedDir(dir, "test", "20261125-100000-aaaa").resolve("001-obj.zexp"), folder("oth"));

        assertThatThrownBy(() -> Bundle.toRestore(dir, "test", Optional.empty()))
                .hasMessageContaining("the file was changed after the export");
    }

    @Test
    void shouldWriteTheUndoneRunOnlyIntoTheManifestOfARestore() throws IOException {
        saveReplaced("test", "20261125-100000-aaaa", "2026-11-25T10:00:00Z", null);
        saveReplaced("test", "20261125-110000-bbbb", "2026-11-25T11:00:00Z", "20261125-100000-aaaa");

        assertThat(Files.readString(Bundle.replacedDir(dir, "test", "20261125-100000-aaaa").resolve(Bundle.MANIFEST)))
                .doesNotContain("undoes");
        assertThat(Files.readString(Bundle.replacedDir(dir, "test", "20261125-110000-bbbb").resolve(Bundle.MANIFEST)))
                .contains("\"undoes\" : \"20261125-100000-aaaa\"");
    }

    @Test
    void shouldRefuseAZexpFileThatIsASymbolicLinkEvenToIdenticalBytes() throws IOException {
        Path file = dir.resolve("objects/001-obj.zexp");
        Path elsewhere = Files.move(file, outside.resolve("elsewhere.zexp"));
        Files.createSymbolicLink(file, elsewhere);

        assertThatThrownBy(() -> Bundle.verify(dir)).isInstanceOf(BundleException.class)
                .hasMessageContaining("objects/001-obj.zexp is a symbolic link");
    }

    @Test
    void shouldRefuseAnObjectsFolderThatIsASymbolicLink() throws IOException {
        Path objects = dir.resolve(Bundle.OBJECTS);
        Path elsewhere = Files.move(objects, outside.resolve("objects"));
        Files.createSymbolicLink(objects, elsewhere);

        assertThatThrownBy(() -> Bundle.verify(dir)).hasMessageContaining("objects is a symbolic link");
    }

    @Test
    void shouldRefuseAManifestThatIsASymbolicLink() throws IOException {
        Path manifestFile = dir.resolve(Bundle.MANIFEST);
        Path elsewhere = Files.move(manifestFile, outside.resolve("manifest.json"));
        Files.createSymbolicLink(manifestFile, elsewhere);

        assertThatThrownBy(() -> Bundle.verify(dir)).hasMessageContaining("manifest " + manifestFile
                + " is a symbolic link");
        assertThatThrownBy(() -> Bundle.manifestSha256(dir)).hasMessageContaining("is a symbolic link");
    }

    @Test
    void shouldRefuseAFileWhoseRootObjectHasAnotherIdThanTheManifestSays() throws IOException {
        replaceFile(folder("oth"));

        assertThatThrownBy(() -> Bundle.verify(dir))
                .hasMessageContaining("001-obj.zexp (object /myfolder/obj) holds object 'oth', but the manifest"
                        + " says 'obj'");
    }

    @Test
    void shouldRefuseAFileWhoseRootObjectIsOfAnotherClassThanTheManifestSays() throws IOException {
        rewrite("OFS.Folder.Folder", "OFS.Image.File");

        assertThatThrownBy(() -> Bundle.verify(dir))
                .hasMessageContaining("holds an object of class 'OFS.Folder.Folder', but the manifest says"
                        + " 'OFS.Image.File'");
    }

    @Test
    void shouldRefuseAFileThatIsNoZexpEvenWithAMatchingChecksum() throws IOException {
        replaceFile("PK\u0003\u0004 a zip, not an export".getBytes(StandardCharsets.ISO_8859_1));

        assertThatThrownBy(() -> Bundle.verify(dir)).hasMessageContaining("is not a valid .zexp file: Invalid"
                + " export header");
    }

    @Test
    void shouldRefuseAnIdThatIsNotTheLastSegmentOfThePath() throws IOException {
        rewrite("\"/myfolder/obj\"", "\"/myfolder/other\"");

        assertThatThrownBy(() -> Bundle.verify(dir))
                .hasMessageContaining("object id 'obj' is not the last segment of the object's path");
    }

    @Test
    void shouldRefuseTwoObjectsLandingAtTheSamePlaceOrOneInsideAnother() throws IOException {
        ManifestEntry first = manifest.objects().get(0);
        Path second = dir.resolve("objects/002-obj.zexp");
        Files.copy(dir.resolve(first.file()), second);
        ManifestEntry twin = new ManifestEntry("/otherfolder/obj", first.targetFolder(), "obj", first.className(),
                "objects/002-obj.zexp", first.size(), first.sha256());
        Bundle.writeManifest(dir, new Manifest(Manifest.FORMAT_VERSION, "dev", "http://dev:8080",
                "2026-11-25T10:00:00Z", "20261125-100000-abcd", List.of(first, twin)));
        assertThatThrownBy(() -> Bundle.verify(dir))
                .hasMessageContaining("two objects would land at the same place on the targets: /yourfolder/obj");

        ManifestEntry inside = new ManifestEntry("/myfolder/obj/obj", "/elsewhere", "obj", first.className(),
                "objects/002-obj.zexp", first.size(), first.sha256());
        Bundle.writeManifest(dir, new Manifest(Manifest.FORMAT_VERSION, "dev", "http://dev:8080",
                "2026-11-25T10:00:00Z", "20261125-100000-abcd", List.of(first, inside)));
        assertThatThrownBy(() -> Bundle.verify(dir)).hasMessageContaining("lies inside object '/myfolder/obj'");
    }

    @Test
    void shouldRefuseAManifestLackingAField() throws IOException {
        for (String field : List.of("source", "sourceUrl", "created", "runId")) {
            writeBundle();
            Path file = dir.resolve(Bundle.MANIFEST);
            String text = Files.readString(file);
            Files.writeString(file, text.replaceFirst("\"" + field + "\" : \"[^\"]*\",", ""));
            assertThat(Files.readString(file)).isNotEqualTo(text);

            assertThatThrownBy(() -> Bundle.verify(dir)).hasMessageContaining("lacks '" + field + "'");
        }
    }

    @Test
    void shouldTakeTheManifestShaThatWritingItReturned() {
        assertThat(Bundle.manifestSha256(dir)).isEqualTo(manifestSha).isEqualTo(Bundle.sha256(dir.resolve(
                Bundle.MANIFEST)));
        VerifiedBundle verified = Bundle.verified(dir, Optional.of(manifestSha.toUpperCase(Locale.ROOT)));

        assertThat(verified.getManifest()).isEqualTo(manifest);
        assertThat(verified.getManifestSha256()).isEqualTo(manifestSha);
    }

    @Test
    void shouldRefuseAManifestWhoseShaIsNotTheExpectedOneEvenIfItChecksOut() throws IOException {
        // A target folder edited to the root: a valid manifest, which only its SHA-256 can catch.
        rewrite("\"/yourfolder\"", "\"/\"");
        assertThat(Bundle.verify(dir).objects().get(0).targetFolder()).isEqualTo("/");

        assertThatThrownBy(() -> Bundle.verified(dir, Optional.of(manifestSha))).isInstanceOf(BundleException.class)
                .hasMessageContaining("has SHA-256 " + Bundle.manifestSha256(dir) + ", but '" + manifestSha
                        + "' was expected: the manifest was changed, or this is another bundle");
    }

    @Test
    void shouldRefuseAManifestWhoseShaIsNotTheExpectedOneWhateverWasChanged() throws IOException {
        for (String[] change : List.of(new String[] {"\"dev\"", "\"prod\""},
                new String[] {"2026-11-25T10:00:00Z", "2026-11-25T10:00:01Z"},
                new String[] {"\n", "\r\n"})) {
            writeBundle();
            rewrite(change[0], change[1]);

            assertThatThrownBy(() -> Bundle.verified(dir, Optional.of(manifestSha)))
                    .as("%s -> %s", change[0], change[1]).hasMessageContaining("was expected");
        }
    }

    private void replaceFile(byte[] bytes) throws IOException {
        Path file = dir.resolve("objects/001-obj.zexp");
        Files.write(file, bytes);
        ManifestEntry entry = manifest.objects().get(0);
        Bundle.writeManifest(dir, new Manifest(Manifest.FORMAT_VERSION, "dev", "http://dev:8080",
                "2026-11-25T10:00:00Z", "20261125-100000-abcd", List.of(new ManifestEntry(entry.path(),
                        entry.targetFolder(), entry.id(), entry.className(), entry.file(), bytes.length,
                        Bundle.sha256(file)))));
    }

    private void rewrite(String from, String to) throws IOException {
        Path file = dir.resolve(Bundle.MANIFEST);
        String text = Files.readString(file);
        assertThat(text).contains(from);
        Files.writeString(file, text.replace(from, to));
    }
}
