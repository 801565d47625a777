package io.zopesync.core.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.zopesync.core.ZopeSync;
import io.zopesync.core.kernel.SecretValue;
import io.zopesync.core.kernel.Timeouts;
import io.zopesync.core.model.Environment;
import io.zopesync.core.model.ObjectSpec;
import io.zopesync.core.model.SyncOptions;
import io.zopesync.core.model.SyncRequest;
import io.zopesync.core.result.SyncResult;
import io.zopesync.core.result.TargetResult;
import io.zopesync.core.ssh.HostKeyPolicy;
import io.zopesync.core.ssh.JschConnector;
import io.zopesync.core.ssh.RemoteFiles;
import io.zopesync.core.ssh.SshKey;
import io.zopesync.core.ssh.SshSettings;
import io.zopesync.core.zope.ZopeApi;
import io.zopesync.core.zope.ZopeConnector;
import io.zopesync.core.zope.ZopeServer;
import io.zopesync.testkit.Sandbox;
import io.zopesync.testkit.ssh.EmbeddedSshServer;
import io.zopesync.testkit.zope.ZopeDouble;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.config.keys.writer.openssh.OpenSSHKeyEncryptionContext;
import org.apache.sshd.common.config.keys.writer.openssh.OpenSSHKeyPairResourceWriter;

/**
 * A small world for fault tests, with sentinel secrets: a source Zope double ({@code dev}), a target one
 * ({@code prod}, holding an old {@code /ourfolder/obj2}), an embedded SSH server, and an encrypted client key.
 * The Zope password, the key's passphrase and the private key's text are random sentinels that
 * {@link #assertNoSecretIn} looks for in everything a run leaves behind.
 */
final class FaultWorld implements AutoCloseable {
    /** A new object (a folder with a 3.6 kB file: larger than the SSH fault thresholds) and a replaced one. */
    static final List<ObjectSpec> OBJECTS = List.of(ObjectSpec.of("/myfolder/obj1", "/yourfolder"),
            ObjectSpec.of("/ourfolder/obj2"));

    private static final SecureRandom RANDOM = new SecureRandom();

    final Path root;
    final String password = sentinel("zope-password");
    final String wrongPassword = sentinel("wrong-password");
    final String passphrase = sentinel("key-passphrase");
    final String privateKey;
    final ZopeDouble dev;
    final ZopeDouble prod;
    final EmbeddedSshServer ssh;
    final Path prodImport;
    final RecordingListener listener = new RecordingListener();
    /** Messages of exceptions that runs threw, for the secret check. */
    final List<String> thrown = new ArrayList<>();

