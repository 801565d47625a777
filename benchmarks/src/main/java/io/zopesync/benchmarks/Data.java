package io.zopesync.benchmarks;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.stream.Stream;

/** Incompressible test data and directory clean-up. */
final class Data {
    private static final int BLOCK = 1 << 20;

    private Data() {
    }

    /** Random bytes (a fixed seed: the same content on every run). */
    static byte[] random(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    /** Writes a file of {@code size} random bytes without holding it in memory. */
    static Path randomFile(Path file, long size) {
        Random random = new Random(size);
        byte[] block = new byte[BLOCK];
        try (OutputStream out = Files.newOutputStream(file)) {
            for (long left = size; left > 0; left -= BLOCK) {
                random.nextBytes(block);
                out.write(block, 0, (int) Math.min(BLOCK, left));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
        return file;
    }

    /** Deletes everything inside a directory (not the directory itself). */
    static void empty(Path dir) {
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (Stream<Path> entries = Files.list(dir)) {
            for (Path entry : (Iterable<Path>) entries::iterator) {
                delete(entry);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot empty " + dir, e);
        }
    }

    /** Deletes a file or a directory tree; a missing one is fine. */
    static void delete(Path path) {
        try {
            if (Files.isDirectory(path, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                empty(path);
            }
            Files.deleteIfExists(path);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + path, e);
        }
    }

    static double mib(long bytes) {
        return bytes / (1024.0 * 1024.0);
    }

    static double seconds(long nanos) {
        return nanos / 1e9;
    }
}
