package io.zopesync.testkit.ssh;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.config.keys.PublicKeyEntryResolver;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.apache.sshd.common.session.Session;
import org.apache.sshd.common.session.SessionListener;
import org.apache.sshd.scp.server.ScpCommandFactory;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.command.CommandFactory;
import org.apache.sshd.server.session.ServerSession;
import org.apache.sshd.server.shell.ProcessShellFactory;
import org.apache.sshd.sftp.server.FileHandle;
import org.apache.sshd.sftp.server.SftpErrorStatusDataHandler;
import org.apache.sshd.sftp.server.SftpEventListener;
import org.apache.sshd.sftp.server.SftpFileSystemAccessor;
import org.apache.sshd.sftp.server.SftpSubsystemEnvironment;
import org.apache.sshd.sftp.server.SftpSubsystemProxy;
import org.apache.sshd.sftp.server.SftpSubsystemFactory;

/**
 * An SSH server in the test's own JVM (Apache MINA SSHD) on {@code 127.0.0.1} and a free port, with SFTP, SCP,
 * public-key authentication against the keys it is given, a host key generated per instance, a count of its
 * sessions and fault hooks.
 *
 * <pre>{@code
 * try (EmbeddedSshServer server = EmbeddedSshServer.builder(tempDir)
 *         .authorize("zope", keys.getPublicKey()).start()) {
 *     String importDir = server.remotePath(tempDir.resolve("import"));
 *     // connect to 127.0.0.1:server.getPort(), pin server.getHostKey()
 * }
 * }</pre>
 *
 * <p><b>File system.</b> Remote paths are the machine's own absolute paths, as with OpenSSH's sshd: a test gives
 * its targets an import directory under {@link #getRoot()} (see {@link #remotePath(Path)}), and a Zope double whose
 * instance home lies under the same root sees the uploaded files at the same path. A virtual root
 * ({@code /x} mapped to {@code <root>/x}) was not chosen because SCP mode runs {@code mv}, {@code rm},
 * {@code stat} and {@code ls} through {@code /bin/sh}, which sees only the real file system. Nothing confines the
 * client to the root, so only point trusted test code at this server.
 *
 * <p><b>Commands.</b> {@code scp -t}/{@code -f} are served by MINA's SCP implementation; every other exec
 * command is run as {@code /bin/sh -c <command>} as the user running the test.
 *
 * <p><b>Faults</b> (SFTP only; see {@link Faults}): drop the session after a number of bytes written to a file,
 * fail writes as a full disk, refuse writes as permission denied, stall (never answer another SFTP request).
 * {@link #getSessionsOpened()} and {@link #getSessionsOpen()} let a test check that a client uses one session per
 * endpoint and leaks none.
 *
 * <p>Thread-safe. {@link #close()} stops the server and releases stalled requests.
 */
public final class EmbeddedSshServer implements AutoCloseable {
    private final SshServer server;
    private final Path root;
    private final PublicKey hostPublicKey;
    private final Faults faults = new Faults();
    private final AtomicInteger sessionsOpened = new AtomicInteger();
    private final AtomicInteger sessionsOpen = new AtomicInteger();
    private final boolean sftp;

    private EmbeddedSshServer(Builder builder) throws IOException {
        this.root = builder.root.toAbsolutePath().normalize();
        this.sftp = builder.sftp;
        KeyPair hostKey = generateHostKey();
        this.hostPublicKey = hostKey.getPublic();
        Map<String, List<PublicKey>> authorized = new LinkedHashMap<>();
        builder.authorized.forEach((user, keys) -> authorized.put(user, List.copyOf(keys)));

        server = SshServer.setUpDefaultServer();
        server.setHost("127.0.0.1");
        server.setPort(0);
        server.setKeyPairProvider(KeyPairProvider.wrap(hostKey));
        server.setPublickeyAuthenticator((user, key, session) -> authorized.getOrDefault(user, List.of()).stream()
                .anyMatch(known -> KeyUtils.compareKeys(known, key)));
        server.setPasswordAuthenticator(null);
        server.setKeyboardInteractiveAuthenticator(null);
        server.setCommandFactory(new ScpCommandFactory.Builder().withDelegate(shellCommands()).build());
        if (sftp) {
            SftpSubsystemFactory factory = new SftpSubsystemFactory.Builder()
                    .withFileSystemAccessor(faults.accessor())
                    .withSftpErrorStatusDataHandler(new SftpErrorStatusDataHandler() {
                        @Override
                        public String resolveErrorMessage(SftpSubsystemEnvironment sftpSubsystem, int id,
                                Throwable e, int subStatus, int cmd, Object... args) {
                            return e instanceof DiskFullException ? e.getMessage()
                                    : SftpErrorStatusDataHandler.super.resolveErrorMessage(sftpSubsystem, id, e,
                                            subStatus, cmd, args);
                        }
                    }).build();
            factory.addSftpEventListener(faults.listener());
            server.setSubsystemFactories(List.of(factory));
        } else {
            server.setSubsystemFactories(List.of());
        }
        server.addSessionListener(new SessionListener() {
            @Override
            public void sessionCreated(Session session) {
                sessionsOpened.incrementAndGet();
                sessionsOpen.incrementAndGet();
            }

            @Override
            public void sessionClosed(Session session) {
                synchronized (sessionsOpen) {
                    sessionsOpen.decrementAndGet();
                    sessionsOpen.notifyAll();
                }
            }
        });
        server.start();
    }

