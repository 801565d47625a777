package io.zopesync.core.bundle;

import java.nio.file.Path;

/**
 * A directory of exported .zexp files with their {@code manifest.json}:
 * <pre>
 * manifest.json
 * objects/001-obj1.zexp …
 * replaced/&lt;target&gt;/manifest.json and .zexp files   (objects a push replaced: undo files)
 * </pre>
 */
public final class Bundle {
    /** The manifest's file name. */
    public static final String MANIFEST = "manifest.json";

    private Bundle() {
    }

    /**
     * Reads a bundle and verifies every file against its manifest: format version, presence, size, SHA-256,
     * no file left out of the manifest.
     *
     * @throws BundleException naming the file and the mismatch
     */
    public static Manifest verify(Path dir) {
        throw new UnsupportedOperationException("not implemented yet");
    }
}
