package io.zopesync.core.ssh;

import com.jcraft.jsch.HostKey;
import com.jcraft.jsch.HostKeyRepository;
import com.jcraft.jsch.JSch;
import com.jcraft.jsch.JSchException;
import com.jcraft.jsch.UserInfo;
import io.zopesync.core.kernel.SyncLog;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import org.jspecify.annotations.Nullable;

/**
 * Verifies the host key a server offers, as a {@link HostKeyPolicy} says, in place of JSch's own known_hosts
 * handling. JSch runs with {@code StrictHostKeyChecking=yes}, so anything but {@link HostKeyRepository#OK} ends
 * the connection; this class remembers what was offered so that the error can show the key type and fingerprint
 * and how to pin it. Nothing is ever added to a repository.
 *
 * <p>One instance per connection attempt.
 */
abstract class HostKeyCheck implements HostKeyRepository {
    private static final HostKey[] NONE = new HostKey[0];

    /** The endpoint, for messages. */
    final String endpoint;
    private volatile byte @Nullable [] offered;
    private volatile int result = NOT_INCLUDED;

    private HostKeyCheck(String endpoint) {
        this.endpoint = endpoint;
    }

    /**
     * The check for a policy.
     *
     * @throws TransferException {@link TransferException.Kind#HOST_KEY} if a known_hosts file cannot be read
     */
    static HostKeyCheck of(HostKeyPolicy policy, String endpoint, SyncLog log) {
        switch (policy.getMode()) {
            case PINNED:
                return policy.isFingerprint() ? new PinnedFingerprint(endpoint, policy.getValue())
                        : new PinnedKey(endpoint, policy.getValue());
            case KNOWN_HOSTS:
                return new KnownHostsFile(endpoint, Path.of(policy.getValue()));
            case ACCEPT_ANY:
                return new AcceptAny(endpoint, log);
            default:
                throw new IllegalArgumentException("unknown host key mode " + policy.getMode());
        }
    }

    /** {@code SHA256:} and the unpadded base64 SHA-256 of a key blob, as {@code ssh-keygen -l} prints it. */
    static String fingerprint(byte[] blob) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(blob);
            return "SHA256:" + Base64.getEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    /** The algorithm name at the start of a key blob, e.g. {@code ssh-ed25519}. */
    static String keyType(byte[] blob) {
        if (blob.length < 4) {
            return "unknown";
        }
        int length = ByteBuffer.wrap(blob, 0, 4).getInt();
        if (length <= 0 || length > blob.length - 4 || length > 64) {
            return "unknown";
        }
        return new String(blob, 4, length, StandardCharsets.US_ASCII);
    }

    @Override
    public final int check(String host, byte[] key) {
        byte[] copy = key.clone();
        offered = copy;
        int verdict = verify(host, copy);
        result = verdict;
        return verdict;
    }

    /** {@link #OK}, {@link #NOT_INCLUDED} or {@link #CHANGED}. */
    abstract int verify(String host, byte[] key);

    /** What went wrong, for the message after the offered key. */
    abstract String rejection(String host);

    /** Whether a key was offered and refused. */
    final boolean isRejected() {
        return offered != null && result != OK;
    }

    /** {@code ssh-ed25519 SHA256:...} of the offered key, or {@code null} if none was offered yet. */
    final @Nullable String describeOffered() {
        byte[] key = offered;
        return key == null ? null : keyType(key) + " " + fingerprint(key);
    }

    /** The whole message of a refused host key. */
    final String rejectionMessage(String host) {
        byte[] key = offered;
        String fingerprint = fingerprint(key);
        return "host key of " + endpoint + " " + rejection(host) + ": the server offered " + keyType(key) + " "
                + fingerprint + ". If that is the server's real key (check with 'ssh-keygen -lf' on the server),"
                + " pin it with hostKey: \"" + fingerprint + "\"";
    }

    @Override
    public final void add(HostKey hostkey, UserInfo ui) {
        // Keys are configured, never learnt.
    }

    @Override
    public final void remove(String host, String type) {
        // Nothing is stored.
    }

    @Override
    public final void remove(String host, String type, byte[] key) {
        // Nothing is stored.
    }

    @Override
    public @Nullable String getKnownHostsRepositoryID() {
        return null;
    }

    @Override
    public HostKey[] getHostKey() {
        return NONE;
    }

