package io.zopesync.core.zexp;

import java.nio.file.Path;

/**
 * Checks the structure of .zexp files and reads the root object's class and id. It never executes or
 * instantiates anything from the file.
 */
public final class ZexpReader {
    private ZexpReader() {
    }

    /**
     * Reads a whole file, checking its structure.
     *
     * @throws ZexpFormatException if the file is not a valid .zexp, with Zope's reason
     */
    public static ZexpInfo read(Path file) {
        throw new UnsupportedOperationException("not implemented yet");
    }
}
