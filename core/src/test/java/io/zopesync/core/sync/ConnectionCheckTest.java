package io.zopesync.core.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.zopesync.core.ZopeSync;
import io.zopesync.core.kernel.SecretValue;
import io.zopesync.core.kernel.Timeouts;
import io.zopesync.core.model.Environment;
import io.zopesync.core.result.ConnectionCheck;
import io.zopesync.core.result.ConnectionCheck.Status;
import io.zopesync.core.result.ConnectionCheck.Step;
import io.zopesync.core.result.ConnectionReport;
import io.zopesync.core.ssh.HostKeyPolicy;
import io.zopesync.core.ssh.SshKey;
import io.zopesync.core.ssh.SshSettings;
import io.zopesync.core.zope.ZopeServer;
import io.zopesync.testkit.Sandbox;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link ZopeSync#checkConnection}: which step passed, failed or did not run, against the sandbox. */
class ConnectionCheckTest {
    private static final Timeouts FAST = Timeouts.defaults().withConnect(Duration.ofSeconds(5))
            .withRead(Duration.ofSeconds(5));

    @TempDir
    static Path dir;

    private static Sandbox sandbox;
    private final ZopeSync engine = new ZopeSync();

    @BeforeAll
    static void startSandbox() {
        sandbox = Sandbox.start(dir.resolve("sandbox"));
    }

    @AfterAll
    static void stopSandbox() {
        sandbox.close();
    }

    private static Environment prod(UnaryOperator<SshSettings.Builder> change) {
        Sandbox.Site site = sandbox.getSite("prod");
        ZopeServer zope = ZopeServer.of("prod", site.getUrl(), Sandbox.ZOPE_USER, SecretValue.of(sandbox.getPassword()));
        SshSettings.Builder ssh = SshSettings.builder("prod", "127.0.0.1").port(sandbox.getSshServer().getPort())
                .username(Sandbox.SSH_USER).key(SshKey.of(SecretValue.of(sandbox.getPrivateKey()), null))
                .hostKey(HostKeyPolicy.pinned(sandbox.getHostKey())).importDir(site.getImportDir().toString());
        return Environment.of("prod", zope, change.apply(ssh).build());
    }

    private static List<Status> statuses(ConnectionReport report) {
        return report.getChecks().stream().map(ConnectionCheck::getStatus).toList();
    }

    @Test
    void shouldPassEveryStepOfAReachableTargetAndLeaveNothingBehind() throws IOException {
        ConnectionReport report = engine.checkConnection(prod(UnaryOperator.identity()), FAST);

        assertThat(report.getChecks()).extracting(ConnectionCheck::getStep).containsExactly(Step.ZOPE_LOGIN,
                Step.SSH_CONNECT, Step.SSH_HOST_KEY, Step.SSH_LOGIN, Step.IMPORT_DIRECTORY);
        assertThat(statuses(report)).containsOnly(Status.PASSED);
        assertThat(report.isSuccess()).isTrue();
        try (java.util.stream.Stream<Path> files = java.nio.file.Files.list(sandbox.getSite("prod").getImportDir())) {
            assertThat(files).isEmpty();
        }
    }

    @Test
    void shouldCheckOnlyTheZopeLoginOfASource() {
        Sandbox.Site site = sandbox.getSite("dev");
        Environment dev = Environment.of("dev", ZopeServer.of("dev", site.getUrl(), Sandbox.ZOPE_USER,
                SecretValue.of(sandbox.getPassword())), null);

        assertThat(engine.checkConnection(dev, FAST).getChecks())
                .containsExactly(ConnectionCheck.passed(Step.ZOPE_LOGIN));
    }

    @Test
    void shouldFailTheZopeLoginWithAWrongPasswordAndStillCheckSsh() {
        Environment prod = prod(UnaryOperator.identity());
        Environment wrong = Environment.of("prod", ZopeServer.of("prod", prod.getZope().getUrl().toString(), Sandbox.ZOPE_USER,
                SecretValue.of("not-the-password")), prod.getSsh().orElseThrow());

        ConnectionReport report = engine.checkConnection(wrong, FAST);

        assertThat(statuses(report)).containsExactly(Status.FAILED, Status.PASSED, Status.PASSED, Status.PASSED,
                Status.PASSED);
        assertThat(report.getFailure().orElseThrow().getMessage()).contains("prod").doesNotContain("not-the-password");
    }

    @Test
    void shouldFailTheHostKeyStepForAnotherKeyAndNotLogIn() {
        ConnectionReport report = engine.checkConnection(prod(ssh -> ssh.hostKey(
                HostKeyPolicy.pinned("SHA256:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"))), FAST);

        assertThat(statuses(report)).containsExactly(Status.PASSED, Status.PASSED, Status.FAILED, Status.NOT_RUN,
                Status.NOT_RUN);
        assertThat(report.getFailure().orElseThrow().getStep()).isEqualTo(Step.SSH_HOST_KEY);
    }

    @Test
    void shouldWarnAtTheHostKeyStepWhenAnyKeyIsAccepted() {
        ConnectionReport report = engine.checkConnection(prod(ssh -> ssh.hostKey(HostKeyPolicy.acceptAny())), FAST);

        assertThat(report.isSuccess()).isTrue();
        assertThat(report.getChecks().get(2).getStatus()).isEqualTo(Status.WARNING);
        assertThat(report.getWarnings()).singleElement().asString().contains("host key checking is off");
    }

    @Test
    void shouldFailTheLoginStepWhenTheUserIsRefused() {
        ConnectionReport report = engine.checkConnection(prod(ssh -> ssh.username("nobody")), FAST);

        assertThat(statuses(report)).containsExactly(Status.PASSED, Status.PASSED, Status.PASSED, Status.FAILED,
                Status.NOT_RUN);
        assertThat(report.getFailure().orElseThrow().getMessage()).contains("nobody");
    }

    @Test
    void shouldFailTheLoginStepForAKeyThatCannotBeReadWithoutConnecting() {
        ConnectionReport report = engine.checkConnection(prod(ssh -> ssh.key(SshKey.of(SecretValue.of(
                "-----BEGIN OPENSSH PRIVATE KEY-----\nx\n-----END OPENSSH PRIVATE KEY-----"), null))), FAST);

        assertThat(statuses(report)).containsExactly(Status.PASSED, Status.NOT_RUN, Status.NOT_RUN, Status.FAILED,
                Status.NOT_RUN);
    }

    @Test
    void shouldFailTheImportDirectoryStepForAMissingDirectory() {
        String missing = sandbox.getSite("prod").getImportDir().resolve("missing").toString();

        ConnectionReport report = engine.checkConnection(prod(ssh -> ssh.importDir(missing)), FAST);

        assertThat(statuses(report)).containsExactly(Status.PASSED, Status.PASSED, Status.PASSED, Status.PASSED,
                Status.FAILED);
        assertThat(report.getFailure().orElseThrow().getMessage()).contains("missing");
    }

    @Test
    void shouldFailTheConnectStepWhenNothingListens() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        int closed = port;

        ConnectionReport report = engine.checkConnection(prod(ssh -> ssh.port(closed)), FAST);

        assertThat(statuses(report)).containsExactly(Status.PASSED, Status.FAILED, Status.NOT_RUN, Status.NOT_RUN,
                Status.NOT_RUN);
        assertThat(report.getFailure().orElseThrow().getMessage()).contains("127.0.0.1:" + closed);
    }
}