    @Override
    public HostKey[] getHostKey(String host, String type) {
        return NONE;
    }

    /** A whole pinned public key. */
    private static final class PinnedKey extends HostKeyCheck {
        private final byte[] pinned;
        private final String pinnedType;

        PinnedKey(String endpoint, String value) {
            super(endpoint);
            String[] parts = value.strip().split("\\s+");
            this.pinned = Base64.getDecoder().decode(parts[1]);
            this.pinnedType = keyType(pinned);
        }

        @Override
        int verify(String host, byte[] key) {
            if (MessageDigest.isEqual(pinned, key)) {
                return OK;
            }
            return keyType(key).equals(pinnedType) ? CHANGED : NOT_INCLUDED;
        }

        @Override
        String rejection(String host) {
            return "does not match the pinned " + pinnedType + " key " + fingerprint(pinned);
        }

        /** Lets JSch ask the server for the pinned key's algorithm first. */
        @Override
        public HostKey[] getHostKey(String host, String type) {
            try {
                return new HostKey[] {new HostKey(host, pinned)};
            } catch (JSchException e) {
                return super.getHostKey(host, type);
            }
        }
    }

    /** A pinned SHA-256 fingerprint. */
    private static final class PinnedFingerprint extends HostKeyCheck {
        private final String pinned;

        PinnedFingerprint(String endpoint, String value) {
            super(endpoint);
            this.pinned = value.strip().replaceAll("=+$", "");
        }

        @Override
        int verify(String host, byte[] key) {
            return fingerprint(key).equals(pinned) ? OK : CHANGED;
        }

        @Override
        String rejection(String host) {
            return "does not match the pinned fingerprint " + pinned;
        }
    }

    /**
     * A known_hosts file, read once per connection by JSch's own parser: plain and hashed names, and
     * {@code [host]:port} for ports other than 22. Where no {@code [host]:port} entry exists, JSch also accepts an
     * entry for the bare host name (the same machine's key).
     */
    private static final class KnownHostsFile extends HostKeyCheck {
        private final Path file;
        private final HostKeyRepository known;

        KnownHostsFile(String endpoint, Path file) {
            super(endpoint);
            this.file = file;
            JSch jsch = new JSch();
            try (InputStream in = Files.newInputStream(file)) {
                jsch.setKnownHosts(in);
            } catch (NoSuchFileException e) {
                throw new TransferException(TransferException.Kind.HOST_KEY, endpoint, "known_hosts file of "
                        + endpoint + " does not exist: " + file, null);
            } catch (IOException | JSchException e) {
                throw new TransferException(TransferException.Kind.HOST_KEY, endpoint, "cannot read known_hosts"
                        + " file of " + endpoint + ": " + file + ": " + e.getMessage(), e);
            }
            this.known = jsch.getHostKeyRepository();
        }

        @Override
        int verify(String host, byte[] key) {
            return known.check(host, key);
        }

        @Override
        String rejection(String host) {
            return isChanged() ? "does not match the entry for " + host + " in " + file
                    + " (if the key was not changed on purpose, someone may be intercepting the connection)"
                    : "is not in " + file + " (looked up as " + host + ")";
        }

        private boolean isChanged() {
            return getResult() == CHANGED;
        }

        @Override
        public String getKnownHostsRepositoryID() {
            return file.toString();
        }

        @Override
        public HostKey[] getHostKey() {
            return known.getHostKey();
        }

        @Override
        public HostKey[] getHostKey(String host, String type) {
            HostKey[] keys = known.getHostKey(host, type);
            return keys == null ? super.getHostKey(host, type) : keys;
        }
    }

    /** Any key, with a warning on every connection. */
    private static final class AcceptAny extends HostKeyCheck {
        private final SyncLog log;

        AcceptAny(String endpoint, SyncLog log) {
            super(endpoint);
            this.log = log;
        }

        @Override
        int verify(String host, byte[] key) {
            String fingerprint = fingerprint(key);
            log.warn("host key checking is off for " + endpoint + ": accepting its " + keyType(key) + " key "
                    + fingerprint + " unverified; pin it with hostKey: \"" + fingerprint + "\"");
            return OK;
        }

        @Override
        String rejection(String host) {
            return "was refused";
        }
    }

    int getResult() {
        return result;
    }
}
