package io.zopesync.core.kernel;

import java.io.Serializable;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A secret (a password, a passphrase, a private key's text) that must never be printed. {@link #toString()}
 * masks it; only the classes that hand it to a server or a key parser call {@link #reveal()}.
 *
 * <p>Immutable and thread-safe. It is {@link Serializable} so that the Jenkins plugin can send it to an agent;
 * it is never written to a report, manifest or log.
 */
public final class SecretValue implements Serializable {
    private static final long serialVersionUID = 1L;

    private final char[] value;

    private SecretValue(char[] value) {
        this.value = value.clone();
    }

    /** Wraps a secret. {@code null} is not allowed: use an empty secret for "none". */
    public static SecretValue of(String value) {
        if (value == null) {
            throw new NullPointerException("secret");
        }
        return new SecretValue(value.toCharArray());
    }

    public static SecretValue of(char[] value) {
        return new SecretValue(value);
    }

    public boolean isEmpty() {
        return value.length == 0;
    }

    /** The secret in clear. Call only where it is sent to a server or given to a key parser. */
    public String reveal() {
        return new String(value);
    }

    /** The secret's UTF-8 bytes; the caller should clear the array after use. */
    public byte[] revealBytes() {
        ByteBuffer bytes = StandardCharsets.UTF_8.encode(CharBuffer.wrap(value));
        byte[] out = Arrays.copyOfRange(bytes.array(), bytes.position(), bytes.limit());
        Arrays.fill(bytes.array(), (byte) 0);
        return out;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SecretValue && Arrays.equals(((SecretValue) o).value, value);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(value);
    }

    @Override
    public String toString() {
        return "****";
    }
}
