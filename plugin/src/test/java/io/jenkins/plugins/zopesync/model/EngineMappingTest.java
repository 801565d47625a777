package io.jenkins.plugins.zopesync.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zopesync.core.kernel.InvalidInputException;
import io.zopesync.core.kernel.SecretValue;
import io.zopesync.core.kernel.Timeouts;
import io.zopesync.core.model.Environment;
import io.zopesync.core.ssh.HostKeyPolicy;
import io.zopesync.core.ssh.SshKey;
import io.zopesync.core.ssh.SshSettings;
import io.zopesync.core.ssh.TransferProtocol;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class EngineMappingTest {
    private static final String KEY_TEXT =
            "-----BEGIN OPENSSH PRIVATE KEY-----\nsentinel-key\n-----END OPENSSH PRIVATE KEY-----";
    private static final String FINGERPRINT = "SHA256:" + "B".repeat(43);
    private static final ZopeLogin ZOPE = new ZopeLogin("adm", SecretValue.of("sentinel-password"));
    private static final SshLogin SSH =
            new SshLogin("zope", SshKey.of(SecretValue.of(KEY_TEXT), SecretValue.of("sentinel-passphrase")));

    @Test
    void shouldMapATargetWithItsSshBlock() {
        SshValues ssh = SshValues.builder("www.example.org", "ssh-id", "/srv/zope/import/")
                .port(2222)
                .hostKey(FINGERPRINT)
                .protocol("SCP")
                .build();
        Environment prod = EngineMapping.toEnvironment(
                EnvironmentValues.of("prod", "https://www.example.org/", "zope-id", null, ssh), ZOPE, SSH);

        assertThat(prod.getName()).isEqualTo("prod");
        assertThat(prod.getZope().getUrl()).hasToString("https://www.example.org");
        assertThat(prod.getZope().getUsername()).isEqualTo("adm");
        assertThat(prod.getZope().getPassword().reveal()).isEqualTo("sentinel-password");
        SshSettings settings = prod.getSsh().orElseThrow();
        assertThat(settings.getEndpoint()).isEqualTo("zope@www.example.org:2222");
        assertThat(settings.getImportDir()).isEqualTo("/srv/zope/import");
        assertThat(settings.getProtocol()).isEqualTo(TransferProtocol.SCP);
        assertThat(settings.getHostKey().getMode()).isEqualTo(HostKeyPolicy.Mode.PINNED);
        assertThat(settings.getHostKey().isFingerprint()).isTrue();
        assertThat(settings.getKey()).isSameAs(SSH.key());
    }

    @Test
    void shouldMapASourceWithoutSsh() {
        Environment dev = EngineMapping.toEnvironment(
                EnvironmentValues.of("dev", "http://localhost:8080", "zope-id", "", null), ZOPE, null);

        assertThat(dev.getSsh()).isEmpty();
        assertThat(dev.getZope().getCaCertificatePem()).isEmpty();
    }

    @Test
    void shouldMapAnEnvironmentUsedAsSourceWithoutItsSshBlock() {
        SshValues ssh = SshValues.builder("www.example.org", "ssh-id", "/srv/zope/import")
                .hostKey(FINGERPRINT)
                .build();

        Environment prod = EngineMapping.toSource(
                EnvironmentValues.of("prod", "https://www.example.org", "zope-id", null, ssh), ZOPE);

        assertThat(prod.getSsh()).isEmpty();
        assertThat(prod.getZope().getUsername()).isEqualTo("adm");
    }

    @Test
    void shouldMapEachHostKeyChoice() {
        assertThat(EngineMapping.toHostKeyPolicy(
                                "prod",
                                SshValues.builder("h", "c", "/i")
                                        .knownHostsFile("/home/jenkins/.ssh/known_hosts")
                                        .build())
                        .getMode())
                .isEqualTo(HostKeyPolicy.Mode.KNOWN_HOSTS);
        assertThat(EngineMapping.toHostKeyPolicy(
                                "prod",
                                SshValues.builder("h", "c", "/i")
                                        .acceptAnyHostKey(true)
                                        .build())
                        .getMode())
                .isEqualTo(HostKeyPolicy.Mode.ACCEPT_ANY);
        assertThatThrownBy(() -> EngineMapping.toHostKeyPolicy(
                        "prod", SshValues.builder("h", "c", "/i").build()))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("'prod'");
    }

    @Test
    void shouldNameTheEnvironmentOfABadValue() {
        SshValues ssh = SshValues.builder("www.example.org", "ssh-id", "relative")
                .hostKey(FINGERPRINT)
                .build();
        assertThatThrownBy(() -> EngineMapping.toEnvironment(
                        EnvironmentValues.of("prod", "https://www.example.org", "zope-id", null, ssh), ZOPE, SSH))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("'prod'")
                .hasMessageContaining("relative");
        assertThatThrownBy(() -> EngineMapping.toProtocol("prod", "rsync")).hasMessageContaining("rsync");
        assertThatThrownBy(() -> EngineMapping.toEnvironment(
                        EnvironmentValues.of("prod", "https://www.example.org", "zope-id", null, ssh), ZOPE, null))
                .hasMessageContaining("SSH login of environment 'prod'");
    }

    @Test
    void shouldNeverShowASecretInTheMappedValues() {
        SshValues ssh = SshValues.builder("www.example.org", "ssh-id", "/srv/import")
                .hostKey(FINGERPRINT)
                .build();
        Environment prod = EngineMapping.toEnvironment(
                EnvironmentValues.of("prod", "https://www.example.org", "zope-id", null, ssh), ZOPE, SSH);

        String shown = prod + " " + prod.getZope() + " " + prod.getSsh().orElseThrow() + " " + ZOPE + " " + SSH;
        assertThat(shown).doesNotContain("sentinel");
    }

    @Test
    void shouldUseTheLongestConfiguredTimeoutsOfTheEnvironmentsInvolved() {
        EnvironmentValues dev = EnvironmentValues.of("dev", "http://localhost:8080", "z", null, null);
        EnvironmentValues test = EnvironmentValues.of(
                "test",
                "http://t:8080",
                "z",
                null,
                SshValues.builder("t", "s", "/i")
                        .connectTimeout(5)
                        .readTimeout(600)
                        .build());
        EnvironmentValues prod = EnvironmentValues.of(
                "prod",
                "http://p:8080",
                "z",
                null,
                SshValues.builder("p", "s", "/i")
                        .connectTimeout(30)
                        .readTimeout(60)
                        .build());

        Timeouts timeouts = EngineMapping.toTimeouts(List.of(dev, test, prod));
        assertThat(timeouts.getConnect()).isEqualTo(Duration.ofSeconds(30));
        assertThat(timeouts.getRead()).isEqualTo(Duration.ofSeconds(600));
        assertThat(EngineMapping.toTimeouts(List.of(dev)).getConnect())
                .isEqualTo(Duration.ofSeconds(SshValues.DEFAULT_CONNECT_TIMEOUT));
    }
}
