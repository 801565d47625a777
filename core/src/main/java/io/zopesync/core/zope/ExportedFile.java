package io.zopesync.core.zope;

import java.nio.file.Path;

/**
 * A .zexp file downloaded from Zope: where it was written, its size and its SHA-256 (lower-case hex),
 * computed while it was streamed to disk.
 */
public record ExportedFile(Path file, long size, String sha256) {
}
