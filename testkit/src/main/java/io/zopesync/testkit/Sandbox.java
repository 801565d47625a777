package io.zopesync.testkit;

import io.zopesync.testkit.ssh.EmbeddedSshServer;
import io.zopesync.testkit.zope.ZopeDouble;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.config.keys.writer.openssh.OpenSSHKeyPairResourceWriter;

/**
 * A small world to sync in, all on 127.0.0.1: a master Zope double ({@code dev}) and two remote ones
 * ({@code test}, {@code prod}) whose import directories are reached through one embedded SSH server, seeded
 * with a realistic tree (folders, DTML documents, files and an image, ids with spaces and dots).
 *
 * <pre>{@code
 * try (Sandbox sandbox = Sandbox.start(tempDir)) {
 *     Sandbox.Site test = sandbox.getSite("test");
 *     // point a sync at sandbox.getSite("dev") and test ...
 * }
 * }</pre>
 *
 * <p>Every site has the same user, password and SSH login; the password and key are made up per sandbox. The
 * SSH server's files are the real files under the sandbox directory, so a remote's import directory
 * ({@code <dir>/<site>/import}) is both what the SSH client writes and what the Zope double imports from.
 * {@link #main(String[])} starts one and prints how to reach it.
 */
public final class Sandbox implements AutoCloseable {
    /** The Zope login of every site. */
    public static final String ZOPE_USER = "admin";
    /** The SSH login of every remote site. */
    public static final String SSH_USER = "zope";
    /** The master's name. */
    public static final String MASTER = "dev";
    /** The remotes' names. */
    public static final List<String> REMOTES = List.of("test", "prod");

    private final Path dir;
    private final String password;
    private final KeyPair clientKey;
    private final EmbeddedSshServer ssh;
    private final Map<String, Site> sites = new LinkedHashMap<>();

    /** One Zope site of the sandbox and how to reach it. */
    public static final class Site {
        private final String name;
        private final ZopeDouble zope;
        private final Path importDir;

        private Site(String name, ZopeDouble zope, Path importDir) {
            this.name = name;
            this.zope = zope;
            this.importDir = importDir;
        }

        public String getName() {
            return name;
        }

        /** The Zope double, to seed, inspect or inject faults. */
        public ZopeDouble getZope() {
            return zope;
        }

        /** {@code http://127.0.0.1:<port>}. */
        public String getUrl() {
            return zope.getUrl();
        }

        /** The absolute path of the import directory (the same path locally and over SSH). */
        public Path getImportDir() {
            return importDir;
        }

        @Override
        public String toString() {
            return name + " " + getUrl();
        }
    }

    private Sandbox(Path dir) {
        this.dir = dir.toAbsolutePath().normalize();
        this.password = "sandbox-" + Long.toHexString(Double.doubleToLongBits(Math.random()));
        this.clientKey = generateKey();
        EmbeddedSshServer server = null;
        try {
            server = EmbeddedSshServer.builder(this.dir).authorize(SSH_USER, getPublicKey()).start();
            addSite(MASTER);
            for (String remote : REMOTES) {
                addSite(remote);
            }
        } catch (RuntimeException e) {
            sites.values().forEach(site -> site.zope.close());
            if (server != null) {
                server.close();
            }
            throw e;
        }
        this.ssh = server;
    }

    /**
     * Starts a sandbox whose files live under {@code dir}, seeded with {@link #seed(ZopeDouble, String)}.
     *
     * @throws UncheckedIOException if a directory cannot be made or a port bound
     */
    public static Sandbox start(Path dir) {
        Sandbox sandbox = new Sandbox(Objects.requireNonNull(dir, "dir"));
        sandbox.sites.forEach((name, site) -> seed(site.zope, name));
        return sandbox;
    }

    private void addSite(String name) {
        Path home = dir.resolve(name);
        Path importDir = home.resolve("import");
        try {
            Files.createDirectories(importDir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + importDir, e);
        }
        ZopeDouble zope = ZopeDouble.builder().user(ZOPE_USER).password(password).instanceHome(home).build().start();
        sites.put(name, new Site(name, zope, importDir));
    }

