package io.zopesync.core.zexp;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Objects;

/**
 * Checks the structure of .zexp files and reads the root object's class and id. It never executes or
 * instantiates anything from the file and reads it as a stream, in constant memory whatever its size.
 *
 * <pre>{@code
 * ZexpInfo info = ZexpReader.read(Path.of("bundle/objects/001-src.zexp"));
 * info.className(); // "OFS.Folder.Folder"
 * info.id();        // "src": the id Zope gives the imported object, whatever the file is called
 * }</pre>
 *
 * <p>The structure checked is ZODB's export format ({@code ZODB/ExportImport.py}): the magic {@code ZEXP}; per
 * object an 8-byte oid, an 8-byte big-endian length and a record of that length, optionally followed by a blob
 * ({@code "\0BLOBSTART"}, an 8-byte length, the bytes); then the end marker of 16 bytes 0xFF and nothing after it.
 * A record is two pickles, the class and the state; the root object is the first record. Its id is the
 * {@code id} key of its state, or {@code __name__} (files and images) when there is no {@code id}.
 *
 * <p>What this check cannot prove: a byte flipped inside a pickle keeps the structure valid, and Zope fails on
 * it only when it unpickles the record. Integrity is proven by the SHA-256 taken when the file was exported, not
 * by this reader. Strings that are not valid UTF-8 are read with replacement characters instead of failing, so
 * such a file is accepted here too.
 *
 * <p>An object without an id, such as a {@code persistent.mapping.PersistentMapping} exported by plain ZODB, is
 * structurally valid: {@link ZexpInfo#id()} is then {@code null}. Zope cannot import it under any name (it fails
 * with an AttributeError), so callers must refuse such a file, naming its class.
 */
public final class ZexpReader {
    /**
     * The largest record accepted: ZODB splits big file data into 64 KiB chunks, so a longer record means a
     * damaged length field, and is refused before anything is allocated for it.
     */
    public static final long MAX_RECORD_LENGTH = 256L * 1024 * 1024;

