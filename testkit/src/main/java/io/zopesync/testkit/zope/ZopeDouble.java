package io.zopesync.testkit.zope;

import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;

/**
 * An in-process imitation of a Zope server's management API over HTTP, behaving as ZOPE-HTTP.md describes:
 * export, import from the instance's import directories, delete, rename, the add factories, WebDAV PROPFIND and
 * plain GET with acquisition, Basic authentication and Zope's error answers. It listens on 127.0.0.1 only.
 *
 * <pre>{@code
 * try (ZopeDouble zope = ZopeDouble.builder().user("adm").password("secret").instanceHome(tempDir).build()) {
 *     zope.addFolder("/src");
 *     zope.addDocument("/src/doc1", "<p>hello</p>");
 *     zope.start();
 *     URI exportUri = URI.create(zope.getUrl() + "/manage_exportObject?id=src&download:int=1");
 *     ...
 *     assertThat(zope.ids("/")).containsExactly("src");
 * }
 * }</pre>
 *
 * <p>The import directories are {@code <instanceHome>/import} then {@code <instanceHome>/var/import}; nothing
 * creates them, as in Zope. A server-side export writes {@code <instanceHome>/var/<id>.zexp}.
 *
 * <p>Fault hooks ({@link #delay}, {@link #failNext}, {@link #failOn}, {@link #dropConnection}, {@link #stallBody})
 * and the call log ({@link #calls()}) let tests provoke and observe a client's error handling. Calls are named as
 * in {@link ZopeCall#getName()}. All methods are thread-safe; every Zope call runs as one transaction under one
 * lock, so an answered error leaves the tree unchanged.
 *
 * <p><b>Large files</b> ({@link #addLargeFile}) keep their data in a file on disk, never in memory, for transfers
 * bigger than a heap (a .zexp over 2 GiB cannot even be a Java array): their export is streamed with the data in
 * 64 KiB {@code Pdata} records, as Zope stores big files, and an import of a file larger than
 * {@link Builder#largeFileThreshold(long)} (256 MiB by default) whose object is such a File keeps its data on disk
 * too, under {@code <instanceHome>/var/large}. Their content cannot be read back with {@link #getContent} or
 * {@link #snapshot}; {@link #exists} and the HTTP calls work as for any file.
 *
 * <p>Documents are served as their DTML source, not rendered. Only folders, DTML documents, files and images can
 * be imported; other classes are refused with a 500 as a Zope without the product would.
 */