    /**
     * Seeds a site. Every site gets the folders {@code /myfolder}, {@code /ourfolder}, {@code /yourfolder} and
     * {@code /site}; the master also the objects to sync:
     * <ul>
     * <li>{@code /myfolder/obj1}: a folder with a DTML document and a file;</li>
     * <li>{@code /ourfolder/obj2}: a DTML document (an older version of it is on {@code prod});</li>
     * <li>{@code /site/my file}, {@code /site/logo.v2.png}, {@code /site/index.html}: a file with a space in its
     * id, an image and a document with dots in their ids.</li>
     * </ul>
     */
    public static void seed(ZopeDouble zope, String name) {
        zope.addFolder("/myfolder", "My folder").addFolder("/ourfolder", "Our folder")
                .addFolder("/yourfolder", "Your folder").addFolder("/site", "The site");
        if (name.equals(MASTER)) {
            zope.addFolder("/myfolder/obj1", "Object one")
                    .addDocument("/myfolder/obj1/index_html", "<h1>Object one</h1>")
                    .addFile("/myfolder/obj1/report 2026.txt", text("Quarterly numbers\n".repeat(200)),
                            "text/plain")
                    .addDocument("/ourfolder/obj2", "<p>obj2, new version</p>")
                    .addFile("/site/my file", text("a file with a space in its id\n"), "text/plain")
                    .addImage("/site/logo.v2.png", PNG_1X1, "image/png")
                    .addDocument("/site/index.html", "<html><body>Welcome</body></html>");
        } else if (name.equals("prod")) {
            zope.addDocument("/ourfolder/obj2", "<p>obj2, old version</p>");
        }
    }

    private static byte[] text(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }

    private static final byte[] PNG_1X1 = Base64.getDecoder().decode(
            "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==");

    private static KeyPair generateKey() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot generate an ECDSA key", e);
        }
    }

    /** The site of that name ({@code dev}, {@code test} or {@code prod}). */
    public Site getSite(String name) {
        Site site = sites.get(name);
        if (site == null) {
            throw new IllegalArgumentException("no site '" + name + "' in the sandbox; there are " + sites.keySet());
        }
        return site;
    }

    public List<Site> getSites() {
        return new ArrayList<>(sites.values());
    }

    /** The Zope password of every site (made up for this sandbox). */
    public String getPassword() {
        return password;
    }

    public EmbeddedSshServer getSshServer() {
        return ssh;
    }

    /** The SSH client's private key, unencrypted, in OpenSSH form ({@code -----BEGIN OPENSSH PRIVATE KEY-----}). */
    public String getPrivateKey() {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            OpenSSHKeyPairResourceWriter.INSTANCE.writePrivateKey(clientKey, "zope-sync-sandbox", null, out);
            return out.toString(StandardCharsets.US_ASCII);
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot write the sandbox's SSH key", e);
        }
    }

    /** The SSH client's public key line. */
    public String getPublicKey() {
        return PublicKeyEntry.toString(clientKey.getPublic());
    }

    /** The SSH server's host key line, to pin. */
    public String getHostKey() {
        return ssh.getHostKey();
    }

    /** The directory everything lives under. */
    public Path getDirectory() {
        return dir;
    }

    @Override
    public void close() {
        sites.values().forEach(site -> site.zope.close());
        if (ssh != null) {
            ssh.close();
        }
    }

    /**
     * Starts a sandbox in the directory given (or a new temporary one) and prints how to reach it, until killed.
     */
    public static void main(String[] args) throws IOException, InterruptedException {
        Path dir = args.length > 0 ? Path.of(args[0]) : Files.createTempDirectory("zope-sync-sandbox");
        Sandbox sandbox = start(dir);
        Runtime.getRuntime().addShutdownHook(new Thread(sandbox::close));
        StringBuilder out = new StringBuilder("zope-sync sandbox in " + sandbox.dir + "\n");
        out.append("Zope login: ").append(ZOPE_USER).append(" / ").append(sandbox.password).append('\n');
        for (Site site : sandbox.getSites()) {
            out.append(String.format("  %-5s %s  import directory %s%n", site.name, site.getUrl(), site.importDir));
        }
        out.append("SSH: ").append(SSH_USER).append("@127.0.0.1 port ").append(sandbox.ssh.getPort())
                .append(", host key ").append(sandbox.getHostKey()).append('\n');
        Path key = sandbox.dir.resolve("client_key.pem");
        Files.writeString(key, sandbox.getPrivateKey());
        out.append("SSH client key: ").append(key).append('\n');
        System.out.print(out);
        Thread.currentThread().join();
    }
}
