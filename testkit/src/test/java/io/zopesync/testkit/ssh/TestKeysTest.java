package io.zopesync.testkit.ssh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TestKeysTest {
    @TempDir
    Path temp;

    @BeforeEach
    void needSshKeygen() {
        Assumptions.assumeTrue(TestKeys.isAvailable(), TestKeys.unavailableReason());
    }

    @Test
    void shouldWriteEd25519InOpenSshForm() {
        TestKeys.KeyPairText key = TestKeys.generate(temp, TestKeys.Type.ED25519, TestKeys.Format.OPENSSH);

        assertThat(key.getPrivateKey()).startsWith("-----BEGIN OPENSSH PRIVATE KEY-----");
        assertThat(key.getPublicKey()).startsWith("ssh-ed25519 AAAA").endsWith(" zope-sync-test");
        assertThat(key.getPassphrase()).isEmpty();
    }

    @Test
    void shouldWriteEncryptedPemKeys() {
        TestKeys.KeyPairText rsa = TestKeys.generate(temp, TestKeys.Type.RSA, TestKeys.Format.PEM, "secret");
        TestKeys.KeyPairText ecdsa = TestKeys.generate(temp, TestKeys.Type.ECDSA, TestKeys.Format.PEM, "secret");

        assertThat(rsa.getPrivateKey()).startsWith("-----BEGIN RSA PRIVATE KEY-----")
                .contains("Proc-Type: 4,ENCRYPTED");
        assertThat(rsa.getPublicKey()).startsWith("ssh-rsa AAAA");
        assertThat(ecdsa.getPrivateKey()).startsWith("-----BEGIN EC PRIVATE KEY-----")
                .contains("Proc-Type: 4,ENCRYPTED");
        assertThat(ecdsa.getPublicKey()).startsWith("ecdsa-sha2-nistp256 AAAA");
        assertThat(rsa.toString()).doesNotContain("secret").contains("encrypted");
    }

    @Test
    void shouldMakeDifferentKeysEachTime() {
        TestKeys.KeyPairText first = TestKeys.generate(temp, TestKeys.Type.ECDSA, TestKeys.Format.OPENSSH);
        TestKeys.KeyPairText second = TestKeys.generate(temp, TestKeys.Type.ECDSA, TestKeys.Format.OPENSSH);

        assertThat(first.getPublicKey()).isNotEqualTo(second.getPublicKey());
    }

    @Test
    void shouldRefuseEd25519InPemForm() {
        assertThatThrownBy(() -> TestKeys.generate(temp, TestKeys.Type.ED25519, TestKeys.Format.PEM))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ed25519");
    }
}
