package io.zopesync.core.zexp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Damaged files must end in a {@link ZexpFormatException} or a result, never in any other failure. */
class ZexpReaderFuzzTest {
    private static final String[] SAMPLES = {"sub-folder.zexp", "src-folder-tree.zexp", "file-hello.txt.zexp",
        "image-pixel.png.zexp", "zodb-only-persistentmapping.zexp"};

    private static byte[] sample(String name) throws IOException {
        try (InputStream in = ZexpReaderFuzzTest.class.getResourceAsStream("/zexp/" + name)) {
            return in.readAllBytes();
        }
    }

    private static byte[] mutate(byte[] original, Random random) {
        byte[] data = original.clone();
        switch (random.nextInt(4)) {
            case 0:
                for (int i = 1 + random.nextInt(4); i > 0; i--) {
                    data[random.nextInt(data.length)] = (byte) random.nextInt(256);
                }
                return data;
            case 1:
                return Arrays.copyOf(data, random.nextInt(data.length));
            case 2: {
                int at = 20 + random.nextInt(data.length - 20);
                data[at] = (byte) random.nextInt(256);
                return data;
            }
            default: {
                int from = random.nextInt(data.length);
                int to = from + random.nextInt(data.length - from);
                byte[] cut = new byte[data.length - (to - from)];
                System.arraycopy(data, 0, cut, 0, from);
                System.arraycopy(data, to, cut, from, data.length - to);
                return cut;
            }
        }
    }

    @Test
    void shouldAnswerEveryDamagedFileWithAResultOrAFormatError() throws IOException {
        Random random = new Random(20261125);
        int rejected = 0;
        for (int round = 0; round < 3000; round++) {
            byte[] damaged = mutate(sample(SAMPLES[round % SAMPLES.length]), random);
            try {
                ZexpInfo info = ZexpReader.read(new ByteArrayInputStream(damaged), "round " + round);
                assertThat(info.records()).as("round %d", round).isPositive();
                assertThat(info.size()).as("round %d", round).isEqualTo(damaged.length);
            } catch (ZexpFormatException e) {
                rejected++;
                assertThat(e.getMessage()).as("round %d", round).contains("round " + round);
            }
        }
        assertThat(rejected).as("damaged files rejected").isGreaterThan(600);
    }
}
