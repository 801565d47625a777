package io.zopesync.core.zexp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zopesync.testkit.zope.ZopeDouble;
import io.zopesync.testkit.zope.ZopeFlavour;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ZexpReaderTest {
    private static final byte[] END = endMarker();
    /** The class pickle of a folder as Zope 5 writes it (protocol 3). */
    private static final String FOLDER_CLASS = "\u0080\u0003cOFS.Folder\nFolder\nq\u0000.";

    @TempDir
    Path dir;

    private static byte[] endMarker() {
        byte[] end = new byte[16];
        Arrays.fill(end, (byte) 0xFF);
        return end;
    }

    private static Path sample(String name) {
        try {
            return Path.of(ZexpReaderTest.class.getResource("/zexp/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Pickle bytes written as a string of chars 0-255, so tests read like the pickle opcodes. */
    private static byte[] latin1(String pickle) {
        return pickle.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static byte[] record(long oid, byte[] data) {
        return ByteBuffer.allocate(16 + data.length).putLong(oid).putLong(data.length).put(data).array();
    }

    private static byte[] zexp(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes("ZEXP".getBytes(StandardCharsets.US_ASCII));
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    private Path write(String name, byte[] content) throws IOException {
        return Files.write(dir.resolve(name), content);
    }

    private static byte[] folderState(String id) {
        byte[] idBytes = id.getBytes(StandardCharsets.UTF_8);
        String state = "\u0080\u0003}q\u0001(X\u0002\u0000\u0000\u0000idq\u0002X" + (char) idBytes.length
                + "\u0000\u0000\u0000" + new String(idBytes, StandardCharsets.ISO_8859_1)
                + "q\u0003X\u0005\u0000\u0000\u0000titleq\u0004X\u0000\u0000\u0000\u0000q\u0005u.";
        return latin1(FOLDER_CLASS + state);
    }

    @ParameterizedTest
    @CsvSource({
        "sub-folder.zexp, OFS.Folder.Folder, sub, 2",
        "src-folder-tree.zexp, OFS.Folder.Folder, src, 8",
        "file-hello.txt.zexp, OFS.Image.File, hello.txt, 1",
        "file-my_file.zexp, OFS.Image.File, my file, 1",
        "image-pixel.png.zexp, OFS.Image.Image, pixel.png, 1",
        "zodb-only-persistentmapping.zexp, persistent.mapping.PersistentMapping, , 3"
    })
    void shouldReadClassIdAndRecordsOfTheRealSamples(String file, String className, String id, int records)
            throws IOException {
        ZexpInfo info = ZexpReader.read(sample(file));

        assertThat(info.className()).isEqualTo(className);
        assertThat(info.id()).isEqualTo(id);
        assertThat(info.records()).isEqualTo(records);
        assertThat(info.blobs()).isZero();
        assertThat(info.size()).isEqualTo(Files.size(sample(file)));
    }

    @Test
    void shouldReadTheSameFromAStream() throws IOException {
        try (InputStream in = Files.newInputStream(sample("src-folder-tree.zexp"))) {
            assertThat(ZexpReader.read(in, "src.zexp")).isEqualTo(ZexpReader.read(sample("src-folder-tree.zexp")));
        }
    }

    @Test
    void shouldAcceptAFlippedByteInsideAPickleBecauseOnlyAChecksumCanTell() {
        ZexpInfo info = ZexpReader.read(sample("corrupt-byte-flipped.zexp"));

        assertThat(info.records()).isEqualTo(2);
        assertThat(info.id()).isEqualTo("sub");
        assertThat(info.className()).isNotEqualTo("OFS.Folder.Folder").startsWith("OFS.Fol");
    }

    @ParameterizedTest
    @CsvSource({
        "corrupt-bad-magic.zexp, Invalid export header",
        "corrupt-truncated-200bytes.zexp, Truncated export file",
        "corrupt-garbage-after-magic.zexp, Truncated export file"
    })
    void shouldRejectTheCorruptSamplesWithZopesReason(String file, String reason) {
        assertThatThrownBy(() -> ZexpReader.read(sample(file)))
                .isInstanceOf(ZexpFormatException.class)
                .hasMessageStartingWith(reason)
                .hasMessageContaining(file);
    }

    @Test
    void shouldRejectAnEmptyFileAsAnInvalidHeader() throws IOException {
        Path empty = write("empty.zexp", new byte[0]);

        assertThatThrownBy(() -> ZexpReader.read(empty)).isInstanceOf(ZexpFormatException.class)
                .hasMessageStartingWith("Invalid export header").hasMessageContaining("empty.zexp");
    }

    @Test
    void shouldRejectTheMagicAloneAsTruncated() throws IOException {
        Path magicOnly = write("magic.zexp", zexp());

        assertThatThrownBy(() -> ZexpReader.read(magicOnly)).isInstanceOf(ZexpFormatException.class)
                .hasMessageStartingWith("Truncated export file").hasMessageContaining("without the end marker");
    }

    @Test
    void shouldRejectAnExportWithoutObjects() throws IOException {
        Path noObjects = write("none.zexp", zexp(END));

        assertThatThrownBy(() -> ZexpReader.read(noObjects)).isInstanceOf(ZexpFormatException.class)
                .hasMessageContaining("holds no object");
    }

    @Test
    void shouldRejectALengthBeyondTheEndOfTheFileBeforeReadingIt() throws IOException {
        byte[] header = ByteBuffer.allocate(16).putLong(1).putLong(1L << 40).array();
        Path huge = write("huge.zexp", zexp(header, folderState("x"), END));

        assertThatThrownBy(() -> ZexpReader.read(huge)).isInstanceOf(ZexpFormatException.class)
                .hasMessageStartingWith("Truncated export file")
                .hasMessageContaining(String.valueOf(1L << 40));
    }

    @Test
    void shouldRejectAnUnsignedLengthAboveTheLongRange() throws IOException {
        byte[] header = ByteBuffer.allocate(16).putLong(1).putLong(-1L).array();
        Path huge = write("huge.zexp", zexp(header, END));

        assertThatThrownBy(() -> ZexpReader.read(huge)).isInstanceOf(ZexpFormatException.class)
                .hasMessageStartingWith("Truncated export file").hasMessageContaining("18446744073709551615");
    }

    @Test
    void shouldRejectAHugeRecordInAStreamOfUnknownSizeBeforeAllocatingIt() {
        byte[] header = ByteBuffer.allocate(16).putLong(1).putLong(ZexpReader.MAX_RECORD_LENGTH + 1).array();
        InputStream in = new ByteArrayInputStream(zexp(header, folderState("x"), END));

        assertThatThrownBy(() -> ZexpReader.read(in, "stream")).isInstanceOf(ZexpFormatException.class)
                .hasMessageStartingWith("Invalid record length").hasMessageContaining("stream");
    }

    @Test
    void shouldRejectAStreamThatEndsInsideARecord() {
        byte[] full = zexp(record(1, folderState("x")), END);
        InputStream in = new ByteArrayInputStream(Arrays.copyOf(full, 40));

        assertThatThrownBy(() -> ZexpReader.read(in, "short stream")).isInstanceOf(ZexpFormatException.class)
                .hasMessageStartingWith("Truncated export file");
    }

    @Test
    void shouldRejectDataAfterTheEndMarker() throws IOException {
        Path trailing = write("trailing.zexp", zexp(record(1, folderState("x")), END, latin1("junk")));

        assertThatThrownBy(() -> ZexpReader.read(trailing)).isInstanceOf(ZexpFormatException.class)
                .hasMessageStartingWith("Unexpected data after the end marker")
                .hasMessageContaining("trailing.zexp");
    }

    @Test
    void shouldSkipABlobRecord() throws IOException {
        byte[] blobRecord = latin1("\u0080\u0003cZODB.blob\nBlob\nq\u0000.\u0080\u0003N.");
        byte[] blobBytes = "blob content".getBytes(StandardCharsets.US_ASCII);
        byte[] blob = ByteBuffer.allocate(10 + 8 + blobBytes.length).put(latin1("\u0000BLOBSTART"))
                .putLong(blobBytes.length).put(blobBytes).array();
        Path file = write("blob.zexp", zexp(record(1, folderState("withblob")), record(2, blobRecord), blob, END));

        ZexpInfo info = ZexpReader.read(file);

        assertThat(info.records()).isEqualTo(2);
        assertThat(info.blobs()).isEqualTo(1);
        assertThat(info.id()).isEqualTo("withblob");
    }

    @Test
    void shouldRejectATruncatedBlob() throws IOException {
        byte[] blob = ByteBuffer.allocate(10 + 8 + 3).put(latin1("\u0000BLOBSTART")).putLong(100)
                .put(new byte[3]).array();
        Path file = write("blob.zexp", zexp(record(1, folderState("x")), blob));

        assertThatThrownBy(() -> ZexpReader.read(file)).isInstanceOf(ZexpFormatException.class)
                .hasMessageStartingWith("Truncated export file").hasMessageContaining("blob");
    }

    @Test
    void shouldReadMultiGigabyteExportsInConstantMemory() {
        long blobLength = 3L * 1024 * 1024 * 1024;
        byte[] head = zexp(record(1, folderState("big")), ByteBuffer.allocate(18)
                .put(latin1("\u0000BLOBSTART")).putLong(blobLength).array());
        InputStream in = new SequenceInputStream(new SequenceInputStream(new ByteArrayInputStream(head),
                new Zeros(blobLength)), new ByteArrayInputStream(END));

        ZexpInfo info = ZexpReader.read(in, "big stream");

        assertThat(info.id()).isEqualTo("big");
        assertThat(info.size()).isEqualTo(head.length + blobLength + END.length);
    }

    @Test
    void shouldReadProtocol1PicklesAsZope213WritesThem() throws IOException {
        String folder = "cOFS.Folder\nFolder\nq\u0001."
                + "}q\u0002(U\u0002idq\u0003U\u0004siteq\u0004U\u0005titleq\u0005U\u0000U\u0008_objectsq\u0006"
                + ")U\u000b__ac_local_roles__q\u0007}q\u0008U\u0005adminq\u0009]q\nU\u0005Ownerq\u000basU"
                + "\u0007visibleq\u000cI01\nu.";
        Path file = write("site.zexp", zexp(record(1, latin1(folder)), END));

        ZexpInfo info = ZexpReader.read(file);

        assertThat(info.className()).isEqualTo("OFS.Folder.Folder");
        assertThat(info.id()).isEqualTo("site");
    }

    @Test
    void shouldReadTheNameOfAProtocol1FileAndAnOldStyleClassTuple() throws IOException {
        String file = "((U\tOFS.ImageU\u0004Filetq\u0001Ntq\u0002."
                + "}q\u0003(U\u0008__name__q\u0004U\u0008logo.gifq\u0005U\u0004dataq\u0006T\u0003\u0000\u0000\u0000GIF"
                + "U\u0004sizeq\u0007K\u0003u.";
        Path path = write("logo.zexp", zexp(record(7, latin1(file)), END));

        ZexpInfo info = ZexpReader.read(path);

        assertThat(info.className()).isEqualTo("OFS.Image.File");
        assertThat(info.id()).isEqualTo("logo.gif");
    }

    @Test
    void shouldPreferIdOverName() throws IOException {
        String state = "\u0080\u0003}q\u0001(X\u0008\u0000\u0000\u0000__name__q\u0002X\u0001\u0000\u0000\u0000n"
                + "X\u0002\u0000\u0000\u0000idq\u0003X\u0001\u0000\u0000\u0000iu.";
        Path path = write("both.zexp", zexp(record(1, latin1(FOLDER_CLASS + state)), END));

        assertThat(ZexpReader.read(path).id()).isEqualTo("i");
    }

    @Test
    void shouldFindTheIdDespiteAnUnknownOpcodeAfterIt() throws IOException {
        String state = "\u0080\u0003}q\u0001(X\u0002\u0000\u0000\u0000idq\u0002X\u0002\u0000\u0000\u0000okq\u0003"
                + "X\u0005\u0000\u0000\u0000extraq\u0004\u00feu.";
        Path path = write("odd.zexp", zexp(record(1, latin1(FOLDER_CLASS + state)), END));

        ZexpInfo info = ZexpReader.read(path);

        assertThat(info.id()).isEqualTo("ok");
        assertThat(info.records()).isEqualTo(1);
    }

    @Test
    void shouldRejectARootWhoseIdCannotBeReached() throws IOException {
        String state = "\u0080\u0003}q\u0001(X\u0005\u0000\u0000\u0000titleq\u0002\u00feu.";
        Path path = write("opaque.zexp", zexp(record(1, latin1(FOLDER_CLASS + state)), END));

        assertThatThrownBy(() -> ZexpReader.read(path)).isInstanceOf(ZexpFormatException.class)
                .hasMessageStartingWith("Unreadable root object").hasMessageContaining("0xfe");
    }

    @Test
    void shouldSurviveAListThatHoldsItselfUsedAsAKey() throws IOException {
        String state = "\u0080\u0003}q\u0001(]q\u0002h\u0002ah\u0002X\u0002\u0000\u0000\u0000id"
                + "X\u0001\u0000\u0000\u0000xu.";
        Path path = write("loop.zexp", zexp(record(1, latin1(FOLDER_CLASS + state)), END));

        assertThat(ZexpReader.read(path).id()).isEqualTo("x");
    }

    @Test
    void shouldNotFollowPersistentReferencesOrCalls() throws IOException {
        String state = "\u0080\u0003}q\u0001(X\u0003\u0000\u0000\u0000refC\u0008\u0000\u0000\u0000\u0000\u0000"
                + "\u0000\u0000\u0002cOFS.Folder\nFolder\n\u0086QX\u0004\u0000\u0000\u0000timecDateTime.DateTime"
                + "\nDateTime\n)\u0081}bX\u0002\u0000\u0000\u0000idX\u0001\u0000\u0000\u0000ru.";
        Path path = write("refs.zexp", zexp(record(1, latin1(FOLDER_CLASS + state)), END));

        assertThat(ZexpReader.read(path).id()).isEqualTo("r");
    }

    @ParameterizedTest
    @CsvSource({"ZOPE_5", "ZOPE_2_13"})
    void shouldAgreeWithTheZopeDoublesIndependentWriter(ZopeFlavour flavour) {
        try (ZopeDouble zope = ZopeDouble.builder().user("adm").password("secret").instanceHome(dir)
                .flavour(flavour).build()) {
            zope.addFolder("/src").addFolder("/src/sub").addDocument("/src/sub/doc", "text")
                    .addFile("/src/my file.txt", new byte[200_000], "text/plain");

            ZexpInfo folder = ZexpReader.read(new ByteArrayInputStream(zope.export("/src")), "src");
            ZexpInfo file = ZexpReader.read(new ByteArrayInputStream(zope.export("/src/my file.txt")), "file");

            assertThat(folder).as("4 objects and 4 chunks of file data").isEqualTo(new ZexpInfo("OFS.Folder.Folder",
                    "src", 8, 0,
                    zope.export("/src").length));
            assertThat(file.id()).isEqualTo("my file.txt");
            assertThat(file.className()).isEqualTo("OFS.Image.File");
        }
    }

    @Test
    void shouldNameAMissingFile() {
        Path missing = dir.resolve("missing.zexp");

        assertThatThrownBy(() -> ZexpReader.read(missing)).isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining("missing.zexp");
    }

    /** An endless supply of zero bytes, up to a length, without holding them. */
    private static final class Zeros extends InputStream {
        private long remaining;

        Zeros(long length) {
            this.remaining = length;
        }

        @Override
        public int read() {
            if (remaining == 0) {
                return -1;
            }
            remaining--;
            return 0;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) {
            if (remaining == 0) {
                return -1;
            }
            int count = (int) Math.min(length, remaining);
            Arrays.fill(buffer, offset, offset + count, (byte) 0);
            remaining -= count;
            return count;
        }
    }
}
