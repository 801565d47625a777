package io.zopesync.cli;

import io.zopesync.testkit.Sandbox;
import io.zopesync.testkit.zope.ZopeDouble;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The testkit's {@link Sandbox} (a master {@code dev} and the remotes {@code test} and {@code prod}) with a task
 * file for it: {@code /myfolder/obj1} to {@code /yourfolder} and {@code /ourfolder/obj2}, from dev to test and
 * prod. The SSH key is written beside the task file, as a user's key file would be.
 */
final class TestWorld implements AutoCloseable {
    final Path dir;
    final Sandbox sandbox;
    final Path keyFile;

    private TestWorld(Path dir) throws IOException {
        this.dir = dir;
        this.sandbox = Sandbox.start(dir.resolve("sandbox"));
        this.keyFile = dir.resolve("id_sandbox");
        Files.writeString(keyFile, sandbox.getPrivateKey());
    }

    static TestWorld start(Path dir) throws IOException {
        return new TestWorld(dir);
    }

    ZopeDouble zope(String site) {
        return sandbox.getSite(site).getZope();
    }

    /** The passwords, as the task file's passwordEnv names them. */
    Map<String, String> environment() {
        return Map.of("ZOPE_DEV_PASSWORD", sandbox.getPassword(), "ZOPE_TEST_PASSWORD", sandbox.getPassword(),
                "ZOPE_PROD_PASSWORD", sandbox.getPassword());
    }

    /** Writes the task file: dev to test and prod, both objects. */
    Path writeTask() throws IOException {
        Path task = dir.resolve("task.yaml");
        Files.writeString(task, String.join("\n",
                "environments:",
                "  dev:",
                "    url: " + sandbox.getSite("dev").getUrl(),
                "    username: " + Sandbox.ZOPE_USER,
                "    passwordEnv: ZOPE_DEV_PASSWORD",
                remote("test", "ZOPE_TEST_PASSWORD"),
                remote("prod", "ZOPE_PROD_PASSWORD"),
                "source: dev",
                "targets: [test, prod]",
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

    private String remote(String name, String passwordEnv) {
        Sandbox.Site site = sandbox.getSite(name);
        return String.join("\n",
                "  " + name + ":",
                "    url: " + site.getUrl(),
                "    username: " + Sandbox.ZOPE_USER,
                "    passwordEnv: " + passwordEnv,
                "    ssh:",
                "      host: " + sandbox.getSshServer().getHost(),
                "      port: " + sandbox.getSshServer().getPort(),
                "      user: " + Sandbox.SSH_USER,
                "      keyFile: " + keyFile,
                "      hostKey: \"" + sandbox.getHostKey() + "\"",
                "      importDir: " + site.getImportDir());
    }

    /** The newest bundle under the task file's bundles directory. */
    Path lastBundle() throws IOException {
        try (Stream<Path> dirs = Files.list(dir.resolve("bundles"))) {
            return dirs.max(Path::compareTo).orElseThrow();
        }
    }

    @Override
    public void close() {
        sandbox.close();
    }
}