    private static final byte[] MAGIC = "ZEXP".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] BLOB_MARKER = "\0BLOBSTART".getBytes(StandardCharsets.US_ASCII);
    private static final int HEADER_LENGTH = 16;

    private ZexpReader() {
    }

    /**
     * Reads a whole file, checking its structure.
     *
     * @throws ZexpFormatException if the file is not a valid .zexp, with Zope's reason ({@code Invalid export
     *     header}, {@code Truncated export file}), the file's name and the offset
     * @throws UncheckedIOException if the file cannot be read
     */
    public static ZexpInfo read(Path file) {
        Objects.requireNonNull(file, "file");
        try (InputStream in = Files.newInputStream(file)) {
            return readChecked(in, file.toString(), Files.size(file));
        } catch (NoSuchFileException e) {
            throw new UncheckedIOException("no such .zexp file: " + file, e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Reads a .zexp from a stream up to its end, checking its structure; the stream is not closed. Without the
     * file's size, a record's length is only checked against {@link #MAX_RECORD_LENGTH} before it is read.
     *
     * @param name how messages call the stream, e.g. the file or URL it comes from
     * @throws ZexpFormatException if the stream is not a valid .zexp
     * @throws UncheckedIOException if the stream cannot be read
     */
    public static ZexpInfo read(InputStream in, String name) {
        return read(in, name, -1);
    }

    /**
     * Reads a .zexp of a known size from a stream up to its end, checking its structure; the stream is not closed.
     * A record's length is checked against the bytes that remain before it is read.
     *
     * @param size the stream's length in bytes, or -1 if unknown
     * @throws ZexpFormatException if the stream is not a valid .zexp
     * @throws UncheckedIOException if the stream cannot be read
     */
    public static ZexpInfo read(InputStream in, String name, long size) {
        Objects.requireNonNull(in, "in");
        Objects.requireNonNull(name, "name");
        try {
            return readChecked(in, name, size);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + name + ": " + e.getMessage(), e);
        }
    }

    private static ZexpInfo readChecked(InputStream stream, String name, long size) throws IOException {
        Input in = new Input(stream);
        byte[] magic = new byte[MAGIC.length];
        if (in.readFully(magic) < MAGIC.length || !Arrays.equals(magic, MAGIC)) {
            throw new ZexpFormatException("Invalid export header: " + name + " does not start with \"ZEXP\"");
        }
        String className = null;
        String id = null;
        int records = 0;
        int blobs = 0;
        boolean blobAllowed = false;
        byte[] header = new byte[HEADER_LENGTH];
        while (true) {
            long offset = in.getOffset();
            int read = in.readFully(header);
            if (read < HEADER_LENGTH) {
                throw new ZexpFormatException("Truncated export file: " + name + " ends at byte " + in.getOffset()
                        + (read == 0 ? " without the end marker" : " inside the header at offset " + offset));
            }
            if (isEndMarker(header)) {
                break;
            }
            if (blobAllowed && startsWithBlobMarker(header)) {
                skipBlob(in, header, name, size, offset);
                blobs++;
                blobAllowed = false;
                continue;
            }
            long length = ByteBuffer.wrap(header, 8, 8).getLong();
            String where = "record " + (records + 1) + " (oid " + hex(header, 0, 8) + ") at offset " + offset;
            checkLength(length, in.getOffset(), size, name, where);
            if (length > MAX_RECORD_LENGTH) {
                throw new ZexpFormatException("Invalid record length: " + name + ", " + where + " claims "
                        + Long.toUnsignedString(length) + " bytes, more than a ZODB record can sensibly hold ("
                        + MAX_RECORD_LENGTH + ")");
            }
            long recordEnd = in.getOffset() + length;
            if (records == 0) {
                RootPickle root = RootPickle.read(in, length, name);
                className = root.getClassName();
                id = root.getId();
            }
            long left = recordEnd - in.getOffset();
            if (in.skipFully(left) < left) {
                throw truncated(name, in.getOffset(), where);
            }
            records++;
            blobAllowed = true;
        }
        if (records == 0) {
            throw new ZexpFormatException("Empty export: " + name + " holds no object, only the end marker");
        }
        long end = in.getOffset();
        if (in.read() >= 0) {
            throw new ZexpFormatException("Unexpected data after the end marker: " + name + " goes on after offset "
                    + end + ", where the export ends");
        }
        return new ZexpInfo(className, id, records, blobs, end);
    }

    private static void skipBlob(Input in, byte[] header, String name, long size, long offset) throws IOException {
        byte[] lengthBytes = new byte[8];
        int fromHeader = HEADER_LENGTH - BLOB_MARKER.length;
        System.arraycopy(header, BLOB_MARKER.length, lengthBytes, 0, fromHeader);
        String where = "the blob at offset " + offset;
        if (in.readFully(lengthBytes, fromHeader, lengthBytes.length - fromHeader) < lengthBytes.length - fromHeader) {
            throw truncated(name, in.getOffset(), where);
        }
        long length = ByteBuffer.wrap(lengthBytes).getLong();
        checkLength(length, in.getOffset(), size, name, where);
        if (in.skipFully(length) < length) {
            throw truncated(name, in.getOffset(), where);
        }
    }

    private static void checkLength(long length, long position, long size, String name, String where) {
        if (length < 0 || (size >= 0 && length > size - position)) {
            long remaining = size >= 0 ? Math.max(0, size - position) : -1;
            throw new ZexpFormatException("Truncated export file: " + name + ", " + where + " claims "
                    + Long.toUnsignedString(length) + " bytes"
                    + (remaining >= 0 ? " but only " + remaining + " remain" : ""));
        }
    }

    private static ZexpFormatException truncated(String name, long offset, String where) {
        return new ZexpFormatException("Truncated export file: " + name + " ends at byte " + offset + ", inside "
                + where);
    }

    private static boolean isEndMarker(byte[] header) {
        for (byte b : header) {
            if (b != (byte) 0xFF) {
                return false;
            }
        }
        return true;
    }

    private static boolean startsWithBlobMarker(byte[] header) {
        return Arrays.equals(header, 0, BLOB_MARKER.length, BLOB_MARKER, 0, BLOB_MARKER.length);
    }

    private static String hex(byte[] data, int from, int to) {
        StringBuilder text = new StringBuilder("0x");
        for (int i = from; i < to; i++) {
            text.append(String.format("%02x", data[i]));
        }
        return text.toString();
    }

    /** A buffered stream that counts its offset and tells how much of a read or skip really happened. */
    static final class Input {
        private final InputStream in;
        private final byte[] skipBuffer = new byte[8192];
        private long offset;

        Input(InputStream stream) {
            this.in = new BufferedInputStream(stream, 65536);
        }

        long getOffset() {
            return offset;
        }

        int read() throws IOException {
            int b = in.read();
            if (b >= 0) {
                offset++;
            }
            return b;
        }

        /** Reads one byte that must be there. @throws EOFException at the end of the stream */
        int readByte() throws IOException {
            int b = read();
            if (b < 0) {
                throw new EOFException();
            }
            return b;
        }

        int readFully(byte[] buffer) throws IOException {
            return readFully(buffer, 0, buffer.length);
        }

        /** Reads until {@code length} bytes are in or the stream ends; returns how many were read. */
        int readFully(byte[] buffer, int start, int length) throws IOException {
            int total = in.readNBytes(buffer, start, length);
            offset += total;
            return total;
        }

        /** Skips by reading, since {@code InputStream.skip} may skip past the end unnoticed. */
        long skipFully(long count) throws IOException {
            long skipped = 0;
            while (skipped < count) {
                int read = in.read(skipBuffer, 0, (int) Math.min(skipBuffer.length, count - skipped));
                if (read < 0) {
                    break;
                }
                skipped += read;
                offset += read;
            }
            return skipped;
        }
    }
}
