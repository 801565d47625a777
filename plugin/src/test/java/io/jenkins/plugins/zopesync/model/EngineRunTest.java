package io.jenkins.plugins.zopesync.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.zopesync.core.ZopeSync;
import io.zopesync.core.kernel.SecretValue;
import io.zopesync.core.kernel.Timeouts;
import io.zopesync.core.model.Environment;
import io.zopesync.core.model.SyncListener;
import io.zopesync.core.result.SyncResult;
import io.zopesync.core.ssh.SshKey;
import io.zopesync.testkit.Sandbox;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The steps' path through the engine without Jenkins, against the testkit's sandbox: the configured values and
 * logins mapped to environments, a sync, its result as the Pipeline map and the build summary, the bundle's files for
 * archiving, then the promotion of a copy of that bundle (as the build's archive hands it back).
 */
class EngineRunTest {
    private static final Timeouts TIMEOUTS = Timeouts.defaults()
            .withConnect(Duration.ofSeconds(10))
            .withRead(Duration.ofSeconds(30))
            .withLockWait(Duration.ofSeconds(5));

    @TempDir
    Path dir;

    @Test
    @SuppressWarnings("unchecked")
    void shouldSyncToTestThenPromoteTheCopiedBundleToProd() throws Exception {
        try (Sandbox sandbox = Sandbox.start(dir.resolve("sandbox"))) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            LogSyncListener log =
                    new LogSyncListener(new PrintStream(bytes, true, StandardCharsets.UTF_8), System::nanoTime);
            Path bundle = dir.resolve("workspace/zope-sync/7");
            SyncStepRequest sync = SyncStepRequest.builder()
                    .source("dev")
                    .targets(List.of("test"))
                    .object("/myfolder/obj1", "/yourfolder")
                    .build();

            SyncResult result = EngineRun.run(
                    new ZopeSync(),
                    sync,
                    environment(sandbox, "dev"),
                    List.of(environment(sandbox, "test")),
                    TIMEOUTS,
                    "jenkins site #7",
                    bundle,
                    log);

            assertThat(result.isSuccess()).as(result.toJson()).isTrue();
            assertThat(sandbox.getSite("test").getZope().exists("/yourfolder/obj1"))
                    .isTrue();
            Map<String, Object> map = ResultMap.of(result, "zope-sync");
            Map<String, Object> test = (Map<String, Object>) ((Map<String, Object>) map.get("targets")).get("test");
            assertThat(test).containsEntry("outcome", "synced");
            assertThat((Map<String, Object>) test.get("objects")).containsEntry("/myfolder/obj1", "imported");
            assertThat(SyncSummary.of(result, "zope-sync")
                            .getRows()
                            .get(0)
                            .getCells()
                            .get(0)
                            .getOutcome())
                    .isEqualTo("imported");
            assertThat(EngineRun.exported(result, bundle)).isEmpty();
            Map<String, String> files = EngineRun.files(bundle);
            assertThat(files).containsKey("manifest.json");
            assertThat(files.values()).allMatch(md5 -> md5.matches("[0-9a-f]{32}"));
            String text = bytes.toString(StandardCharsets.UTF_8);
            assertThat(text).contains("[zope-sync] target test synced").doesNotContain(sandbox.getPassword());

            Path copy = dir.resolve("other-workspace/zope-sync/7-promote");
            copyWithoutReplaced(bundle, copy);
            SyncStepRequest promote = SyncStepRequest.builder()
                    .bundle("zope-sync")
                    .targets(List.of("prod"))
                    .build();

            SyncResult promoted = EngineRun.run(
                    new ZopeSync(),
                    promote,
                    null,
                    List.of(environment(sandbox, "prod")),
                    TIMEOUTS,
                    "jenkins site #7",
                    copy,
                    log);

            assertThat(promoted.isSuccess()).as(promoted.toJson()).isTrue();
            assertThat(promoted.kind()).isEqualTo("promote");
            assertThat(sandbox.getSite("prod").getZope().exists("/yourfolder/obj1"))
                    .isTrue();
        }
    }

    @Test
    void shouldOnlyExportWhenNoTargetIsGiven() throws Exception {
        try (Sandbox sandbox = Sandbox.start(dir.resolve("sandbox"))) {
            Path bundle = dir.resolve("workspace/zope-sync/8");
            SyncStepRequest export = SyncStepRequest.builder()
                    .source("dev")
                    .object("/ourfolder/obj2", null)
                    .build();

            SyncResult result = EngineRun.run(
                    new ZopeSync(),
                    export,
                    environment(sandbox, "dev"),
                    List.of(),
                    TIMEOUTS,
                    "jenkins site #8",
                    bundle,
                    SyncListener.NONE);

            assertThat(result.isSuccess()).as(result.toJson()).isTrue();
            assertThat(result.kind()).isEqualTo("export");
            assertThat(result.targets()).isEmpty();
            assertThat(EngineRun.files(bundle)).containsKey("manifest.json").hasSizeGreaterThan(1);
            assertThat(EngineRun.exported(result, bundle)).singleElement().satisfies(object -> {
                assertThat(object.getPath()).isEqualTo("/ourfolder/obj2");
                assertThat(object.getId()).isEqualTo("obj2");
                assertThat(object.getClassName()).isNotBlank();
                assertThat(object.getSha256()).hasSize(64);
                assertThat(object.getSha256Short()).isEqualTo(object.getSha256().substring(0, 12));
            });
            assertThat(sandbox.getSite("test").getZope().calls()).isEmpty();
            assertThat(ResultMap.of(result, "zope-sync"))
                    .containsEntry("success", true)
                    .containsEntry("targets", Map.of());
        }
    }

    @Test
    void shouldListNoFilesOfABundleThatWasNeverWritten() throws Exception {
        assertThat(EngineRun.files(dir.resolve("nothing"))).isEmpty();
    }

    private static Environment environment(Sandbox sandbox, String name) {
        Sandbox.Site site = sandbox.getSite(name);
        SshValues ssh = name.equals(Sandbox.MASTER)
                ? null
                : SshValues.builder("127.0.0.1", "ssh", sandbox.getSshServer().remotePath(site.getImportDir()))
                        .port(sandbox.getSshServer().getPort())
                        .hostKey(sandbox.getHostKey())
                        .build();
        ZopeLogin zope = new ZopeLogin(Sandbox.ZOPE_USER, SecretValue.of(sandbox.getPassword()));
        SshLogin login = new SshLogin(Sandbox.SSH_USER, SshKey.of(SecretValue.of(sandbox.getPrivateKey()), null));
        return EngineMapping.toEnvironment(
                EnvironmentValues.of(name, site.getUrl(), "zope", null, ssh), zope, ssh == null ? null : login);
    }

    private static void copyWithoutReplaced(Path from, Path to) throws IOException {
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path file : walk.filter(Files::isRegularFile).toList()) {
                Path relative = from.relativize(file);
                if (relative.startsWith("replaced")) {
                    continue;
                }
                Path target = to.resolve(relative);
                try {
                    Files.createDirectories(target.getParent());
                    Files.copy(file, target);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
    }
}