public final class ZopeDouble implements AutoCloseable {
    static {
        // The JDK's server leaves Nagle's algorithm on, and small answers then wait for the client's delayed
        // acknowledgement (about 40 ms a call on Linux). Real Zope (waitress) answers at once. The property is read
        // once, when the JDK's server is first used, so it is set before any double starts.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    private final Settings settings;
    private final ZopeDatabase database = new ZopeDatabase();
    private final ZopeFaults faults = new ZopeFaults();
    private final List<ZopeCall> calls = new ArrayList<>();
    private final Object lifecycle = new Object();
    private HttpServer server;
    private ExecutorService executor;

    private ZopeDouble(Settings settings) {
        this.settings = settings;
    }

    /** Starts building a double; user, password and instance home are required. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Starts listening on 127.0.0.1.
     *
     * @throws IllegalStateException if it was started before
     * @throws UncheckedIOException if the port cannot be bound
     */
    public ZopeDouble start() {
        synchronized (lifecycle) {
            if (server != null) {
                throw new IllegalStateException("the Zope double is already started");
            }
            try {
                InetSocketAddress address = new InetSocketAddress(InetAddress.getLoopbackAddress(), settings.port);
                if (settings.sslContext != null) {
                    HttpsServer https = HttpsServer.create(address, 50);
                    https.setHttpsConfigurator(new HttpsConfigurator(settings.sslContext));
                    server = https;
                } else {
                    server = HttpServer.create(address, 50);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot listen on 127.0.0.1:" + settings.port, e);
            }
            executor = Executors.newCachedThreadPool(daemonThreads());
            server.setExecutor(executor);
            server.createContext("/", new ZopeHttpHandler(database, faults, settings, this::record));
            server.start();
            return this;
        }
    }

    private static ThreadFactory daemonThreads() {
        AtomicInteger counter = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, "zope-double-" + counter.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    /**
     * The base URL, {@code http://127.0.0.1:<port>} (or {@code https://...}), without a trailing slash.
     *
     * @throws IllegalStateException if the double is not started
     */
    public String getUrl() {
        return (settings.sslContext != null ? "https" : "http") + "://127.0.0.1:" + getPort();
    }

    /** The port listened on. @throws IllegalStateException if the double is not started */
    public int getPort() {
        synchronized (lifecycle) {
            if (server == null) {
                throw new IllegalStateException("the Zope double is not started");
            }
            return server.getAddress().getPort();
        }
    }

    /** Stops listening, releasing any stalled or delayed answer. Calling it again does nothing. */
    @Override
    public void close() {
        synchronized (lifecycle) {
            faults.clear();
            if (server != null) {
                server.stop(0);
                executor.shutdownNow();
                server = null;
            }
        }
    }

    /** The flavour imitated. */
    public ZopeFlavour getFlavour() {
        return settings.flavour;
    }

    /** The instance home given to the builder. */
    public Path getInstanceHome() {
        return settings.instanceHome;
    }

    /** {@code <instanceHome>/import}, the first directory Zope looks in for a file to import; not created. */
    public Path getImportDirectory() {
        return settings.getImportDirectories().get(0);
    }

    // ---- seeding and inspection -------------------------------------------------------------------------------

    /**
     * Adds a folder; its parent must exist. Ids follow Zope's rules (spaces and dots are fine).
     *
     * @throws IllegalArgumentException if the parent is missing, the id is taken or illegal
     */
    public ZopeDouble addFolder(String path) {
        database.seed(path, ZopeType.FOLDER, "", null, new byte[0]);
        return this;
    }

    /**
     * Adds an ordered folder ({@code OFS.OrderedFolder}): renames keep its children's order, and imports add at
     * the end. @throws IllegalArgumentException as {@link #addFolder(String)}
     */
    public ZopeDouble addOrderedFolder(String path) {
        database.seed(path, ZopeType.ORDERED_FOLDER, "", null, new byte[0]);
        return this;
    }

    /** Adds a folder with a title. @throws IllegalArgumentException as {@link #addFolder(String)} */
    public ZopeDouble addFolder(String path, String title) {
        database.seed(path, ZopeType.FOLDER, Objects.requireNonNull(title, "title"), null, new byte[0]);
        return this;
    }

    /** Adds a DTML document with this source. @throws IllegalArgumentException as {@link #addFolder(String)} */
    public ZopeDouble addDocument(String path, String text) {
        database.seed(path, ZopeType.DTML_DOCUMENT, "", null,
                Objects.requireNonNull(text, "text").getBytes(StandardCharsets.UTF_8));
        return this;
    }

    /** Adds a file. @throws IllegalArgumentException as {@link #addFolder(String)} */
    public ZopeDouble addFile(String path, byte[] content, String contentType) {
        database.seed(path, ZopeType.FILE, "", Objects.requireNonNull(contentType, "contentType"),
                Objects.requireNonNull(content, "content"));
        return this;
    }

    /**
     * Adds a large file whose data stays in {@code data} on disk (it is not copied; keep it until the double is
     * closed). Exports of it are streamed; see the class description.
     *
     * <pre>{@code zope.addLargeFile("/big/video.zexp-data", Path.of("/var/tmp/2gib.bin"), "video/mp4");}</pre>
     *
     * @throws IllegalArgumentException if {@code data} is not a readable file, or as {@link #addFolder(String)}
     */
    public ZopeDouble addLargeFile(String path, Path data, String contentType) {
        Objects.requireNonNull(contentType, "contentType");
        if (!java.nio.file.Files.isRegularFile(data) || !java.nio.file.Files.isReadable(data)) {
            throw new IllegalArgumentException("not a readable file: " + data);
        }
        database.seedLarge(path, contentType, data.toAbsolutePath());
        return this;
    }

    /** Adds an image (PNG and GIF sizes are read). @throws IllegalArgumentException as {@link #addFolder(String)} */
    public ZopeDouble addImage(String path, byte[] content, String contentType) {
        database.seed(path, ZopeType.IMAGE, "", Objects.requireNonNull(contentType, "contentType"),
                Objects.requireNonNull(content, "content"));
        return this;
    }

    /** Sets an object's title. @throws IllegalArgumentException if there is no object at the path */
    public ZopeDouble setTitle(String path, String title) {
        synchronized (database) {
            require(path).setTitle(Objects.requireNonNull(title, "title"));
        }
        return this;
    }

    /**
     * Replaces the content of a document, file or image, keeping its oid (as an edit in Zope does).
     *
     * @throws IllegalArgumentException if there is no such object or it is a folder
     */
    public ZopeDouble setContent(String path, byte[] content) {
        synchronized (database) {
            ZopeObject object = require(path);
            if (object.isFolder()) {
                throw new IllegalArgumentException("a folder has no content: " + path);
            }
            object.setContent(Objects.requireNonNull(content, "content"), object.getContentType());
        }
        return this;
    }

    /**
     * Locks or unlocks an object as a WebDAV lock does: deleting or renaming it then answers 423.
     *
     * @throws IllegalArgumentException if there is no object at the path
     */
    public ZopeDouble setLocked(String path, boolean locked) {
        synchronized (database) {
            database.lock(path, locked);
        }
        return this;
    }

    /** Whether an object exists at exactly this path (no acquisition). */
    public boolean exists(String path) {
        synchronized (database) {
            return database.find(ZopeDatabase.split(path)) != null;
        }
    }

    /** The ids in a folder, in folder order. @throws IllegalArgumentException if it is not a folder */
    public List<String> ids(String folderPath) {
        synchronized (database) {
            return List.copyOf(database.requireFolder(folderPath).getChildIds());
        }
    }

    /** A deep immutable copy of the whole tree. */
    public ZopeNode snapshot() {
        return snapshot("/");
    }

    /** A deep immutable copy of the tree below this path. @throws IllegalArgumentException if it is missing */
    public ZopeNode snapshot(String path) {
        synchronized (database) {
            return require(path).toNode();
        }
    }

    /** A copy of a document's source or a file's bytes. @throws IllegalArgumentException if it is missing */
    public byte[] getContent(String path) {
        synchronized (database) {
            return require(path).getContent();
        }
    }

    /**
     * The .zexp bytes a download export of this object gives now, for comparing with what a client fetched.
     *
     * @throws IllegalArgumentException if it is missing
     */
    public byte[] export(String path) {
        synchronized (database) {
            return ZexpCodec.export(require(path), settings.flavour == ZopeFlavour.ZOPE_5 ? 3 : 1);
        }
    }

    /** SHA-256 of {@link #export(String)}, hex encoded. */
    public String exportSha256(String path) {
        try {
            StringBuilder hex = new StringBuilder();
            for (byte b : MessageDigest.getInstance("SHA-256").digest(export(path))) {
                hex.append(String.format("%02x", b));
            }
            return hex.toString();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from the JDK", e);
        }
    }

    /**
     * What the double's Zope wrote to its event log: import failures with their reason ({@code Invalid export
     * header}, {@code Truncated export file}, ...), 500 causes, successful imports with {@code set_owner} and
     * {@code suppress_events}.
     */
    public List<String> getEventLog() {
        return database.getEventLog();
    }

    private ZopeObject require(String path) {
        ZopeObject object = database.find(ZopeDatabase.split(path));
        if (object == null) {
            throw new IllegalArgumentException("no object at " + path);
        }
        return object;
    }

    // ---- faults and call log ----------------------------------------------------------------------------------

    /** Delays every call by this long before it is handled (at most 5 minutes, ended early by close). */
    public ZopeDouble delay(Duration delay) {
        faults.setDelay(delay);
        return this;
    }

    /**
     * Answers the next {@code count} calls named {@code call} with {@code status} without performing them.
     * A 500 looks like Zope's (bare waitress text for Zope 5), a 401 like Zope's challenge, a 3xx like a Plone
     * site's redirect to its login form; other statuses come as a Site Error page.
     *
     * <pre>{@code zope.failNext("manage_importObject", 2, 500);}</pre>
     */
    public ZopeDouble failNext(String call, int count, int status) {
        faults.add(call, ZopeFaults.Kind.FAIL, status, 0, count);
        return this;
    }

    /** Answers only the {@code nth} (1-based, counted from now) call named {@code call} with {@code status}. */
    public ZopeDouble failOn(String call, int nth, int status) {
        faults.add(call, ZopeFaults.Kind.FAIL, status, nth - 1, 1);
        return this;
    }

    /** Closes the connection of the next call named {@code call} without an answer and without performing it. */
    public ZopeDouble dropConnection(String call) {
        faults.add(call, ZopeFaults.Kind.DROP, 0, 0, 1);
        return this;
    }

    /**
     * Performs the next call named {@code call}, sends the headers and half the body, then sends nothing more until
     * {@link #clearFaults()} or {@link #close()} (at most 5 minutes): the client's read timeout must fire.
     */
    public ZopeDouble stallBody(String call) {
        faults.add(call, ZopeFaults.Kind.STALL, 0, 0, 1);
        return this;
    }

    /** Forgets every fault, ends the delay and releases stalled answers. */
    public ZopeDouble clearFaults() {
        faults.clear();
        return this;
    }

    /** Every call received so far, oldest first. */
    public List<ZopeCall> calls() {
        synchronized (calls) {
            return List.copyOf(calls);
        }
    }

    /** The calls received with this name ({@code manage_importObject}, {@code PROPFIND}, {@code GET}, ...). */
    public List<ZopeCall> calls(String name) {
        List<ZopeCall> named = new ArrayList<>();
        for (ZopeCall call : calls()) {
            if (call.getName().equals(name)) {
                named.add(call);
            }
        }
        return List.copyOf(named);
    }

    /** Forgets the calls received so far. */
    public ZopeDouble clearCalls() {
        synchronized (calls) {
            calls.clear();
        }
        return this;
    }

    private void record(ZopeCall call) {
        synchronized (calls) {
            calls.add(call);
        }
    }

    @Override
    public String toString() {
        return "ZopeDouble[" + settings.flavour + ", user " + settings.user + ", home " + settings.instanceHome + "]";
    }

    /** The settings the HTTP handler needs; the password never leaves this class. */
    static final class Settings {
        private final String user;
        private final String password;
        private final Path instanceHome;
        private final ZopeFlavour flavour;
        private final SSLContext sslContext;
        private final int port;
        private final long largeFileThreshold;

        private Settings(Builder builder) {
            this.user = builder.user;
            this.password = builder.password;
            this.instanceHome = builder.instanceHome;
            this.flavour = builder.flavour;
            this.sslContext = builder.sslContext;
            this.port = builder.port;
            this.largeFileThreshold = builder.largeFileThreshold;
        }

        long getLargeFileThreshold() {
            return largeFileThreshold;
        }

        Path getLargeFileStore() {
            return getClientHome().resolve("large");
        }

        boolean matches(String givenUser, String givenPassword) {
            return MessageDigest.isEqual(user.getBytes(StandardCharsets.UTF_8),
                    givenUser.getBytes(StandardCharsets.UTF_8))
                    & MessageDigest.isEqual(password.getBytes(StandardCharsets.UTF_8),
                    givenPassword.getBytes(StandardCharsets.UTF_8));
        }

        ZopeFlavour getFlavour() {
            return flavour;
        }

        boolean isHttps() {
            return sslContext != null;
        }

        Path getClientHome() {
            return instanceHome.resolve("var");
        }

        List<Path> getImportDirectories() {
            return List.of(instanceHome.resolve("import"), getClientHome().resolve("import"));
        }

        @Override
        public String toString() {
            return "Settings[user " + user + ", password ****]";
        }
    }

    /**
     * Builds a {@link ZopeDouble}.
     *
     * <pre>{@code
     * ZopeDouble zope = ZopeDouble.builder().user("adm").password("secret").instanceHome(dir)
     *         .flavour(ZopeFlavour.ZOPE_2_13).build();
     * }</pre>
     */
    public static final class Builder {
        private String user;
        private String password;
        private Path instanceHome;
        private ZopeFlavour flavour = ZopeFlavour.ZOPE_5;
        private SSLContext sslContext;
        private int port;
        private long largeFileThreshold = 256L << 20;

        private Builder() {
        }

        /** The manager's user name for Basic authentication. */
        public Builder user(String value) {
            this.user = value;
            return this;
        }

        /** The manager's password. */
        public Builder password(String value) {
            this.password = value;
            return this;
        }

        /** The instance home: import directories and the server-side export directory are below it. */
        public Builder instanceHome(Path value) {
            this.instanceHome = value;
            return this;
        }

        /** The Zope version to imitate; {@link ZopeFlavour#ZOPE_5} by default. */
        public Builder flavour(ZopeFlavour value) {
            this.flavour = Objects.requireNonNull(value, "flavour");
            return this;
        }

        /** Serves HTTPS with this context (its key manager holds the server certificate). */
        public Builder https(SSLContext value) {
            this.sslContext = Objects.requireNonNull(value, "sslContext");
            return this;
        }

        /** The port; 0 (the default) picks a free one. */
        public Builder port(int value) {
            if (value < 0 || value > 65535) {
                throw new IllegalArgumentException("port must be between 0 and 65535: " + value);
            }
            this.port = value;
            return this;
        }

        /**
         * Imports of files larger than this many bytes keep a File's data on disk (see the class description);
         * 256 MiB by default.
         *
         * @throws IllegalArgumentException if it is not positive
         */
        public Builder largeFileThreshold(long bytes) {
            if (bytes <= 0) {
                throw new IllegalArgumentException("largeFileThreshold must be positive: " + bytes);
            }
            this.largeFileThreshold = bytes;
            return this;
        }

        /**
         * Builds the double, not started yet.
         *
         * @throws IllegalArgumentException if user, password or instance home is missing, or the user name holds a
         *     colon
         */
        public ZopeDouble build() {
            if (user == null || user.isEmpty() || user.contains(":")) {
                throw new IllegalArgumentException("user must be set and hold no colon: " + user);
            }
            if (password == null) {
                throw new IllegalArgumentException("password must be set");
            }
            if (instanceHome == null) {
                throw new IllegalArgumentException("instanceHome must be set");
            }
            return new ZopeDouble(new Settings(this));
        }
    }
}
