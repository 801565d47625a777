package io.zopesync.core.ssh;

import io.zopesync.core.kernel.InvalidInputException;
import io.zopesync.core.kernel.SecretValue;
import java.io.Serializable;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A private key held in memory (OpenSSH or PEM text; ed25519, ECDSA or RSA), with its passphrase if it is
 * encrypted. Never written to disk; {@link #toString()} shows nothing of it.
 */
public final class SshKey implements Serializable {
    private static final long serialVersionUID = 1L;

    private final SecretValue privateKey;
    private final SecretValue passphrase;

    private SshKey(SecretValue privateKey, SecretValue passphrase) {
        this.privateKey = privateKey;
        this.passphrase = passphrase;
    }

    /**
     * @param privateKey the key's text, starting with {@code -----BEGIN}
     * @param passphrase the passphrase, or {@code null}/empty for an unencrypted key
     * @throws InvalidInputException if the text is not a private key (the message never shows the text)
     */
    public static SshKey of(SecretValue privateKey, @Nullable SecretValue passphrase) {
        Objects.requireNonNull(privateKey, "privateKey");
        String text = privateKey.reveal().strip();
        if (!text.startsWith("-----BEGIN") || !text.contains("PRIVATE KEY-----")) {
            throw new InvalidInputException("SSH private key is not in OpenSSH or PEM form"
                    + " (it must start with '-----BEGIN ... PRIVATE KEY-----')");
        }
        return new SshKey(privateKey, passphrase == null ? SecretValue.of("") : passphrase);
    }

    public SecretValue getPrivateKey() {
        return privateKey;
    }

    /** The passphrase; empty for an unencrypted key. */
    public SecretValue getPassphrase() {
        return passphrase;
    }

    @Override
    public String toString() {
        return "SshKey[****]";
    }
}
