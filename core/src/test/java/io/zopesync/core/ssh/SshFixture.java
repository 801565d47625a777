package io.zopesync.core.ssh;

import io.zopesync.core.kernel.SecretValue;
import io.zopesync.testkit.ssh.EmbeddedSshServer;
import io.zopesync.testkit.ssh.TestKeys;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Keys and settings shared by the SSH tests; keys are made once per JVM ({@code ssh-keygen} is slow for RSA). */
final class SshFixture {
    static final String USER = "zope";
    private static final Map<String, TestKeys.KeyPairText> KEYS = new ConcurrentHashMap<>();

    private SshFixture() {
    }

    /** A key pair of the given kind, made once. */
    static TestKeys.KeyPairText key(Path dir, TestKeys.Type type, TestKeys.Format format, String passphrase) {
        return KEYS.computeIfAbsent(type + "/" + format + "/" + passphrase,
                k -> TestKeys.generate(dir.resolve("keys"), type, format, passphrase));
    }

    /** The default client key: ed25519, unencrypted. */
    static TestKeys.KeyPairText key(Path dir) {
        return key(dir, TestKeys.Type.ED25519, TestKeys.Format.OPENSSH, null);
    }

    static SshKey sshKey(TestKeys.KeyPairText key) {
        return SshKey.of(SecretValue.of(key.getPrivateKey()), SecretValue.of(key.getPassphrase()));
    }

    /** Settings for the embedded server, pinned to its host key. */
    static SshSettings.Builder settings(EmbeddedSshServer server, TestKeys.KeyPairText key, String importDir) {
        return SshSettings.builder("test", server.getHost()).port(server.getPort()).username(USER)
                .key(sshKey(key)).hostKey(HostKeyPolicy.pinned(server.getHostKey())).importDir(importDir);
    }
}
