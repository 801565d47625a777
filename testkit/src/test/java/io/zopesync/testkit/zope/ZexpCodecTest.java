package io.zopesync.testkit.zope;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zopesync.testkit.zope.ZexpCodec.ZexpImportException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
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
