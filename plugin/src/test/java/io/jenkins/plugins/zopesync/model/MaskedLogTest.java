package io.jenkins.plugins.zopesync.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.zopesync.core.kernel.SecretValue;
import io.zopesync.core.model.Environment;
import io.zopesync.core.ssh.SshKey;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class MaskedLogTest {
    private static final String KEY_TEXT =
            "-----BEGIN OPENSSH PRIVATE KEY-----\nsentinelkeyline1\nsentinelkeyline2\n-----END OPENSSH PRIVATE KEY-----";

    private static Environment prod() {
        SshValues ssh = SshValues.builder("www.example.org", "ssh-id", "/srv/zope/import/")
                .hostKey("SHA256:" + "B".repeat(43))
                .build();
        return EngineMapping.toEnvironment(
                EnvironmentValues.of("prod", "https://www.example.org/", "zope-id", null, ssh),
                new ZopeLogin("adm", SecretValue.of("sentinel-password")),
                new SshLogin("zope", SshKey.of(SecretValue.of(KEY_TEXT), SecretValue.of("sentinel-passphrase"))));
    }

    @Test
    void shouldFindThePasswordThePassphraseAndTheKeyLinesButNotTheKeyFrame() {
        Set<String> secrets = MaskedLog.secretsOf(List.of(prod()));

        assertThat(secrets)
                .containsExactlyInAnyOrder(
                        "sentinel-password", "sentinel-passphrase", "sentinelkeyline1", "sentinelkeyline2");
    }

    @Test
    void shouldMaskEverySecretInEveryLineAndLeaveTheRest() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        MaskedLog log = new MaskedLog(out, MaskedLog.secretsOf(List.of(prod())));
        PrintStream print = log.printStream();

        print.println("[zope-sync] login as adm with sentinel-password failed");
        print.print("server said: sentinel-passphrase sentinelkeyline2 sentinel-password");
        print.println(" (twice)");
        print.print("a last line: sentinelkeyline1");
        log.finish();

        assertThat(out.toString(StandardCharsets.UTF_8))
                .isEqualTo("[zope-sync] login as adm with **** failed\n"
                        + "server said: **** **** **** (twice)\n"
                        + "a last line: ****");
    }

    @Test
    void shouldMaskTheLongerOfTwoOverlappingSecretsWhole() {
        MaskedLog log = new MaskedLog(new ByteArrayOutputStream(), List.of("secret", "secret-and-more"));

        assertThat(log.mask("x secret-and-more y secret z")).isEqualTo("x **** y **** z");
    }

    @Test
    void shouldNotMaskSecretsTooShortToTellFromOrdinaryText() {
        MaskedLog log = new MaskedLog(new ByteArrayOutputStream(), List.of("abc", "", "abcd"));

        assertThat(log.mask("abc abcd")).isEqualTo("abc ****");
    }

    @Test
    void shouldLeaveTheBuildLogOpenWhenClosed() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream buildLog = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        MaskedLog log = new MaskedLog(buildLog, List.of("sentinel-password"));

        log.close();
        buildLog.println("still open");

        assertThat(buildLog.checkError()).isFalse();
        assertThat(bytes.toString(StandardCharsets.UTF_8)).isEqualTo("still open\n");
    }
}
