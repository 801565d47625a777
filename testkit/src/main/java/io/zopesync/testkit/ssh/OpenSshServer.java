package io.zopesync.testkit.ssh;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * Runs Debian's OpenSSH server ({@code /usr/sbin/sshd -D -e -f <config>}) on {@code 127.0.0.1} and a free port,
 * as the current user, with its own ed25519 host key and an authorized_keys file, for tests against the real
 * thing (and benchmarks: MINA's server is far slower). Files are the machine's own; the test picks its directories.
 *
 * <pre>{@code
 * Assumptions.assumeTrue(OpenSshServer.isAvailable(), OpenSshServer.unavailableReason());
 * try (OpenSshServer sshd = OpenSshServer.start(tempDir.resolve("sshd"), List.of(key.getPublicKey()), true)) {
 *     // connect as OpenSshServer.currentUser() to 127.0.0.1:sshd.getPort(), pin sshd.getHostKey()
 * }
 * }</pre>
 *
 * <p>The generated configuration sets {@code StrictModes no} (temporary directories are group- or
 * world-readable), {@code UsePAM no} and {@code PidFile none}, allows only public-key login, and serves SFTP with
 * {@code internal-sftp}. {@code SetEnv HOME=<work directory>} keeps the login shell from reading the running user's
 * start-up files ({@code ~/.bashrc}), which can take seconds per command and are not the test's business. Run as
 * root, sshd needs its privilege separation directory {@code /run/sshd}; it is created if missing. The server's
 * log (it runs with {@code -e}) goes to {@code sshd.log} in the work directory.
 */
public final class OpenSshServer implements AutoCloseable {
    /** Where Debian installs the server. */
    public static final Path SSHD = Path.of("/usr/sbin/sshd");
    private static final Duration START_TIMEOUT = Duration.ofSeconds(15);
    private static final int ATTEMPTS = 3;

    private final Process process;
    private final int port;
    private final String hostKey;
    private final String hostKeyFingerprint;
    private final Path log;

    private OpenSshServer(Process process, int port, String hostKey, String hostKeyFingerprint, Path log) {
        this.process = process;
        this.port = port;
        this.hostKey = hostKey;
        this.hostKeyFingerprint = hostKeyFingerprint;
        this.log = log;
    }

    /** Whether sshd and ssh-keygen can be run here. */
    public static boolean isAvailable() {
        return unavailableReason() == null;
    }

    /** Why sshd cannot be run here, or {@code null} if it can. */
    public static String unavailableReason() {
        if (!Files.isExecutable(SSHD)) {
            return SSHD + " is not installed (apt-get install openssh-server)";
        }
        return TestKeys.unavailableReason();
    }

    /** The user sshd runs as, and the user to log in as. */
    public static String currentUser() {
        return System.getProperty("user.name");
    }

    /**
     * Starts sshd.
     *
     * @param workDir a directory for the configuration, host key, authorized_keys and log (e.g. a
     *        {@code @TempDir} sub-directory)
     * @param authorizedKeys public key lines that may log in as {@link #currentUser()}
     * @param sftp whether to offer the SFTP subsystem ({@code false}: SCP and exec only)
     * @throws IllegalStateException if sshd is not available or does not start in time (the message quotes its
     *         log)
     */
    public static OpenSshServer start(Path workDir, List<String> authorizedKeys, boolean sftp) {
        String reason = unavailableReason();
        if (reason != null) {
            throw new IllegalStateException(reason);
        }
        try {
            Path dir = Files.createDirectories(workDir).toAbsolutePath();
            Path hostKeyFile = dir.resolve("ssh_host_ed25519_key");
            String hostKeyLine = TestKeys.generateHostKey(hostKeyFile, TestKeys.Type.ED25519);
            String fingerprint = TestKeys.fingerprint(Path.of(hostKeyFile + ".pub"));
            Path authorized = dir.resolve("authorized_keys");
            Files.write(authorized, authorizedKeys, StandardCharsets.US_ASCII);
            ensurePrivilegeSeparationDirectory();
            IllegalStateException last = null;
            for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
                int port = freePort();
                Path config = dir.resolve("sshd_config");
                Files.write(config, config(port, dir, hostKeyFile, authorized, sftp), StandardCharsets.US_ASCII);
                Path log = dir.resolve("sshd.log");
                Process process = new ProcessBuilder(SSHD.toString(), "-D", "-e", "-f", config.toString())
                        .redirectErrorStream(true).redirectOutput(log.toFile()).start();
                process.getOutputStream().close();
                try {
                    awaitPort(process, port);
                    String key = hostKeyLine.substring(0, hostKeyLine.lastIndexOf(' '));
                    return new OpenSshServer(process, port, key, fingerprint, log);
                } catch (IllegalStateException e) {
                    process.destroyForcibly();
                    last = new IllegalStateException(e.getMessage() + "; sshd log: "
                            + Files.readString(log, StandardCharsets.UTF_8).strip(), e);
                }
            }
            throw last;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start sshd in " + workDir, e);
        }
    }

    private static List<String> config(int port, Path dir, Path hostKey, Path authorized, boolean sftp) {
        List<String> lines = new ArrayList<>(List.of(
                "Port " + port,
                "ListenAddress 127.0.0.1",
                "HostKey " + hostKey,
                "PidFile none",
                "UsePAM no",
                "StrictModes no",
                "AuthorizedKeysFile " + authorized,
                "PubkeyAuthentication yes",
                "PasswordAuthentication no",
                "KbdInteractiveAuthentication no",
                "PermitRootLogin prohibit-password",
                "AllowUsers " + currentUser(),
                "SetEnv HOME=" + dir,
                "LogLevel VERBOSE"));
        if (sftp) {
            lines.add("Subsystem sftp internal-sftp");
        }
        return lines;
    }

    private static void ensurePrivilegeSeparationDirectory() throws IOException {
        Path dir = Path.of("/run/sshd");
        if (!Files.isDirectory(dir) && "root".equals(currentUser())) {
            Files.createDirectories(dir);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static void awaitPort(Process process, int port) {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("sshd exited with " + process.exitValue());
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
                return;
            } catch (IOException notYet) {
                sleep(100);
            }
        }
        throw new IllegalStateException("sshd did not accept connections on 127.0.0.1:" + port + " within "
                + START_TIMEOUT.toSeconds() + " s");
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for sshd", e);
        }
    }

    public int getPort() {
        return port;
    }

    /** Always {@code 127.0.0.1}. */
    public String getHost() {
        return "127.0.0.1";
    }

    /** The host key as a known_hosts key part: {@code ssh-ed25519 AAAA...}. */
    public String getHostKey() {
        return hostKey;
    }

    /** The host key's fingerprint, {@code SHA256:...}. */
    public String getHostKeyFingerprint() {
        return hostKeyFingerprint;
    }

    /** The server's log so far (for a failing test's message). */
    public String getLog() {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(cannot read " + log + ": " + e.getMessage() + ")";
        }
    }

    /** Stops sshd (its listener; sessions it forked end when their clients go). */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String toString() {
        return "OpenSshServer[127.0.0.1:" + port + ", pid " + Objects.requireNonNull(process).pid() + "]";
    }
}
