package io.zopesync.testkit.zope;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zopesync.testkit.zope.ZexpCodec.ZexpImportException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ZexpCodecTest {
    private final AtomicLong oids = new AtomicLong(100);

    /** The records of an export, without oids and lengths. */
    private static List<byte[]> records(byte[] zexp) {
        List<byte[]> records = new ArrayList<>();
        ByteBuffer in = ByteBuffer.wrap(zexp, 4, zexp.length - 4);
        while (in.remaining() > 16) {
            long oid = in.getLong();
            long length = in.getLong();
            if (oid == -1 && length == -1) {
                break;
            }
            byte[] record = new byte[(int) length];
            in.get(record);
            records.add(record);
        }
        return records;
    }

    private ZopeObject folder(String id) {
        return new ZopeObject(oids.incrementAndGet(), id, ZopeType.FOLDER, "", null, new byte[0]);
    }

    @Test
    void shouldWriteADocumentRecordByteForByteAsZope5Does() throws IOException {
        ZopeObject sub = folder("sub");
        sub.addChild(new ZopeObject(oids.incrementAndGet(), "inner", ZopeType.DTML_DOCUMENT, "", null,
                "inner text".getBytes(StandardCharsets.UTF_8)));

        List<byte[]> written = records(ZexpCodec.export(sub, 3));
        List<byte[]> real = records(DemoDoubleTest.sample("sub-folder.zexp"));

        assertThat(written).hasSize(2);
        assertThat(written.get(1)).isEqualTo(real.get(1));
        assertThat(Arrays.copyOf(written.get(0), 24)).as("class pickle and start of state")
                .isEqualTo(Arrays.copyOf(real.get(0), 24));
    }

    /**
     * The expected SHA-256 values were computed with the codec of commit d91b404, which copied every record through
     * {@code ByteArrayOutputStream}s; writing large bytes values in place must not change a single byte.
     */
    @Test
    void shouldExportA5MibFileToTheSameBytesAsTheCodecAlwaysHas() throws Exception {
        byte[] data = new byte[5 << 20];
        new Random(42).nextBytes(data);
        ZopeObject file = new ZopeObject(7, "big", ZopeType.FILE, "Big", "application/octet-stream", data);
        Map<Integer, String> expected = Map.of(
                1, "7de74d2871bf0c8c802e20667adb7b1bbe418261fc87650221428f8c49121b64",
                3, "1f35b2c9fb3e6edf9e7ae12b7dc870c9792718387bffdaf35d124d17c10ee9a3");

        for (int protocol : new int[] {1, 3}) {
            byte[] zexp = ZexpCodec.export(file, protocol);
            ByteArrayOutputStream streamed = new ByteArrayOutputStream();
            ZexpCodec.write(file, protocol, streamed);

            assertThat(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(zexp)))
                    .as("protocol %d", protocol).isEqualTo(expected.get(protocol));
            assertThat(streamed.toByteArray()).as("protocol %d streamed", protocol).isEqualTo(zexp);
            assertThat(ZexpCodec.read(zexp, protocol == 3, oids::incrementAndGet).getContent())
                    .as("protocol %d read back", protocol).isEqualTo(data);
        }
    }

    @Test
    void shouldReadBackWhatItWrote() throws ZexpImportException {
        ZopeObject src = folder("src");
        src.addChild(new ZopeObject(oids.incrementAndGet(), "pixel.png", ZopeType.IMAGE, "A pixel", "image/png",
                new byte[] {1, 2, 3}));
        ZopeObject sub = folder("sub");
        src.addChild(sub);

        for (int protocol : new int[] {1, 3}) {
            ZopeObject read = ZexpCodec.read(ZexpCodec.export(src, protocol), protocol == 3, oids::incrementAndGet);

            assertThat(read.toNode()).as("protocol %d", protocol).isEqualTo(src.toNode());
            assertThat(read.getOid()).isNotEqualTo(src.getOid());
        }
    }

    @Test
    void shouldRefuseAReferenceToAnObjectMissingFromTheExport() throws IOException {
        byte[] sample = DemoDoubleTest.sample("sub-folder.zexp");
        List<byte[]> real = records(sample);
        byte[] onlyTheFolder = ByteBuffer.allocate(4 + 16 + real.get(0).length + 16).put(sample, 0, 20)
                .put(real.get(0)).put(sample, sample.length - 16, 16).array();

        assertThatThrownBy(() -> ZexpCodec.read(onlyTheFolder, true, oids::incrementAndGet))
                .isInstanceOf(ZexpImportException.class).hasMessageContaining("POSKeyError");
    }

    @Test
    void shouldGiveZopesReasonsForBrokenStructure() {
        assertThatThrownBy(() -> ZexpCodec.read(new byte[0], true, oids::incrementAndGet))
                .hasMessage("Invalid export header");
        assertThatThrownBy(() -> ZexpCodec.read("ZEXP".getBytes(StandardCharsets.US_ASCII), true,
                oids::incrementAndGet)).hasMessage("Truncated export file");
    }
}
