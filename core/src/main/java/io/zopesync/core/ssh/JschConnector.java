package io.zopesync.core.ssh;

import com.jcraft.jsch.JSch;
import com.jcraft.jsch.JSchAlgoNegoFailException;
import com.jcraft.jsch.JSchException;
import com.jcraft.jsch.JSchHostKeyException;
import com.jcraft.jsch.Logger;
import com.jcraft.jsch.Session;
import io.zopesync.core.kernel.InvalidInputException;
import io.zopesync.core.kernel.SyncLog;
import io.zopesync.core.kernel.Timeouts;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Objects;

/**
 * Opens SSH sessions with JSch ({@code com.github.mwiede:jsch}): one session per call, returned as
 * {@link RemoteFiles} for SFTP (the default) or SCP.
 *
 * <pre>{@code
 * try (RemoteFiles files = new JschConnector().open(settings, Timeouts.defaults(), log)) {
 *     files.checkWritableDirectory(settings.getImportDir());
 *     files.upload(zexp, settings.getImportDir(), "zope-sync-run1-1.zexp", sent -> { });
 * }
 * }</pre>
 *
 * <p><b>Keys</b> are handed to JSch from memory ({@code addIdentity(name, bytes, null, passphrase)}), never
 * written to disk; the byte copies are cleared afterwards. ed25519, ECDSA and RSA keys in OpenSSH or PEM form,
 * encrypted or not, are accepted; RSA signs with rsa-sha2-256/512 only (SHA-1 {@code ssh-rsa} stays off).
 *
 * <p><b>Host keys</b> are always checked ({@code StrictHostKeyChecking=yes}) by a {@link HostKeyCheck} for the
 * environment's {@link HostKeyPolicy}: a refused key ends in a {@link TransferException.Kind#HOST_KEY} error that
 * shows the offered key type and SHA-256 fingerprint and how to pin it. Accepting any key logs a warning with the
 * fingerprint on every connection. Every algorithm setting is made on the session, so changes other code makes to
 * JSch's global configuration (in a Jenkins controller, say) do not weaken it.
 *
 * <p><b>Time limits</b>: the TCP connect, key exchange and authentication are bounded by
 * {@link Timeouts#getConnect()}. Keepalives are sent every quarter of {@link Timeouts#getRead()} (at most every
 * 15 s) and a session whose server misses enough of them to cover the read timeout is closed; JSch uses the same
 * interval as its socket read timeout. A server that answers keepalives but not file requests is caught by a
 * per-operation watchdog (see {@link RemoteFiles} implementations): no progress for the read timeout closes the
 * operation's channel.
 *
 * <p><b>Threads.</b> The returned {@link RemoteFiles} run each operation on a worker thread of their own while
 * the caller waits, so that an interrupt of the caller cancels the operation reliably (see
 * {@code JschRemoteFiles}); upload progress is therefore reported from that worker thread.
 *
 * <p>JSch's own log lines go to the {@link SyncLog} at DEBUG, prefixed with the endpoint. Thread-safe.
 */
public final class JschConnector implements SshConnector {
    private static final String HOST_KEY_ALGORITHMS = "ssh-ed25519,ecdsa-sha2-nistp256,ecdsa-sha2-nistp384,"
            + "ecdsa-sha2-nistp521,rsa-sha2-512,rsa-sha2-256";
    private static final Duration MAX_KEEPALIVE_INTERVAL = Duration.ofSeconds(15);

    /**
     * @throws InvalidInputException if the key cannot be read or its passphrase is wrong (the message never shows
     *         key or passphrase)
     * @throws TransferException naming the endpoint: {@link TransferException.Kind#TRANSPORT} if the server cannot
     *         be reached, {@link TransferException.Kind#HOST_KEY} if its key is refused,
     *         {@link TransferException.Kind#AUTHENTICATION} if it refuses the key
     */
    @Override
    public RemoteFiles open(SshSettings settings, Timeouts timeouts, SyncLog log) {
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(timeouts, "timeouts");
        Objects.requireNonNull(log, "log");
        String endpoint = settings.getEndpoint();
        JSch jsch = new JSch();
        addIdentity(jsch, settings.getKey(), endpoint);
        HostKeyCheck hostKeyCheck = HostKeyCheck.of(settings.getHostKey(), endpoint, log);
        Session session = null;
        try {
            session = jsch.getSession(settings.getUsername(), settings.getHost(), settings.getPort());
            session.setLogger(new SessionLogger(log, endpoint));
            session.setDaemonThread(true);
            session.setHostKeyRepository(hostKeyCheck);
            configure(session, settings);
            long readMillis = timeouts.getRead().toMillis();
            long interval = Math.max(1000, Math.min(MAX_KEEPALIVE_INTERVAL.toMillis(), readMillis / 4));
            session.setServerAliveInterval(Math.toIntExact(interval));
            session.setServerAliveCountMax(Math.toIntExact(Math.max(1, readMillis / interval)));
            log.debug("ssh " + endpoint + ": connecting (" + settings.getProtocol() + ", " + settings.getHostKey()
                    + ")");
            session.connect(Math.toIntExact(Math.min(Integer.MAX_VALUE, timeouts.getConnect().toMillis())));
        } catch (JSchException e) {
            if (session != null) {
                session.disconnect();
            }
            throw connectFailure(e, endpoint, settings, timeouts, hostKeyCheck);
        }
        log.debug("ssh " + endpoint + ": connected, host key " + hostKeyCheck.describeOffered());
        if (settings.getProtocol() == TransferProtocol.SCP) {
            return new ScpRemoteFiles(endpoint, session, timeouts, log);
        }
        return SftpRemoteFiles.open(endpoint, session, timeouts, log);
    }

