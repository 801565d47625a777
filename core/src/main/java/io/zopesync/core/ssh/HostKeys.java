package io.zopesync.core.ssh;

import com.jcraft.jsch.HostKey;
import com.jcraft.jsch.HostKeyRepository;
import com.jcraft.jsch.JSch;
import com.jcraft.jsch.JSchException;
import com.jcraft.jsch.Session;
import com.jcraft.jsch.UserInfo;
import io.zopesync.core.kernel.InvalidInputException;
import io.zopesync.core.kernel.Timeouts;
import io.zopesync.core.kernel.ZopeIds;
import java.io.Serializable;
import java.util.Base64;

/**
 * What host key an SSH server offers, so that an administrator can pin it ({@link HostKeyPolicy#pinned}).
 *
 * <pre>{@code
 * HostKeys.Offered offered = HostKeys.fetch("www.example.org", 22, Timeouts.defaults());
 * offered.keyLine();      // "ssh-ed25519 AAAAC3Nz…"
 * offered.fingerprint();  // "SHA256:…", as ssh-keygen -lf prints it
 * }</pre>
 * The key exchange runs up to the point where the server has proven it holds the key; the client then refuses
 * the key and disconnects, so no login is attempted and no credential is needed. Pin the result only after
 * comparing the fingerprint with one taken on the server itself (or over another trusted channel).
 */
public final class HostKeys {

    /**
     * A host key as offered.
     *
     * @param keyLine the key in known_hosts form without the host: {@code <type> <base64>}
     * @param fingerprint {@code SHA256:} and the unpadded base64 of the key's SHA-256
     */
    public record Offered(String keyLine, String fingerprint) implements Serializable {
    }

    private HostKeys() {
    }

    /**
     * Connects to a server and returns the host key it offers.
     *
     * @throws InvalidInputException if the host or port is not acceptable, naming it
     * @throws TransferException naming {@code host:port} if no key exchange took place (refused, timed out)
     */
    public static Offered fetch(String host, int port, Timeouts timeouts) {
        if (host == null || host.isBlank() || host.startsWith("-") || host.contains("@")
                || host.chars().anyMatch(c -> Character.isWhitespace(c) || Character.isISOControl(c))) {
            throw InvalidInputException.of("SSH host is not a host name: %s",
                    host == null ? "null" : ZopeIds.printable(host));
        }
        if (port < 1 || port > 65535) {
            throw InvalidInputException.of("SSH port must be 1 to 65535: %d", port);
        }
        String endpoint = host + ":" + port;
        Recorder recorder = new Recorder();
        JSch jsch = new JSch();
        jsch.setHostKeyRepository(recorder);
        Session session = null;
        try {
            session = jsch.getSession("zope-sync", host, port);
            session.setConfig("StrictHostKeyChecking", "yes");
            session.setTimeout(millis(timeouts.getRead().toMillis()));
            session.connect(millis(timeouts.getConnect().toMillis()));
        } catch (JSchException e) {
            if (recorder.offered == null) {
                throw new TransferException(TransferException.Kind.TRANSPORT, endpoint,
                        "cannot fetch the host key of " + endpoint + ": " + e.getMessage(), e);
            }
        } finally {
            if (session != null) {
                session.disconnect();
            }
        }
        if (recorder.offered == null) {
            throw new TransferException(TransferException.Kind.HOST_KEY, endpoint,
                    "server " + endpoint + " offered no host key", null);
        }
        return describe(recorder.offered);
    }

    /** Describes a public key blob in SSH wire format: its known_hosts key part and its fingerprint. */
    public static Offered describe(byte[] key) {
        return new Offered(HostKeyCheck.keyType(key) + " " + Base64.getEncoder().encodeToString(key),
                HostKeyCheck.fingerprint(key));
    }

    private static int millis(long millis) {
        return (int) Math.min(Integer.MAX_VALUE, millis);
    }

    /** Records the first key offered and refuses it, which ends the connection before any login. */
    private static final class Recorder implements HostKeyRepository {
        private volatile byte[] offered;

        @Override
        public int check(String host, byte[] key) {
            if (offered == null) {
                offered = key.clone();
            }
            return NOT_INCLUDED;
        }

        @Override
        public void add(HostKey hostkey, UserInfo ui) {
        }

        @Override
        public void remove(String host, String type) {
        }

        @Override
        public void remove(String host, String type, byte[] key) {
        }

        @Override
        public String getKnownHostsRepositoryID() {
            return "zope-sync host key fetch";
        }

        @Override
        public HostKey[] getHostKey() {
            return new HostKey[0];
        }

        @Override
        public HostKey[] getHostKey(String host, String type) {
            return new HostKey[0];
        }
    }
}
