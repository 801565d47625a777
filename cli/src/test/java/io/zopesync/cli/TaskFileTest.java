package io.zopesync.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zopesync.core.kernel.InvalidInputException;
import io.zopesync.core.model.Environment;
import io.zopesync.core.model.OnExisting;
import io.zopesync.core.model.PushRequest;
import io.zopesync.core.model.SyncOptions;
import io.zopesync.core.model.SyncRequest;
import io.zopesync.core.ssh.HostKeyPolicy;
import io.zopesync.core.ssh.SshSettings;
import io.zopesync.core.ssh.TransferProtocol;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TaskFileTest {
    @TempDir
    Path dir;

    private static final String FULL = String.join("\n",
            "environments:",
            "  dev:",
            "    url: http://localhost:8080/",
            "    username: adm",
            "    passwordFile: secrets/dev-password",
            "  test:",
            "    url: https://test1.example.org:8443",
            "    username: Administrator1",
            "    passwordEnv: ZOPE_TEST_PASSWORD",
            "    ssh:",
            "      host: test1.example.org",
            "      port: 2222",
            "      user: testuser",
            "      keyFile: keys/id_test",
            "      passphraseEnv: SSH_KEY_PASSPHRASE",
            "      knownHosts: ~/.ssh/known_hosts",
            "      importDir: /srv/zope/instance/import/",
            "      protocol: scp",
            "      ciphers: [aes256-ctr, aes128-ctr]",
            "  prod:",
            "    url: https://www.example.org",
            "    username: Almighty",
            "    passwordEnv: ZOPE_PROD_PASSWORD",
            "    ssh:",
            "      host: www.example.org",
            "      user: zope",
            "      keyFile: keys/id_test",
            "      hostKey: \"" + TaskFiles.FINGERPRINT + "\"",
            "      importDir: /srv/zope/import",
            "source: dev",
            "targets: [test, prod]",
            "objects:",
            "  - path: /myfolder/obj1",
            "    target: /yourfolder",
            "  - /ourfolder/obj2",
            "options:",
            "  onExisting: skip",
            "  keepBackups: true",
            "  saveReplaced: false",
            "  parallel: 2",
            "  timeout: 5m",
            "  connectTimeout: 500ms",
            "  lockWait: 0",
            "  retries: 5",
            "  takeOwnership: true",
            "  suppressEvents: true",
            "  bundleDir: out/bundles",
            "");

    private static final Map<String, String> ENV = Map.of("ZOPE_TEST_PASSWORD", "t", "ZOPE_PROD_PASSWORD", "p",
            "SSH_KEY_PASSPHRASE", "phrase");

    private Path writeFull() throws Exception {
        Files.createDirectories(dir.resolve("secrets"));
        Files.writeString(dir.resolve("secrets/dev-password"), "dev-pw\r\n");
        Files.createDirectories(dir.resolve("keys"));
        Files.writeString(dir.resolve("keys/id_test"), TaskFiles.KEY_TEXT);
        Path task = dir.resolve("task.yaml");
        Files.writeString(task, FULL);
        return task;
    }

    @Test
    void shouldMapEveryKeyToTheEngineTypes() throws Exception {
        Path knownHosts = dir.resolve("home/.ssh/known_hosts");
        Files.createDirectories(knownHosts.getParent());
        Files.writeString(knownHosts, "");
        TaskFile task = TaskFile.read(writeFull());

        String home = System.getProperty("user.home");
        SyncRequest request;
        try {
            System.setProperty("user.home", dir.resolve("home").toString());
            request = task.syncRequest(List.of(), dir.resolve("b"), false, ENV::get);
        } finally {
            System.setProperty("user.home", home);
        }

        assertThat(request.getSource().getZope().getUrl()).hasToString("http://localhost:8080");
        assertThat(request.getSource().getZope().getPassword().reveal()).isEqualTo("dev-pw");
        assertThat(request.getSource().getSsh()).isEmpty();
        assertThat(request.getTargets()).extracting(Environment::getName).containsExactly("test", "prod");
        Environment test = request.getTargets().get(0);
        assertThat(test.getZope().getPassword().reveal()).isEqualTo("t");
        SshSettings ssh = test.getSsh().orElseThrow();
        assertThat(ssh.getEndpoint()).isEqualTo("testuser@test1.example.org:2222");
        assertThat(ssh.getImportDir()).isEqualTo("/srv/zope/instance/import");
        assertThat(ssh.getProtocol()).isEqualTo(TransferProtocol.SCP);
        assertThat(ssh.getCiphers()).containsExactly("aes256-ctr", "aes128-ctr");
        assertThat(ssh.getKey().getPassphrase().reveal()).isEqualTo("phrase");
        assertThat(ssh.getHostKey().getMode()).isEqualTo(HostKeyPolicy.Mode.KNOWN_HOSTS);
        assertThat(ssh.getHostKey().getValue()).isEqualTo(knownHosts.toString());
        SshSettings prod = request.getTargets().get(1).getSsh().orElseThrow();
        assertThat(prod.getPort()).isEqualTo(22);
        assertThat(prod.getProtocol()).isEqualTo(TransferProtocol.SFTP);
        assertThat(prod.getCiphers()).isEqualTo(SshSettings.DEFAULT_CIPHERS);
        assertThat(prod.getHostKey().getValue()).isEqualTo(TaskFiles.FINGERPRINT);
        assertThat(prod.getKey().getPassphrase().isEmpty()).isTrue();
        assertThat(request.getObjects()).extracting(Object::toString)
                .containsExactly("/myfolder/obj1 -> /yourfolder", "/ourfolder/obj2");
        SyncOptions options = request.getOptions();
        assertThat(options.getOnExisting()).isEqualTo(OnExisting.SKIP);
        assertThat(options.isKeepBackups()).isTrue();
        assertThat(options.isSaveReplaced()).isFalse();
        assertThat(options.getParallelism()).isEqualTo(2);
        assertThat(options.getTimeouts().getRead()).isEqualTo(Duration.ofMinutes(5));
        assertThat(options.getTimeouts().getConnect()).isEqualTo(Duration.ofMillis(500));
        assertThat(options.getTimeouts().getLockWait()).isZero();
        assertThat(options.getRetries()).isEqualTo(5);
        assertThat(options.isTakeOwnership()).isTrue();
        assertThat(options.isSuppressEvents()).isTrue();
        assertThat(options.isDryRun()).isFalse();
        assertThat(task.getBundleDir()).isEqualTo(dir.resolve("out/bundles"));
    }

    @Test
    void shouldKeepOnlyTheTargetsAskedForAndReadOnlyTheirSecrets() throws Exception {
        TaskFile task = TaskFile.read(writeFull());

        SyncRequest request = task.syncRequest(List.of("prod"), dir.resolve("b"), true,
                Map.of("ZOPE_PROD_PASSWORD", "p")::get);

        assertThat(request.getTargets()).extracting(Environment::getName).containsExactly("prod");
        assertThat(request.getOptions().isDryRun()).isTrue();
    }

    @Test
    void shouldRefuseAnOnlyTargetThatIsNotATargetOfTheTask() throws Exception {
        TaskFile task = TaskFile.read(writeFull());

        assertThatThrownBy(() -> task.syncRequest(List.of("dev"), dir.resolve("b"), false, ENV::get))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("--only dev: not a target of " + dir.resolve("task.yaml") + " (its targets: test, prod)");
    }

    @Test
    void shouldNameTheUnsetVariableAndItsLine() throws Exception {
        TaskFile task = TaskFile.read(writeFull());

        assertThatThrownBy(() -> task.syncRequest(List.of(), dir.resolve("b"), false,
                Map.of("ZOPE_TEST_PASSWORD", "t", "ZOPE_PROD_PASSWORD", "p")::get))
                .isInstanceOf(TaskFileException.class)
                .hasMessage(dir.resolve("task.yaml") + ":15: environments.test.ssh.passphraseEnv: environment"
                        + " variable SSH_KEY_PASSPHRASE (the SSH key passphrase of environment 'test') is not set");
    }

    @Test
    void shouldNameAMissingKeyFileAndItsLine() throws Exception {
        Path task = writeFull();
        Files.delete(dir.resolve("keys/id_test"));

        assertThatThrownBy(() -> TaskFile.read(task).syncRequest(List.of(), dir.resolve("b"), false, ENV::get))
                .isInstanceOf(TaskFileException.class)
                .hasMessage(task + ":14: environments.test.ssh.keyFile: the SSH key file does not exist: "
                        + dir.resolve("keys/id_test"));
    }

    @Test
    void shouldRefuseAKeyFileThatHoldsNoPrivateKeyWithoutShowingIt() throws Exception {
        Path task = writeFull();
        Files.writeString(dir.resolve("keys/id_test"), "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAA public-only");

        assertThatThrownBy(() -> TaskFile.read(task).syncRequest(List.of(), dir.resolve("b"), false, ENV::get))
                .isInstanceOf(TaskFileException.class)
                .hasMessageStartingWith(task + ":14: environments.test.ssh.keyFile: SSH private key is not in")
                .hasMessageNotContaining("AAAAC3");
    }

    @Test
    void shouldBuildAPushRequestForTheNamedTargets() throws Exception {
        TaskFile task = TaskFile.read(writeFull());

        PushRequest request = task.pushRequest(PushRequest.Mode.RESTORE, dir.resolve("b"), List.of("prod"),
                ENV::get);

        assertThat(request.getMode()).isEqualTo(PushRequest.Mode.RESTORE);
        assertThat(request.getTargets()).extracting(Environment::getName).containsExactly("prod");
        assertThat(request.getOptions().getOnExisting()).isEqualTo(OnExisting.SKIP);
    }

    @Test
    void shouldNameAnUnknownPushTarget() throws Exception {
        TaskFile task = TaskFile.read(writeFull());

        assertThatThrownBy(() -> task.pushRequest(PushRequest.Mode.PROMOTE, dir.resolve("b"), List.of("stage"),
                ENV::get)).isInstanceOf(InvalidInputException.class)
                .hasMessage("--target stage: no such environment in " + dir.resolve("task.yaml")
                        + " (it has: dev, test, prod)");
    }

    @Test
    void shouldAcceptATaskFileWithEnvironmentsOnlyForPushes() throws Exception {
        Path task = dir.resolve("envs.yaml");
        Files.writeString(task, FULL.substring(0, FULL.indexOf("source: dev")));

        TaskFile file = TaskFile.read(task);

        assertThat(file.getEnvironmentNames()).containsExactly("dev", "test", "prod");
        assertThat(file.getTargets()).isEmpty();
        assertThat(file.getBundleDir()).isEqualTo(dir.resolve("bundles"));
        assertThatThrownBy(() -> file.syncRequest(List.of(), dir, false, ENV::get))
                .hasMessage(task + ":1: 'source' is missing: the environment to export from");
    }

    @Test
    void shouldNameTheLineOfBrokenYaml() throws Exception {
        Path task = dir.resolve("broken.yaml");
        Files.writeString(task, "environments:\n  dev:\n    url: [unclosed\nsource: dev\n");

        assertThatThrownBy(() -> TaskFile.read(task)).isInstanceOf(TaskFileException.class)
                .hasMessage(task + ":4: not valid YAML: expected ',' or ']', but got : (while parsing a flow sequence"
                        + " from line 3)");
    }

    @Test
    void shouldNameAnEmptyOrMissingFile() throws Exception {
        Path empty = dir.resolve("empty.yaml");
        Files.writeString(empty, "# nothing\n");

        assertThatThrownBy(() -> TaskFile.read(empty)).hasMessage(empty + ":1: the task file is empty");
        assertThatThrownBy(() -> TaskFile.read(dir.resolve("none.yaml")))
                .hasMessage(dir.resolve("none.yaml") + ": no such task file");
    }
}
