package io.zopesync.testkit.zope;

import java.nio.ByteBuffer;

/** Reads the pixel size of PNG and GIF images, the two formats tests use; others get 0 x 0 as in Zope. */
final class ImageSize {
    private ImageSize() {
    }

    static int[] of(byte[] data) {
        ByteBuffer buffer = ByteBuffer.wrap(data);
        if (data.length >= 24 && (data[0] & 0xFF) == 0x89 && data[1] == 'P' && data[2] == 'N' && data[3] == 'G') {
            return new int[] {buffer.getInt(16), buffer.getInt(20)};
        }
        if (data.length >= 10 && data[0] == 'G' && data[1] == 'I' && data[2] == 'F') {
            return new int[] {(data[6] & 0xFF) | (data[7] & 0xFF) << 8, (data[8] & 0xFF) | (data[9] & 0xFF) << 8};
        }
        return new int[] {0, 0};
    }
}