    FaultWorld(Path root) {
        this.root = root.toAbsolutePath();
        KeyPair key = generateKey();
        this.privateKey = encrypted(key, passphrase);
        this.prodImport = this.root.resolve("prod/import");
        try {
            Files.createDirectories(prodImport);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.dev = ZopeDouble.builder().user(Sandbox.ZOPE_USER).password(password)
                .instanceHome(this.root.resolve("dev")).build().start();
        this.prod = ZopeDouble.builder().user(Sandbox.ZOPE_USER).password(password)
                .instanceHome(this.root.resolve("prod")).build().start();
        Sandbox.seed(dev, Sandbox.MASTER);
        Sandbox.seed(prod, "prod");
        this.ssh = EmbeddedSshServer.builder(this.root).authorize(Sandbox.SSH_USER,
                PublicKeyEntry.toString(key.getPublic())).start();
    }

    private static String sentinel(String what) {
        byte[] bytes = new byte[8];
        RANDOM.nextBytes(bytes);
        return "S3NTINEL-" + what + "-" + HexFormat.of().formatHex(bytes);
    }

    private static KeyPair generateKey() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The key in OpenSSH's encrypted form (AES-256-CTR, bcrypt with few rounds so that tests stay fast). */
    private static String encrypted(KeyPair key, String passphrase) {
        OpenSSHKeyEncryptionContext encryption = new OpenSSHKeyEncryptionContext();
        encryption.setPassword(passphrase);
        encryption.setCipherName("AES");
        encryption.setCipherType("256");
        encryption.setCipherMode("CTR");
        encryption.setKdfRounds(2);
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            OpenSSHKeyPairResourceWriter.INSTANCE.writePrivateKey(key, "fault-world", encryption, out);
            return out.toString(StandardCharsets.US_ASCII);
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A .zexp sample from the test resources ({@code /zexp/<name>}). */
    static byte[] sample(String name) {
        try (java.io.InputStream in = FaultWorld.class.getResourceAsStream("/zexp/" + name)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A port on 127.0.0.1 nobody listens on. */
    static int closedPort() {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Options that keep a fault test fast: short timeouts, lock wait and back-off. */
    static SyncOptions fast() {
        return SyncOptions.builder().retryBackoff(Duration.ofMillis(20))
                .timeouts(Timeouts.of(Duration.ofSeconds(2), Duration.ofSeconds(2), Duration.ofMillis(500)))
                .staleLockAfter(Duration.ofSeconds(12))
                .build();
    }

    /** Options for a run that takes a dead run's lock over: it waits 3 s without a heartbeat. */
    static SyncOptions recovering() {
        return fast().toBuilder().timeouts(Timeouts.of(Duration.ofSeconds(2), Duration.ofSeconds(1),
                Duration.ofMillis(200))).staleLockAfter(Duration.ofSeconds(3)).build();
    }

    Environment dev() {
        return environment("dev", dev.getUrl(), password, UnaryOperator.identity());
    }

    Environment prod() {
        return prod(UnaryOperator.identity());
    }

    /** The target, with its SSH settings changed by {@code ssh}. */
    Environment prod(UnaryOperator<SshSettings.Builder> change) {
        return environment("prod", prod.getUrl(), password, change);
    }

    Environment environment(String name, String url, String zopePassword, UnaryOperator<SshSettings.Builder> change) {
        ZopeServer zope = ZopeServer.of(name, url, Sandbox.ZOPE_USER, SecretValue.of(zopePassword));
        SshSettings.Builder builder = SshSettings.builder(name, "127.0.0.1").port(ssh.getPort())
                .username(Sandbox.SSH_USER).key(SshKey.of(SecretValue.of(privateKey), SecretValue.of(passphrase)))
                .hostKey(HostKeyPolicy.pinned(ssh.getHostKeyFingerprint()))
                .importDir(root.resolve(name).resolve("import").toString());
        return Environment.of(name, zope, change.apply(builder).build());
    }

    SyncRequest.Builder request(String bundle, SyncOptions options) {
        return request(bundle, options, dev());
    }

    SyncRequest.Builder request(String bundle, SyncOptions options, Environment source) {
        return SyncRequest.builder(source, root.resolve("bundles").resolve(bundle)).objects(OBJECTS)
                .options(options).holder("alice@build1");
    }

    /** Runs a sync, recording what it throws. */
    SyncResult sync(ZopeSync engine, SyncRequest request) {
        try {
            return engine.sync(request, listener);
        } catch (RuntimeException e) {
            thrown.add(String.valueOf(e));
            throw e;
        }
    }

    /** The engine with the target's Zope client and SSH sessions wrapped (to inject faults). */
    ZopeSync engine(UnaryOperator<ZopeApi> prodZope, UnaryOperator<RemoteFiles> sessions) {
        return engine(UnaryOperator.identity(), prodZope, sessions);
    }

    /** The engine with the source's and the target's Zope clients and the SSH sessions wrapped. */
    ZopeSync engine(UnaryOperator<ZopeApi> devZope, UnaryOperator<ZopeApi> prodZope,
            UnaryOperator<RemoteFiles> sessions) {
        JschConnector jsch = new JschConnector();
        return new ZopeSync((server, timeouts, retries, backoff, connections, log) -> {
            ZopeApi api = ZopeConnector.HTTP.open(server, timeouts, retries, backoff, connections, log);
            return server.getName().equals("prod") ? prodZope.apply(api)
                    : server.getName().equals("dev") ? devZope.apply(api) : api;
        }, (settings, timeouts, log) -> sessions.apply(jsch.open(settings, timeouts, log)));
    }

    /** The text of a file in the target's import directory. */
    String importedText(String name) {
        try {
            return Files.readString(prodImport.resolve(name), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The record of what was pushed to the target, kept in its import directory for a later status. */
    static final String PUSH_RECORD = "zope-sync-pushed.json";

    /** The text of the target's push record, if there is one. */
    Optional<String> pushRecord() {
        Path record = prodImport.resolve(PUSH_RECORD);
        return Files.exists(record) ? Optional.of(importedText(PUSH_RECORD)) : Optional.empty();
    }

    /** The names in the target's import directory, but for the record of what was pushed ({@link #pushRecord}). */
    List<String> importDirectory() {
        try (Stream<Path> files = Files.list(prodImport)) {
            return files.map(file -> file.getFileName().toString()).filter(name -> !name.equals(PUSH_RECORD))
                    .sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The secrets a run must never show: the password, the passphrase, and every line of the key's text. */
    List<String> secrets() {
        List<String> secrets = new ArrayList<>(List.of(password, wrongPassword, passphrase));
        for (String line : privateKey.split("\n")) {
            if (!line.startsWith("-----") && line.strip().length() >= 16) {
                secrets.add(line.strip());
            }
        }
        return secrets;
    }

    /**
     * Checks that no secret appears in the listener's lines and events, the exceptions thrown, the result's JSON,
     * or any file under the bundle directories (manifests, .zexp files, replaced objects), byte for byte.
     */
    void assertNoSecretIn(SyncResult result) {
        List<String> texts = new ArrayList<>(listener.getLines());
        texts.addAll(thrown);
        if (result != null) {
            texts.add(result.toJson());
            texts.add(result.toString());
        }
        Path bundles = root.resolve("bundles");
        if (Files.isDirectory(bundles)) {
            try (Stream<Path> files = Files.walk(bundles)) {
                for (Path file : files.filter(Files::isRegularFile).toList()) {
                    texts.add(file + ": " + new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1));
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        for (String secret : secrets()) {
            assertThat(texts).as("texts holding a secret").noneMatch(text -> text.contains(secret));
        }
    }

    /**
     * Checks the report of a failed run: not a success, and exactly one message (a preflight problem or a target's
     * message) that names every one of {@code parts}: the server or target, the object and the cause (in any case:
     * "Cancelled …" opens a sentence where "… failed: cancelled" ends one).
     */
    static void assertOneMessageNaming(SyncResult result, String... parts) {
        assertThat(result.isSuccess()).as(result.toJson()).isFalse();
        List<String> messages = new ArrayList<>(result.problems());
        for (TargetResult target : result.targets()) {
            if (target.message() != null && !target.isSuccess()) {
                messages.add(target.message());
            }
        }
        assertThat(messages).as(result.toJson()).filteredOn(message -> Stream.of(parts)
                .allMatch(part -> message.toLowerCase(Locale.ROOT).contains(part.toLowerCase(Locale.ROOT))))
                .hasSize(1);
    }

    @Override
    public void close() {
        dev.close();
        prod.close();
        ssh.close();
    }
}
