package io.zopesync.benchmarks;

import io.zopesync.core.kernel.SecretValue;
import io.zopesync.core.model.Environment;
import io.zopesync.core.ssh.HostKeyPolicy;
import io.zopesync.core.ssh.SshKey;
import io.zopesync.core.ssh.SshSettings;
import io.zopesync.core.zope.ZopeServer;
import io.zopesync.testkit.ssh.OpenSshServer;
import io.zopesync.testkit.ssh.TestKeys;
import io.zopesync.testkit.zope.ZopeDouble;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The benchmark's world on 127.0.0.1: one client key, any number of OpenSSH servers (one per simulated remote
 * host, since zope-sync opens one session per endpoint) and Zope doubles. Everything it starts ends with
 * {@link #close()}.
 */
final class Loopback implements AutoCloseable {
    static final String ZOPE_USER = "admin";
    static final String CIPHER = "aes128-gcm@openssh.com";

    private final Path dir;
    private final String password = "bench-" + UUID.randomUUID();
    private final TestKeys.KeyPairText key;
    private final Path keyFile;
    private final Path knownHosts;
    private final List<OpenSshServer> servers = new ArrayList<>();
    private final List<ZopeDouble> doubles = new ArrayList<>();

    Loopback(Path dir) {
        this.dir = dir;
        try {
            Files.createDirectories(dir);
            key = TestKeys.generate(dir.resolve("client"), TestKeys.Type.ED25519, TestKeys.Format.OPENSSH);
            keyFile = dir.resolve("client/id_bench");
            Files.writeString(keyFile, key.getPrivateKey(), StandardCharsets.US_ASCII);
            Files.setPosixFilePermissions(keyFile, PosixFilePermissions.fromString("rw-------"));
            knownHosts = dir.resolve("client/known_hosts");
            Files.createFile(knownHosts);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare " + dir, e);
        }
    }

    Path getDirectory() {
        return dir;
    }

    /** Starts one more sshd (a simulated remote host) and adds its key to the OpenSSH clients' known_hosts. */
    OpenSshServer startSshd() {
        OpenSshServer sshd = OpenSshServer.start(dir.resolve("sshd-" + servers.size()), List.of(key.getPublicKey()),
                true);
        servers.add(sshd);
        try {
            Files.writeString(knownHosts, "[127.0.0.1]:" + sshd.getPort() + " " + sshd.getHostKey() + "\n",
                    StandardCharsets.US_ASCII, java.nio.file.StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + knownHosts, e);
        }
        return sshd;
    }

    /** Starts a Zope double whose instance home (with its import directory) is {@code dir/<name>}. */
    ZopeDouble startZope(String name) {
        Path home = dir.resolve(name);
        try {
            Files.createDirectories(home.resolve("import"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + home, e);
        }
        ZopeDouble zope = ZopeDouble.builder().user(ZOPE_USER).password(password).instanceHome(home).build()
                .start();
        doubles.add(zope);
        return zope;
    }

    /** Stops a double started here (its files stay). */
    void stopZope(ZopeDouble zope) {
        zope.close();
        doubles.remove(zope);
    }

    ZopeServer zopeServer(String name, ZopeDouble zope) {
        return ZopeServer.of(name, zope.getUrl(), ZOPE_USER, SecretValue.of(password));
    }

    /** A source environment (no SSH). */
    Environment source(String name, ZopeDouble zope) {
        return Environment.of(name, zopeServer(name, zope), null);
    }

    /** A target environment whose import directory is the double's, reached through {@code sshd}. */
    Environment target(String name, ZopeDouble zope, OpenSshServer sshd, List<String> ciphers) {
        return Environment.of(name, zopeServer(name, zope), sshSettings(name, sshd,
                zope.getImportDirectory().toString(), ciphers));
    }

    SshSettings sshSettings(String name, OpenSshServer sshd, String importDir, List<String> ciphers) {
        return SshSettings.builder(name, sshd.getHost()).port(sshd.getPort()).username(OpenSshServer.currentUser())
                .key(SshKey.of(SecretValue.of(key.getPrivateKey()), null))
                .hostKey(HostKeyPolicy.pinned(sshd.getHostKey())).importDir(importDir).ciphers(ciphers).build();
    }

    /** OpenSSH's clients for one server, with the benchmark's cipher forced. */
    OpenSshClient openSsh(OpenSshServer sshd) {
        return new OpenSshClient(keyFile, knownHosts, OpenSshServer.currentUser(), sshd.getPort(), CIPHER);
    }

    /** For a child JVM: the private key file and the password (both made up for this run). */
    Path getKeyFile() {
        return keyFile;
    }

    String getPassword() {
        return password;
    }

    /** Stops the sshd servers even if a double fails to stop, so that no server outlives the run. */
    @Override
    public void close() {
        try {
            new ArrayList<>(doubles).forEach(ZopeDouble::close);
            doubles.clear();
        } finally {
            servers.forEach(OpenSshServer::close);
            servers.clear();
        }
    }
}
