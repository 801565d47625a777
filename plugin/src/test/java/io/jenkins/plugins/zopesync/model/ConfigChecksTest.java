package io.jenkins.plugins.zopesync.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ConfigChecksTest {
    private static final String FINGERPRINT = "SHA256:" + "A".repeat(43);

    @Test
    void shouldAcceptAPlainEnvironmentNameAndRefuseOneWithASpace() {
        assertThat(ConfigChecks.name("prod-1").getKind()).isEqualTo(Check.Kind.OK);
        assertThat(ConfigChecks.name("my prod").getMessage())
                .contains("environment name")
                .contains("my prod");
        assertThat(ConfigChecks.name("").isError()).isTrue();
    }

    @Test
    void shouldNameTheDuplicateEnvironmentName() {
        assertThat(ConfigChecks.uniqueNames(List.of("dev", "prod", "dev")).getMessage())
                .contains("'dev'");
        assertThat(ConfigChecks.uniqueNames(List.of("dev", "prod")).isError()).isFalse();
    }

    @Test
    void shouldUseTheEngineRuleForUrls() {
        assertThat(ConfigChecks.url("prod", "https://www.example.org").isError())
                .isFalse();
        assertThat(ConfigChecks.url("prod", "ftp://www.example.org").getMessage())
                .contains("prod")
                .contains("ftp://www.example.org");
        assertThat(ConfigChecks.url("prod", "https://adm:secret@www.example.org")
                        .getMessage())
                .contains("must not contain a user name")
                .doesNotContain("secret");
        assertThat(ConfigChecks.url(null, "").getMessage()).contains("(this environment)");
    }

    @Test
    void shouldRequireAKnownCredentialsId() {
        assertThat(ConfigChecks.credentialsId("", id -> true).isError()).isTrue();
        assertThat(ConfigChecks.credentialsId("zope-prod", id -> false).getMessage())
                .contains("'zope-prod'");
        assertThat(ConfigChecks.credentialsId("zope-prod", id -> id.equals("zope-prod"))
                        .isError())
                .isFalse();
    }

    @Test
    void shouldRefuseACaCertificateThatIsNotPem() {
        assertThat(ConfigChecks.caCertificate(null).isError()).isFalse();
        assertThat(ConfigChecks.caCertificate("MIIB...").getMessage()).contains("BEGIN CERTIFICATE");
        assertThat(ConfigChecks.caCertificate("-----BEGIN CERTIFICATE-----\nnot base64\n-----END CERTIFICATE-----")
                        .getMessage())
                .startsWith("The certificate cannot be read");
    }

    @Test
    void shouldRefuseAnOptionLikeOrEmptyHostAndABadPort() {
        assertThat(ConfigChecks.host("-oProxyCommand=x").getMessage()).contains("-oProxyCommand=x");
        assertThat(ConfigChecks.host("user@host").isError()).isTrue();
        assertThat(ConfigChecks.host(" ").isError()).isTrue();
        assertThat(ConfigChecks.host("www.example.org").isError()).isFalse();
        assertThat(ConfigChecks.port(0).getMessage()).endsWith(": 0");
        assertThat(ConfigChecks.port(2222).isError()).isFalse();
    }

    @Test
    void shouldRequireAnAbsoluteImportDirectoryWithoutDotDot() {
        assertThat(ConfigChecks.importDir("prod", "srv/import").getMessage())
                .contains("absolute")
                .contains("srv/import");
        assertThat(ConfigChecks.importDir("prod", "/srv/../etc").getMessage()).contains("'..'");
        assertThat(ConfigChecks.importDir("prod", "/srv/zope/import").isError()).isFalse();
    }

    @Test
    void shouldRequireExactlyOneHostKeyVerificationAndWarnAboutAcceptingAny() {
        assertThat(ConfigChecks.hostKey(null, null, false).getMessage()).contains("Choose how");
        assertThat(ConfigChecks.hostKey(FINGERPRINT, "/home/jenkins/.ssh/known_hosts", false)
                        .getMessage())
                .contains("only one");
        assertThat(ConfigChecks.hostKey(FINGERPRINT, null, false).getKind()).isEqualTo(Check.Kind.OK);
        assertThat(ConfigChecks.hostKey("ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIFoo", null, false)
                        .isError())
                .isFalse();
        assertThat(ConfigChecks.hostKey("SHA256:short", null, false).getMessage())
                .contains("SHA256:short");
        assertThat(ConfigChecks.hostKey(null, "/home/jenkins/.ssh/known_hosts", false)
                        .isError())
                .isFalse();
        assertThat(ConfigChecks.hostKey(null, null, true).getKind()).isEqualTo(Check.Kind.WARNING);
    }

    @Test
    void shouldCheckProtocolTimeoutsAndParallelism() {
        assertThat(ConfigChecks.protocol("SCP").isError()).isFalse();
        assertThat(ConfigChecks.protocol("ftp").getMessage()).contains("ftp");
        assertThat(ConfigChecks.timeout(0).isError()).isTrue();
        assertThat(ConfigChecks.timeout(3601).isError()).isTrue();
        assertThat(ConfigChecks.timeout(30).isError()).isFalse();
        assertThat(ConfigChecks.parallel(65).getMessage()).contains("65");
        assertThat(ConfigChecks.parallel(1).isError()).isFalse();
    }

    @Test
    void shouldCheckObjectPathsTargetFoldersBundlesAndOnExisting() {
        assertThat(ConfigChecks.objectPath("/myfolder/obj1").isError()).isFalse();
        assertThat(ConfigChecks.objectPath("myfolder/obj1").getMessage()).contains("myfolder/obj1");
        assertThat(ConfigChecks.objectPath("/myfolder/_private").isError()).isTrue();
        assertThat(ConfigChecks.targetFolder("").isError()).isFalse();
        assertThat(ConfigChecks.targetFolder("/your folder/../x").isError()).isTrue();
        assertThat(ConfigChecks.bundle("zope-sync").isError()).isFalse();
        assertThat(ConfigChecks.bundle("../zope-sync").getMessage()).contains("../zope-sync");
        assertThat(ConfigChecks.onExisting("Skip").isError()).isFalse();
        assertThat(ConfigChecks.onExisting("overwrite").getMessage()).contains("overwrite");
    }

    @Test
    void shouldNameEveryEnvironmentThatIsNotConfigured() {
        Set<String> configured = Set.of("dev", "test");
        assertThat(ConfigChecks.configuredNames("test, prod", configured).getMessage())
                .contains("'prod'");
        assertThat(ConfigChecks.configuredNames("dev test", configured).isError())
                .isFalse();
        assertThat(ConfigChecks.configuredNames("", configured).isError()).isFalse();
    }

    @Test
    void shouldListEveryProblemOfEveryEnvironmentWithItsNameAndField() {
        SshValues ssh = SshValues.builder("www.example.org", "ssh-key", "import")
                .port(0)
                .build();
        List<EnvironmentValues> environments = List.of(
                EnvironmentValues.of("prod", "https://www.example.org", "zope-prod", null, ssh),
                EnvironmentValues.of("prod", "https://other.example.org", "", null, null));

        List<String> problems = ConfigChecks.environments(environments, id -> id.equals("zope-prod"), id -> false);

        assertThat(problems)
                .anyMatch(p -> p.startsWith("environment prod, ssh.port:"))
                .anyMatch(p -> p.startsWith("environment prod, ssh.credentialsId:") && p.contains("'ssh-key'"))
                .anyMatch(p -> p.startsWith("environment prod, ssh.importDir:"))
                .anyMatch(p -> p.startsWith("environment prod, ssh.hostKey:"))
                .anyMatch(p -> p.startsWith("environment prod, credentialsId:"))
                .anyMatch(p -> p.contains("'prod' is used twice"));
    }

    @Test
    void shouldFindNothingWrongWithAGoodConfiguration() {
        SshValues ssh = SshValues.builder("www.example.org", "ssh-key", "/srv/zope/import")
                .hostKey(FINGERPRINT)
                .build();
        List<EnvironmentValues> environments = List.of(
                EnvironmentValues.of("dev", "http://localhost:8080", "zope-dev", null, null),
                EnvironmentValues.of("prod", "https://www.example.org", "zope-prod", " ", ssh));

        assertThat(ConfigChecks.environments(environments, id -> true, id -> true))
                .isEmpty();
    }

    @Test
    void shouldLetEveryEnvironmentBeRemoved() {
        assertThat(ConfigChecks.saving(List.of())).isEmpty();
    }

    @Test
    void shouldRefuseToSaveADuplicateNameInOneMessageWithoutCheckingCredentialIds() {
        List<EnvironmentValues> environments = List.of(
                EnvironmentValues.of("test", "https://test1.example.org", "not-defined-yet", null, null),
                EnvironmentValues.of("test", "https://test2.example.org", "not-defined-yet", null, null));

        assertThat(ConfigChecks.saving(environments))
                .hasValueSatisfying(message -> assertThat(message)
                        .startsWith("The Zope environments were not saved: ")
                        .contains("'test' is used twice")
                        .doesNotContain("not-defined-yet"));
        assertThat(ConfigChecks.saving(environments.subList(0, 1))).isEmpty();
    }
}