    /**
     * Starts describing a server whose files live under {@code root} (a directory the test owns, e.g. a
     * {@code @TempDir}).
     */
    public static Builder builder(Path root) {
        return new Builder(root);
    }

    private static KeyPair generateHostKey() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot generate an ECDSA host key", e);
        }
    }

    private static CommandFactory shellCommands() {
        return (channel, command) -> new ProcessShellFactory(command, List.of("/bin/sh", "-c", command))
                .createShell(channel);
    }

    /** The port on 127.0.0.1. */
    public int getPort() {
        return server.getPort();
    }

    /** Always {@code 127.0.0.1}. */
    public String getHost() {
        return "127.0.0.1";
    }

    /** The directory the test's remote paths live under. */
    public Path getRoot() {
        return root;
    }

    /** The remote path of a local file or directory (they are the same absolute path, see the class notes). */
    public String remotePath(Path local) {
        return local.toAbsolutePath().normalize().toString();
    }

    /** Whether the SFTP subsystem is offered ({@code false} for an SCP-only server). */
    public boolean isSftpEnabled() {
        return sftp;
    }

    /** The host key as a known_hosts key part: {@code ecdsa-sha2-nistp256 AAAA...}. */
    public String getHostKey() {
        return PublicKeyEntry.toString(hostPublicKey);
    }

    /** The host key's fingerprint as {@code ssh-keygen -lf} prints it: {@code SHA256:...} without padding. */
    public String getHostKeyFingerprint() {
        return KeyUtils.getFingerPrint(hostPublicKey);
    }

    /** A known_hosts line for this server: {@code [127.0.0.1]:port ecdsa-sha2-nistp256 AAAA...}. */
    public String getKnownHostsLine() {
        return "[127.0.0.1]:" + getPort() + " " + getHostKey();
    }

    /** Sessions accepted since the start (including ones whose authentication failed). */
    public int getSessionsOpened() {
        return sessionsOpened.get();
    }

    /**
     * Sessions open right now. A client's disconnect reaches the server a moment after the client's
     * {@code close()} returns: to check that nothing leaked, use {@link #awaitSessionsClosed(Duration)}.
     */
    public int getSessionsOpen() {
        return sessionsOpen.get();
    }

    /**
     * Waits until no session is open, at most {@code timeout}.
     *
     * <pre>{@code assertThat(server.awaitSessionsClosed(Duration.ofSeconds(5))).isZero();}</pre>
     *
     * @return the sessions still open (0 unless one leaked or the wait was interrupted)
     */
    public int awaitSessionsClosed(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (sessionsOpen) {
            long left;
            while (sessionsOpen.get() > 0 && (left = deadline - System.nanoTime()) > 0) {
                try {
                    TimeUnit.NANOSECONDS.timedWait(sessionsOpen, left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
            return sessionsOpen.get();
        }
    }

    /** The fault hooks; they can be switched at any time. */
    public Faults getFaults() {
        return faults;
    }

    /** Stops the server, closing every session, and releases stalled requests. */
    @Override
    public void close() {
        faults.reset();
        try {
            server.stop(true);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot stop the embedded SSH server", e);
        }
    }

    @Override
    public String toString() {
        return "EmbeddedSshServer[127.0.0.1:" + getPort() + (sftp ? ", sftp+scp" : ", scp only") + "]";
    }

    /** A write refused for a full disk; its message is sent to the client, as some servers do. */
    private static final class DiskFullException extends IOException {
        private static final long serialVersionUID = 1L;

        DiskFullException() {
            super("No space left on device");
        }
    }

    /** Describes an {@link EmbeddedSshServer}. */
    public static final class Builder {
        private final Path root;
        private final Map<String, List<PublicKey>> authorized = new LinkedHashMap<>();
        private boolean sftp = true;

        private Builder(Path root) {
            this.root = Objects.requireNonNull(root, "root");
        }

        /**
         * Lets {@code user} log in with a key.
         *
         * @param publicKeyLine an OpenSSH public key line, {@code ssh-ed25519 AAAA... comment}
         * @throws IllegalArgumentException if the line is not a public key
         */
        public Builder authorize(String user, String publicKeyLine) {
            try {
                PublicKey key = PublicKeyEntry.parsePublicKeyEntry(publicKeyLine.strip())
                        .resolvePublicKey(null, Collections.emptyMap(), PublicKeyEntryResolver.FAILING);
                authorized.computeIfAbsent(user, u -> new ArrayList<>()).add(key);
                return this;
            } catch (IOException | GeneralSecurityException | RuntimeException e) {
                throw new IllegalArgumentException("not an OpenSSH public key line: " + publicKeyLine, e);
            }
        }

        /** Leaves out the SFTP subsystem: only SCP and exec commands are served. */
        public Builder withoutSftp() {
            this.sftp = false;
            return this;
        }

        /** Starts the server. */
        public EmbeddedSshServer start() {
            try {
                Files.createDirectories(root);
                return new EmbeddedSshServer(this);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start the embedded SSH server", e);
            }
        }
    }

    /**
     * Faults the SFTP subsystem can be told to show. Each stays on until switched off or {@link #reset()}.
     */
    public static final class Faults {
        private static final long STALL_LIMIT_MINUTES = 5;

        private volatile long dropAfterBytes = -1;
        private volatile boolean diskFull;
        private volatile boolean denyWrites;
        private final AtomicReference<CountDownLatch> stall = new AtomicReference<>();

        private Faults() {
        }

        /**
         * Closes the whole session (no goodbye) as soon as a write would take any file past {@code bytes} bytes.
         */
        public Faults dropConnectionAfterBytes(long bytes) {
            this.dropAfterBytes = bytes;
            return this;
        }

        /** Fails every write with {@code SSH_FX_FAILURE} and the message {@code No space left on device}. */
        public Faults diskFull(boolean on) {
            this.diskFull = on;
            return this;
        }

        /**
         * Stops answering SFTP requests (the session itself stays alive and answers keepalives), as a hung
         * server would. Switching it off, {@link #reset()} or closing the server lets the held requests go on.
         */
        public Faults stall(boolean on) {
            CountDownLatch previous = stall.getAndSet(on ? new CountDownLatch(1) : null);
            if (previous != null) {
                previous.countDown();
            }
            return this;
        }

        /**
         * Refuses to open any file for writing with {@code SSH_FX_PERMISSION_DENIED}, as for a directory the user
         * may not write to (needed because tests often run as root, whom file modes do not stop).
         */
        public Faults denyWrites(boolean on) {
            this.denyWrites = on;
            return this;
        }

        /** Switches every fault off. */
        public Faults reset() {
            dropAfterBytes = -1;
            diskFull = false;
            denyWrites = false;
            return stall(false);
        }

        private SftpFileSystemAccessor accessor() {
            return new SftpFileSystemAccessor() {
                @Override
                public SeekableByteChannel openFile(SftpSubsystemProxy subsystem, FileHandle fileHandle, Path file,
                        String handle, Set<? extends OpenOption> options, FileAttribute<?>... attrs)
                        throws IOException {
                    if (denyWrites && (options.contains(StandardOpenOption.WRITE)
                            || options.contains(StandardOpenOption.APPEND))) {
                        throw new AccessDeniedException(file.toString(), null, "Permission denied");
                    }
                    return SftpFileSystemAccessor.super.openFile(subsystem, fileHandle, file, handle, options, attrs);
                }
            };
        }

        private SftpEventListener listener() {
            return new SftpEventListener() {
                @Override
                public void received(ServerSession session, int type, int id) throws IOException {
                    CountDownLatch latch = stall.get();
                    if (latch != null) {
                        try {
                            latch.await(STALL_LIMIT_MINUTES, TimeUnit.MINUTES);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                            throw new IOException("interrupted while stalled", e);
                        }
                    }
                }

                @Override
                public void writing(ServerSession session, String remoteHandle, FileHandle localHandle, long offset,
                        byte[] data, int dataOffset, int dataLen) throws IOException {
                    long limit = dropAfterBytes;
                    if (limit >= 0 && offset + dataLen > limit) {
                        session.close(true);
                        throw new IOException("connection dropped by the test after " + limit + " bytes");
                    }
                    if (diskFull) {
                        throw new DiskFullException();
                    }
                }
            };
        }
    }
}
