package io.zopesync.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zopesync.core.kernel.InvalidInputException;
import io.zopesync.core.kernel.SecretValue;
import io.zopesync.core.kernel.Timeouts;
import io.zopesync.core.ssh.HostKeyPolicy;
import io.zopesync.core.ssh.SshKey;
import io.zopesync.core.ssh.SshSettings;
import io.zopesync.core.zope.ZopeServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RequestValidationTest {
    private static final String KEY = "-----BEGIN OPENSSH PRIVATE KEY-----\nAAAA\n-----END OPENSSH PRIVATE KEY-----\n";
    private static final String PASSWORD = "sentinel-password-7c1e";

    private static Environment env(String name, int port) {
        return Environment.of(name, ZopeServer.of(name, "http://127.0.0.1:" + port, "adm", SecretValue.of(PASSWORD)),
                SshSettings.builder(name, "127.0.0.1").port(2222).username("zope")
                        .key(SshKey.of(SecretValue.of(KEY), null)).hostKey(HostKeyPolicy.acceptAny())
                        .importDir("/srv/" + name + "/import").build());
    }

    @Test
    void shouldBuildAValidRequest() {
        SyncRequest request = SyncRequest.builder(env("dev", 1), Path.of("bundle"))
                .target(env("test", 2)).target(env("prod", 3))
                .object(ObjectSpec.of("/myfolder/obj1", "/yourfolder")).object(ObjectSpec.of("/ourfolder/obj2"))
                .holder("alice@build1").build();

        assertThat(request.getTargets()).extracting(Environment::getName).containsExactly("test", "prod");
        assertThat(request.getObjects()).hasSize(2);
        assertThat(request.getHolder()).isEqualTo("alice@build1");
    }

    @Test
    void shouldRefuseTheSourceAsATarget() {
        assertThatThrownBy(() -> SyncRequest.builder(env("dev", 1), Path.of("b")).target(env("dev", 1))
                .object(ObjectSpec.of("/a")).build()).hasMessage("target 'dev' is the source itself");
    }

    @Test
    void shouldRefuseDuplicatesAndEmptyLists() {
        assertThatThrownBy(() -> SyncRequest.builder(env("dev", 1), Path.of("b")).target(env("t", 2))
                .target(env("t", 2)).object(ObjectSpec.of("/a")).build()).hasMessage("target 't' is given twice");
        assertThatThrownBy(() -> SyncRequest.builder(env("dev", 1), Path.of("b")).target(env("t", 2))
                .object(ObjectSpec.of("/a")).object(ObjectSpec.of("/a")).build())
                .hasMessage("object '/a' is given twice");
        assertThatThrownBy(() -> SyncRequest.builder(env("dev", 1), Path.of("b")).target(env("t", 2)).build())
                .hasMessage("no object given");
        assertThatThrownBy(() -> SyncRequest.builder(env("dev", 1), Path.of("b")).object(ObjectSpec.of("/a"))
                .build()).hasMessage("no target given");
    }

    @Test
    void shouldRefuseTwoObjectsLandingOnTheSamePlace() {
        assertThatThrownBy(() -> SyncRequest.builder(env("dev", 1), Path.of("b")).target(env("t", 2))
                .object(ObjectSpec.of("/x/obj")).object(ObjectSpec.of("/y/obj", "/x")).build())
                .hasMessage("two objects would land at the same place on the targets: /x/obj");
    }

    @Test
    void shouldRefuseAnObjectInsideAnother() {
        assertThatThrownBy(() -> SyncRequest.builder(env("dev", 1), Path.of("b")).target(env("t", 2))
                .object(ObjectSpec.of("/site")).object(ObjectSpec.of("/site/page")).build())
                .hasMessage("object '/site/page' lies inside object '/site', which already carries it");
    }

    @Test
    void shouldRefuseATargetWithoutSsh() {
        Environment noSsh = Environment.of("t", ZopeServer.of("t", "http://h", "u", SecretValue.of("p")), null);
        assertThatThrownBy(() -> PushRequest.of(PushRequest.Mode.PROMOTE, Path.of("b"), List.of(noSsh),
                SyncOptions.defaults(), null)).hasMessageContaining("target 't' has no SSH settings");
    }

    @ParameterizedTest
    @ValueSource(strings = {"ftp://host/", "http://", "http://adm:secret@host:8080", "host:8080", "http://h/?a=1",
        "http://h/#x", "javascript:alert(1)", " "})
    void shouldRefuseBadZopeUrlsWithoutShowingCredentials(String url) {
        assertThatThrownBy(() -> ZopeServer.of("dev", url, "adm", SecretValue.of("p")))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("Zope URL of environment 'dev'")
                .hasMessageNotContaining("secret");
    }

    @Test
    void shouldNormaliseZopeUrls() {
        assertThat(ZopeServer.of("d", "HTTP://Example.org:8080/zope/", "u", SecretValue.of("p")).getUrl())
                .hasToString("http://Example.org:8080/zope");
        assertThat(ZopeServer.of("d", "https://[::1]:8443", "u", SecretValue.of("p")).getUrl())
                .hasToString("https://[::1]:8443");
    }

    @ParameterizedTest
    @ValueSource(strings = {"import", "/srv/../etc", "/srv/./import", "/srv/im\nport", ""})
    void shouldRefuseBadImportDirectories(String dir) {
        assertThatThrownBy(() -> SshSettings.checkImportDir("test", dir))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("import directory of environment 'test'");
    }

    @Test
    void shouldNormaliseImportDirectories() {
        assertThat(SshSettings.checkImportDir("t", "/srv//zope/import/")).isEqualTo("/srv/zope/import");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "-prod", "pro d", "prod/x", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"})
    void shouldRefuseBadEnvironmentNames(String name) {
        assertThatThrownBy(() -> Environment.checkName(name)).hasMessageStartingWith("environment name must be");
    }

    @Test
    void shouldRefuseBadHostKeys() {
        assertThatThrownBy(() -> HostKeyPolicy.pinned("SHA256:tooShort"))
                .hasMessageContaining("host key must be");
        assertThat(HostKeyPolicy.pinned("SHA256:" + "A".repeat(43)).isFingerprint()).isTrue();
        assertThat(HostKeyPolicy.pinned("ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIB comment").isFingerprint()).isFalse();
    }

    @Test
    void shouldRefuseOutOfRangeOptions() {
        assertThatThrownBy(() -> SyncOptions.builder().parallelism(0).build())
                .hasMessage("parallelism must be 1 to 64: 0");
        assertThatThrownBy(() -> SyncOptions.builder().retries(11).build())
                .hasMessage("retries must be 1 to 10 attempts: 11");
        assertThatThrownBy(() -> Timeouts.defaults().withRead(Duration.ZERO))
                .hasMessage("read timeout must be positive: PT0S");
        assertThatThrownBy(() -> OnExisting.parse("overwrite"))
                .hasMessage("on-existing must be replace, skip or fail: 'overwrite'");
    }

    @Test
    void shouldNeverShowSecretsInToString() {
        Environment environment = env("dev", 1);
        String shown = environment + " " + environment.getZope() + " " + environment.getSsh().orElseThrow()
                + " " + environment.getSsh().orElseThrow().getKey() + " " + environment.getZope().getPassword();

        assertThat(shown).doesNotContain(PASSWORD).doesNotContain("OPENSSH PRIVATE KEY").contains("****");
    }

    @Test
    void shouldRefuseTextThatIsNoPrivateKeyWithoutEchoingIt() {
        assertThatThrownBy(() -> SshKey.of(SecretValue.of("ssh-ed25519 AAAA-public-key"), null))
                .hasMessageContaining("not in OpenSSH or PEM form")
                .hasMessageNotContaining("AAAA-public-key");
    }
}