    private static void configure(Session session, SshSettings settings) {
        String ciphers = String.join(",", settings.getCiphers());
        session.setConfig("StrictHostKeyChecking", "yes");
        session.setConfig("HashKnownHosts", "no");
        session.setConfig("prefer_known_host_key_types", "yes");
        session.setConfig("server_host_key", HOST_KEY_ALGORITHMS);
        session.setConfig("PubkeyAcceptedAlgorithms", HOST_KEY_ALGORITHMS);
        session.setConfig("PreferredAuthentications", "publickey");
        session.setConfig("cipher.c2s", ciphers);
        session.setConfig("cipher.s2c", ciphers);
        session.setConfig("compression.c2s", "none");
        session.setConfig("compression.s2c", "none");
    }

    private static void addIdentity(JSch jsch, SshKey key, String endpoint) {
        Objects.requireNonNull(key, "key");
        byte[] privateKey = key.getPrivateKey().revealBytes();
        byte[] passphrase = key.getPassphrase().revealBytes();
        try {
            jsch.addIdentity("zope-sync key for " + endpoint, privateKey, null, passphrase);
        } catch (JSchException e) {
            if (e.getMessage() != null && e.getMessage().contains("passphrase")) {
                throw new InvalidInputException(key.getPassphrase().isEmpty()
                        ? "SSH key for " + endpoint + " is encrypted: give its passphrase"
                        : "SSH key for " + endpoint + " cannot be decrypted: the passphrase is wrong");
            }
            throw new InvalidInputException("SSH key for " + endpoint + " cannot be read: it must be an ed25519,"
                    + " ECDSA or RSA private key in OpenSSH or PEM form");
        } finally {
            Arrays.fill(privateKey, (byte) 0);
            Arrays.fill(passphrase, (byte) 0);
        }
    }

    private static TransferException connectFailure(JSchException e, String endpoint, SshSettings settings,
            Timeouts timeouts, HostKeyCheck hostKeyCheck) {
        String host = settings.getPort() == 22 ? settings.getHost()
                : "[" + settings.getHost() + "]:" + settings.getPort();
        if (hostKeyCheck.isRejected() || e instanceof JSchHostKeyException) {
            String message = hostKeyCheck.isRejected() ? hostKeyCheck.rejectionMessage(host)
                    : "host key of " + endpoint + " was refused: " + JschRemoteFiles.describe(e);
            return new TransferException(TransferException.Kind.HOST_KEY, endpoint, message, e);
        }
        String text = e.getMessage() == null ? "" : e.getMessage();
        if (text.startsWith("Auth fail") || text.startsWith("Auth cancel")) {
            return new TransferException(TransferException.Kind.AUTHENTICATION, endpoint, "SSH login as '"
                    + settings.getUsername() + "' to " + endpoint + " failed: the server refused the key (is its"
                    + " public key in that user's authorized_keys?)", e);
        }
        if (e instanceof JSchAlgoNegoFailException) {
            return new TransferException(TransferException.Kind.TRANSPORT, endpoint, "cannot connect to " + endpoint
                    + ": no algorithm in common with the server (ciphers offered: "
                    + String.join(",", settings.getCiphers()) + "): " + text, e);
        }
        Throwable cause = rootCause(e);
        String reason;
        if (cause instanceof ConnectException) {
            reason = "connection refused (is sshd running on port " + settings.getPort() + "?)";
        } else if (cause instanceof UnknownHostException) {
            reason = "unknown host " + settings.getHost();
        } else if (cause instanceof NoRouteToHostException) {
            reason = "no route to host " + settings.getHost();
        } else if (cause instanceof SocketTimeoutException || text.contains("timeout")) {
            reason = "no answer within " + timeouts.getConnect().toSeconds() + " s";
        } else {
            reason = JschRemoteFiles.describe(e);
        }
        return new TransferException(TransferException.Kind.TRANSPORT, endpoint, "cannot connect to " + endpoint
                + ": " + reason, e);
    }

    private static Throwable rootCause(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root;
    }

    /** JSch's log lines for one session, at DEBUG. JSch logs no key material or passphrase. */
    private static final class SessionLogger implements Logger {
        private final SyncLog log;
        private final String prefix;

        SessionLogger(SyncLog log, String endpoint) {
            this.log = log;
            this.prefix = "ssh " + endpoint + ": ";
        }

        @Override
        public boolean isEnabled(int level) {
            return true;
        }

        @Override
        public void log(int level, String message) {
            log.debug(prefix + message);
        }
    }
}
