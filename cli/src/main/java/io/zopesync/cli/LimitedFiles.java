package io.zopesync.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Reads the small text files a user names (task files, password, key and certificate files, zupdate.py files)
 * with a size limit, so that {@code /dev/zero}, a FIFO that never ends or a multi-gigabyte file given by mistake
 * ends in a message naming the limit instead of an {@link OutOfMemoryError}. Nothing of the content is ever put
 * in a message: the file might hold a secret.
 *
 * <pre>{@code
 * String password = LimitedFiles.readText(path, LimitedFiles.SECRET_LIMIT, "the password file");
 * }</pre>
 */
final class LimitedFiles {
    /** The most a password or passphrase file may hold. */
    static final int SECRET_LIMIT = 64 * 1024;
    /** The most a task file, key file, certificate file or zupdate.py file may hold. */
    static final int TEXT_LIMIT = 1024 * 1024;

    private LimitedFiles() {
    }

    /**
     * The file's text, decoded as UTF-8.
     *
     * @param what the file's role, for messages ({@code "the password file"})
     * @throws java.nio.file.NoSuchFileException if there is no such file
     * @throws IOException if the file cannot be read, holds more than {@code maxBytes} bytes or is not UTF-8 text;
     *         the message names the file's role, its path and the limit, never its content
     */
    static String readText(Path path, int maxBytes, String what) throws IOException {
        if (Files.isDirectory(path)) {
            throw new IOException(what + " " + path + " is a directory");
        }
        byte[] bytes;
        try (InputStream in = Files.newInputStream(path)) {
            bytes = in.readNBytes(maxBytes + 1);
        } catch (NoSuchFileException e) {
            throw e;
        } catch (IOException e) {
            throw new IOException("cannot read " + what + " " + path + ": " + e.getClass().getSimpleName()
                    .replaceFirst("Exception$", ""), e);
        }
        if (bytes.length > maxBytes) {
            throw new IOException(what + " " + path + " is larger than the limit of " + Units.bytes(maxBytes)
                    + "; is it the right file?");
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new IOException(what + " " + path + " is not UTF-8 text; is it the right file?", e);
        }
    }
}
