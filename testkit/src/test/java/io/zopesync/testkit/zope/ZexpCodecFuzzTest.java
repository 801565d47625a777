package io.zopesync.testkit.zope;

import static org.assertj.core.api.Assertions.assertThat;

import io.zopesync.testkit.zope.ZexpCodec.ZexpImportException;
import java.io.IOException;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** A damaged export must fail to import with a reason, as Zope's does, never with another failure. */
class ZexpCodecFuzzTest {
    @Test
    void shouldRefuseDamagedExportsWithAReason() throws IOException {
        byte[][] samples = {DemoDoubleTest.sample("src-folder-tree.zexp"), DemoDoubleTest.sample("sub-folder.zexp"),
            DemoDoubleTest.sample("image-pixel.png.zexp")};
        Random random = new Random(11);
        AtomicLong oids = new AtomicLong();
        int refused = 0;
        for (int round = 0; round < 3000; round++) {
            byte[] damaged = samples[round % samples.length].clone();
            for (int flips = 1 + random.nextInt(3); flips > 0; flips--) {
                damaged[random.nextInt(damaged.length)] = (byte) random.nextInt(256);
            }
            try {
                ZexpCodec.read(damaged, round % 2 == 0, oids::incrementAndGet);
            } catch (ZexpImportException e) {
                refused++;
                assertThat(e.getMessage()).as("round %d", round).isNotBlank();
            }
        }
        assertThat(refused).isGreaterThan(1000);
    }
}
