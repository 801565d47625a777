package io.zopesync.core.bundle;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A bundle that {@link Bundle#verified(Path, java.util.Optional)} checked: its manifest, and the SHA-256 of the
 * manifest file as it was read for the check. Immutable.
 */
public final class VerifiedBundle {
    private final Path dir;
    private final Manifest manifest;
    private final String manifestSha256;

    VerifiedBundle(Path dir, Manifest manifest, String manifestSha256) {
        this.dir = Objects.requireNonNull(dir, "dir");
        this.manifest = Objects.requireNonNull(manifest, "manifest");
        this.manifestSha256 = Objects.requireNonNull(manifestSha256, "manifestSha256");
    }

    /** The bundle directory. */
    public Path getDir() {
        return dir;
    }

    /** The manifest, every file of which matched. */
    public Manifest getManifest() {
        return manifest;
    }

    /** The SHA-256 of {@code manifest.json}, lower-case hex. */
    public String getManifestSha256() {
        return manifestSha256;
    }

    @Override
    public String toString() {
        return "VerifiedBundle[" + dir + ", manifest SHA-256 " + manifestSha256 + "]";
    }
}
