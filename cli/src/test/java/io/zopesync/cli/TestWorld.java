package io.zopesync.cli;

import io.zopesync.testkit.ssh.EmbeddedSshServer;
import io.zopesync.testkit.ssh.TestKeys;
import io.zopesync.testkit.zope.ZopeDouble;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * A master Zope double and two remote ones ({@code test}, {@code www}), each remote behind its own embedded SSH
 * server, all on 127.0.0.1 under one directory; and a task file for them. The master holds
 * {@code /myfolder/obj1} (a folder with a document) and {@code /ourfolder/obj2}; the remotes hold the folders
 * {@code /yourfolder} and {@code /ourfolder}.
 */
final class TestWorld implements AutoCloseable {
    static final String DEV_PASSWORD = "dev-pw-Xy7";
    static final String TEST_PASSWORD = "test-pw-Qz3";
    static final String WWW_PASSWORD = "www-pw-Rk9";

    final Path dir;
    final ZopeDouble master;
    final ZopeDouble test;
    final ZopeDouble www;
    final EmbeddedSshServer testSsh;
    final EmbeddedSshServer wwwSsh;
    final TestKeys.KeyPairText key;
    final Path keyFile;

    private TestWorld(Path dir) throws IOException {
        this.dir = dir;
        key = TestKeys.generate(Files.createDirectories(dir.resolve("keys")), TestKeys.Type.ED25519,
                TestKeys.Format.OPENSSH);
        keyFile = dir.resolve("keys/id_deploy");
        Files.writeString(keyFile, key.getPrivateKey());
        master = ZopeDouble.builder().user("adm").password(DEV_PASSWORD).instanceHome(dir.resolve("master"))
                .build().start();
        master.addFolder("/myfolder").addFolder("/myfolder/obj1").addDocument("/myfolder/obj1/index_html",
                "<p>obj1</p>").addFolder("/ourfolder").addDocument("/ourfolder/obj2", "obj2 from the master");
        test = remote("test", "Administrator1", TEST_PASSWORD);
        www = remote("www", "Almighty", WWW_PASSWORD);
        // zupdate.py's announcement logs in as testuser and zopeuser: accept those too.
        testSsh = EmbeddedSshServer.builder(dir.resolve("test")).authorize("deploy", key.getPublicKey())
                .authorize("testuser", key.getPublicKey()).start();
        wwwSsh = EmbeddedSshServer.builder(dir.resolve("www")).authorize("deploy", key.getPublicKey())
                .authorize("zopeuser", key.getPublicKey()).start();
    }

    private ZopeDouble remote(String name, String user, String password) throws IOException {
        ZopeDouble zope = ZopeDouble.builder().user(user).password(password)
                .instanceHome(dir.resolve(name).resolve("instance")).build().start();
        Files.createDirectories(zope.getImportDirectory());
        return zope.addFolder("/yourfolder").addFolder("/ourfolder");
    }

    static TestWorld start(Path dir) throws IOException {
        return new TestWorld(dir);
    }

    /** The passwords, as the task file's passwordEnv names them. */
    Map<String, String> environment() {
        return Map.of("ZOPE_DEV_PASSWORD", DEV_PASSWORD, "ZOPE_TEST_PASSWORD", TEST_PASSWORD,
                "ZOPE_WWW_PASSWORD", WWW_PASSWORD);
    }

    /** Writes the task file: dev to test and www, both objects. */
    Path writeTask() throws IOException {
        Path task = dir.resolve("task.yaml");
        Files.writeString(task, String.join("\n",
                "environments:",
                "  dev:",
                "    url: " + master.getUrl(),
                "    username: adm",
                "    passwordEnv: ZOPE_DEV_PASSWORD",
                environment("test", "Administrator1", test, testSsh, "ZOPE_TEST_PASSWORD"),
                environment("www", "Almighty", www, wwwSsh, "ZOPE_WWW_PASSWORD"),
                "source: dev",
                "targets: [test, www]",
                "objects:",
                "  - path: /myfolder/obj1",
                "    target: /yourfolder",
                "  - /ourfolder/obj2",
                "options:",
                "  timeout: 10s",
                "  connectTimeout: 5s",
                "  lockWait: 2s",
                "  retries: 1",
                ""));
        return task;
    }

    private String environment(String name, String user, ZopeDouble zope, EmbeddedSshServer ssh,
            String passwordEnv) {
        return String.join("\n",
                "  " + name + ":",
                "    url: " + zope.getUrl(),
                "    username: " + user,
                "    passwordEnv: " + passwordEnv,
                "    ssh:",
                "      host: " + ssh.getHost(),
                "      port: " + ssh.getPort(),
                "      user: deploy",
                "      keyFile: " + keyFile,
                "      hostKey: \"" + ssh.getHostKeyFingerprint() + "\"",
                "      importDir: " + ssh.remotePath(zope.getImportDirectory()));
    }

    /** The newest bundle under the task file's bundles directory. */
    Path lastBundle() throws IOException {
        try (var dirs = Files.list(dir.resolve("bundles"))) {
            return dirs.max(Path::compareTo).orElseThrow();
        }
    }

    @Override
    public void close() {
        testSsh.close();
        wwwSsh.close();
        master.close();
        test.close();
        www.close();
    }
}
