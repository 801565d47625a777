package io.zopesync.testkit.ssh;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * Makes SSH client key pairs for tests with OpenSSH's {@code ssh-keygen}: ed25519, ECDSA and RSA, in OpenSSH or
 * PEM form, plain or encrypted with a passphrase.
 *
 * <pre>{@code
 * Assumptions.assumeTrue(TestKeys.isAvailable(), TestKeys.unavailableReason());
 * TestKeys.KeyPairText key = TestKeys.generate(tempDir, TestKeys.Type.ED25519, TestKeys.Format.OPENSSH, "secret");
 * server.authorize("zope", key.getPublicKey());
 * }</pre>
 *
 * <p>{@code ssh-keygen} was chosen over writing keys in Java because it produces exactly the files users have,
 * including its encrypted OpenSSH format (bcrypt KDF) and the legacy encrypted PEM form; the key files are left
 * in the directory given, which a test should make a {@code @TempDir}.
 */
public final class TestKeys {
    private static final String SSH_KEYGEN = "ssh-keygen";
    private static final long TIMEOUT_SECONDS = 30;

    private TestKeys() {
    }

    /** The key algorithms. */
    public enum Type {
        /** ssh-ed25519 (only in OpenSSH form: {@code ssh-keygen} writes no PEM ed25519 key). */
        ED25519("ed25519", null),
        /** ecdsa-sha2-nistp256. */
        ECDSA("ecdsa", "256"),
        /** RSA, 3072 bits (signs with rsa-sha2-256/512). */
        RSA("rsa", "3072");

        private final String keygenType;
        private final String bits;

        Type(String keygenType, String bits) {
            this.keygenType = keygenType;
            this.bits = bits;
        }
    }

    /** The text form of the private key. */
    public enum Format {
        /** {@code -----BEGIN OPENSSH PRIVATE KEY-----}. */
        OPENSSH,
        /** {@code -----BEGIN RSA PRIVATE KEY-----} / {@code EC PRIVATE KEY} (legacy PEM, encrypted with AES). */
        PEM
    }

    /** Whether {@code ssh-keygen} can be run here. */
    public static boolean isAvailable() {
        return unavailableReason() == null;
    }

    /** Why keys cannot be made here, or {@code null} if they can. */
    public static String unavailableReason() {
        try {
            Process process = new ProcessBuilder(SSH_KEYGEN, "-?").redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return "ssh-keygen did not answer within " + TIMEOUT_SECONDS + " s";
            }
            return null;
        } catch (IOException e) {
            return "ssh-keygen cannot be run: " + e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }

    /**
     * Generates a key pair in {@code dir} (under a fresh file name).
     *
     * @param passphrase the passphrase to encrypt the private key with, or {@code null}/empty for none
     * @throws IllegalArgumentException for ed25519 in PEM form, which {@code ssh-keygen} cannot write
     * @throws IllegalStateException if {@code ssh-keygen} fails
     */
    public static KeyPairText generate(Path dir, Type type, Format format, String passphrase) {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(format, "format");
        if (type == Type.ED25519 && format == Format.PEM) {
            throw new IllegalArgumentException("ssh-keygen writes ed25519 keys only in OpenSSH form");
        }
        try {
            Files.createDirectories(dir);
            Path file = Files.createTempFile(dir, "id_" + type.keygenType + "_", "");
            Files.delete(file);
            List<String> command = new ArrayList<>(List.of(SSH_KEYGEN, "-q", "-t", type.keygenType,
                    "-N", passphrase == null ? "" : passphrase, "-C", "zope-sync-test", "-f", file.toString()));
            if (type.bits != null) {
                command.addAll(List.of("-b", type.bits));
            }
            if (format == Format.PEM) {
                command.addAll(List.of("-m", "PEM"));
            }
            run(command);
            String privateKey = Files.readString(file, StandardCharsets.US_ASCII);
            String publicKey = Files.readString(Path.of(file + ".pub"), StandardCharsets.US_ASCII).strip();
            return new KeyPairText(type, format, privateKey, publicKey, passphrase == null ? "" : passphrase);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write a key in " + dir, e);
        }
    }

    /** Generates an unencrypted key pair. */
    public static KeyPairText generate(Path dir, Type type, Format format) {
        return generate(dir, type, format, null);
    }

    /**
     * Generates a host key (unencrypted, OpenSSH form) at exactly {@code file} (and {@code file.pub}).
     */
    static String generateHostKey(Path file, Type type) throws IOException {
        List<String> command = new ArrayList<>(List.of(SSH_KEYGEN, "-q", "-t", type.keygenType, "-N", "",
                "-C", "zope-sync-test-host", "-f", file.toString()));
        if (type.bits != null) {
            command.addAll(List.of("-b", type.bits));
        }
        run(command);
        return Files.readString(Path.of(file + ".pub"), StandardCharsets.US_ASCII).strip();
    }

    /** Prints the SHA256 fingerprint of a public key file, as {@code ssh-keygen -lf} does. */
    static String fingerprint(Path publicKeyFile) throws IOException {
        String out = run(List.of(SSH_KEYGEN, "-l", "-E", "sha256", "-f", publicKeyFile.toString()));
        return out.split("\\s+")[1];
    }

    private static String run(List<String> command) throws IOException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            process.getOutputStream().close();
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("ssh-keygen did not finish within " + TIMEOUT_SECONDS + " s");
            }
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (process.exitValue() != 0) {
                throw new IllegalStateException("ssh-keygen failed (exit " + process.exitValue() + "): " + out);
            }
            return out;
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running ssh-keygen", e);
        }
    }

    /** A generated key pair as text. */
    public static final class KeyPairText {
        private final Type type;
        private final Format format;
        private final String privateKey;
        private final String publicKey;
        private final String passphrase;

        KeyPairText(Type type, Format format, String privateKey, String publicKey, String passphrase) {
            this.type = type;
            this.format = format;
            this.privateKey = privateKey;
            this.publicKey = publicKey;
            this.passphrase = passphrase;
        }

        public Type getType() {
            return type;
        }

        public Format getFormat() {
            return format;
        }

        /** The private key file's text ({@code -----BEGIN ...}). */
        public String getPrivateKey() {
            return privateKey;
        }

        /** The public key line, {@code ssh-ed25519 AAAA... zope-sync-test}. */
        public String getPublicKey() {
            return publicKey;
        }

        /** The passphrase; empty if the key is not encrypted. */
        public String getPassphrase() {
            return passphrase;
        }

        @Override
        public String toString() {
            return "KeyPairText[" + type + ", " + format + (passphrase.isEmpty() ? "" : ", encrypted") + "]";
        }
    }
}
