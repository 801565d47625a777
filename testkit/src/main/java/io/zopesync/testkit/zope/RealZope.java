package io.zopesync.testkit.zope;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs a real Zope (5.13, as {@code zope/real/install.sh} installs it) on {@code 127.0.0.1} and a free port, for
 * tests and benchmarks that must hold against the real thing and not only against {@link ZopeDouble}: a fresh WSGI
 * instance ({@code mkwsgiinstance}) with one manager user, served by {@code runwsgi} (waitress).
 *
 * <pre>{@code
 * Assumptions.assumeTrue(RealZope.isAvailable(), RealZope.unavailableReason());
 * try (RealZope zope = RealZope.start(tempDir.resolve("zope"), "admin", "secret")) {
 *     // http://127.0.0.1:zope.getPort()/ as admin; files to import go to zope.getImportDir()
 * }
 * }</pre>
 *
 * <p>Zope's scripts are found in {@code $ZOPE_BIN}, else in {@code /opt/zope5/bin}. The instance asks waitress for
 * port 0 and reads the port it got from the "Serving on" line, so parallel builds never clash. The import
 * directory, {@code <instance>/import}, is created (Zope itself never creates it). The server's output goes to
 * {@code runwsgi.log} in the instance directory ({@link #getLog()}).
 */
public final class RealZope implements AutoCloseable {
    /** Where {@code install.sh} puts Zope's scripts by default. */
    public static final Path DEFAULT_BIN = Path.of("/opt/zope5/bin");
    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);
    private static final Pattern SERVING = Pattern.compile("Serving on http://127\\.0\\.0\\.1:(\\d+)");

    private final Process process;
    private final Path instance;
    private final int port;
    private final String username;
    private final String password;
    private final Path log;

    private RealZope(Process process, Path instance, int port, String username, String password, Path log) {
        this.process = process;
        this.instance = instance;
        this.port = port;
        this.username = username;
        this.password = password;
        this.log = log;
    }

    /** The directory holding {@code mkwsgiinstance} and {@code runwsgi}: {@code $ZOPE_BIN} or the default. */
    public static Path bin() {
        String configured = System.getenv("ZOPE_BIN");
        return configured == null || configured.isBlank() ? DEFAULT_BIN : Path.of(configured);
    }

    /** Whether a real Zope can be started here. */
    public static boolean isAvailable() {
        return unavailableReason() == null;
    }

    /** Why a real Zope cannot be started here, or {@code null} if it can. */
    public static String unavailableReason() {
        Path bin = bin();
        for (String script : List.of("mkwsgiinstance", "runwsgi")) {
            if (!Files.isExecutable(bin.resolve(script))) {
                return "no real Zope: " + bin.resolve(script) + " is not installed (run zope/real/install.sh"
                        + " and set ZOPE_BIN to the directory it prints)";
            }
        }
        return null;
    }

    /**
     * Creates an instance in {@code dir} and starts it.
     *
     * @param dir a directory that does not exist yet or is empty (e.g. a {@code @TempDir} sub-directory)
     * @param username the manager's name (ASCII, no colon)
     * @param password the manager's password (ASCII)
     * @throws IllegalStateException if Zope is not available, or does not serve in time (the message quotes its
     *         log)
     */
    public static RealZope start(Path dir, String username, String password) {
        Objects.requireNonNull(dir, "dir");
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(password, "password");
        if (username.isEmpty() || username.contains(":")) {
            throw new IllegalArgumentException("user name must be non-empty without ':': " + username);
        }
        String reason = unavailableReason();
        if (reason != null) {
            throw new IllegalStateException(reason);
        }
        try {
            Path instance = dir.toAbsolutePath();
            run(List.of(bin().resolve("mkwsgiinstance").toString(), "-d", instance.toString(), "-u",
                    username + ":" + password), instance.getParent(), "mkwsgiinstance");
            Path ini = instance.resolve("etc/zope.ini");
            String config = Files.readString(ini, StandardCharsets.UTF_8)
                    .replaceAll("(?m)^host = .*$", "host = 127.0.0.1")
                    .replaceAll("(?m)^port = .*$", "port = 0");
            Files.writeString(ini, config, StandardCharsets.UTF_8);
            Files.createDirectories(instance.resolve("import"));
            Path log = instance.resolve("runwsgi.log");
            Process process = new ProcessBuilder(bin().resolve("runwsgi").toString(), ini.toString())
                    .directory(instance.toFile()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            process.getOutputStream().close();
            try {
                int port = awaitPort(process, log);
                return new RealZope(process, instance, port, username, password, log);
            } catch (RuntimeException e) {
                stop(process);
                throw e;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start a real Zope in " + dir, e);
        }
    }

    private static void run(List<String> command, Path workDir, String name) throws IOException {
        Files.createDirectories(workDir);
        Process process = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true).start();
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                process.destroyForcibly();
                throw new IllegalStateException(name + " failed: " + output.strip());
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + name, e);
        }
    }

    private static int awaitPort(Process process, Path log) throws IOException {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            String text = Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
            Matcher serving = SERVING.matcher(text);
            if (serving.find()) {
                return Integer.parseInt(serving.group(1));
            }
            if (!process.isAlive()) {
                throw new IllegalStateException("runwsgi exited with " + process.exitValue() + ": " + text.strip());
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for Zope to serve", e);
            }
        }
        throw new IllegalStateException("Zope did not serve within " + START_TIMEOUT.toSeconds() + " s: "
                + Files.readString(log, StandardCharsets.UTF_8).strip());
    }

    private static void stop(Process process) {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    public int getPort() {
        return port;
    }

    /** Always {@code 127.0.0.1}. */
    public String getHost() {
        return "127.0.0.1";
    }

    /** {@code http://127.0.0.1:<port>}, without a trailing slash. */
    public String getUrl() {
        return "http://127.0.0.1:" + port;
    }

    public String getUsername() {
        return username;
    }

    public String getPassword() {
        return password;
    }

    /** The instance directory ({@code $INSTANCE_HOME}). */
    public Path getInstanceHome() {
        return instance;
    }

    /** {@code <instance>/import}: where {@code manage_importObject} looks first. */
    public Path getImportDir() {
        return instance.resolve("import");
    }

    /** The server's output so far (for a failing test's message). */
    public String getLog() {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(cannot read " + log + ": " + e.getMessage() + ")";
        }
    }

    /** Stops the server; its instance directory stays for the caller to delete. */
    @Override
    public void close() {
        stop(process);
    }

    @Override
    public String toString() {
        return "RealZope[" + getUrl() + ", pid " + process.pid() + "]";
    }
}
