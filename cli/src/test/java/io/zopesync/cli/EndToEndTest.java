package io.zopesync.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.zopesync.core.bundle.Bundle;
import io.zopesync.testkit.Sandbox;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every command that talks to servers, run in-process against Zope doubles behind embedded SSH servers. */
class EndToEndTest {
    private static final String NEW_OBJ2 = "<p>obj2, new version</p>";
    private static final String OLD_OBJ2 = "<p>obj2, old version</p>";

    @TempDir
    Path dir;

    private TestWorld world;
    private Path task;

    @BeforeEach
    void startWorld() throws Exception {
        world = TestWorld.start(dir);
        task = world.writeTask();
    }

    @AfterEach
    void stopWorld() {
        world.close();
    }

    private CliRun zopeSync(String... args) {
        return CliRun.run(new ZopeSyncCommand().withEnvironment(world.environment()), args);
    }

    private String content(String site, String path) {
        return new String(world.zope(site).getContent(path), StandardCharsets.UTF_8);
    }

    @Test
    void shouldSyncTheObjectsToEveryTarget() throws Exception {
        CliRun run = zopeSync("sync", task.toString());

        assertThat(run.exitCode).as(run.toString()).isZero();
        for (String site : List.of("test", "prod")) {
            assertThat(world.zope(site).exists("/yourfolder/obj1/index_html")).isTrue();
            assertThat(content(site, "/ourfolder/obj2")).isEqualTo(NEW_OBJ2);
        }
        assertThat(run.out).contains("All targets synced.", "test    /myfolder/obj1   /yourfolder  imported",
                "prod    /ourfolder/obj2  /ourfolder   replaced").doesNotContain("\r", "\u001B");
        assertThat(Files.exists(world.lastBundle().resolve("manifest.json"))).isTrue();
    }

    @Test
    void shouldChangeNothingInADryRun() {
        CliRun run = zopeSync("sync", task.toString(), "--dry-run");

        assertThat(run.exitCode).as(run.toString()).isZero();
        assertThat(run.out).contains("Dry run passed: nothing was changed.");
        assertThat(world.zope("test").exists("/yourfolder/obj1")).isFalse();
        assertThat(content("prod", "/ourfolder/obj2")).isEqualTo(OLD_OBJ2);
    }

    @Test
    void shouldSyncOnlyTheTargetAskedFor() {
        CliRun run = zopeSync("sync", task.toString(), "--only", "prod");

        assertThat(run.exitCode).as(run.toString()).isZero();
        assertThat(world.zope("prod").exists("/yourfolder/obj1")).isTrue();
        assertThat(world.zope("test").exists("/yourfolder/obj1")).isFalse();
    }

    @Test
    void shouldWriteTheJsonReportToStandardOutput() throws Exception {
        CliRun run = zopeSync("sync", task.toString(), "--json", "-");

        assertThat(run.exitCode).as(run.toString()).isZero();
        JsonNode report = new ObjectMapper().readTree(run.out);
        assertThat(report.get("success").asBoolean()).isTrue();
        assertThat(report.get("targets").get(1).get("target").asText()).isEqualTo("prod");
        assertThat(run.err).contains("All targets synced.");
    }

    @Test
    void shouldExitWithThreeWhenThePreflightFails() throws Exception {
        Files.writeString(task, Files.readString(task).replace("  - /ourfolder/obj2", "  - /ourfolder/missing"));

        CliRun run = zopeSync("sync", task.toString(), "--json", dir.resolve("report.json").toString());

        assertThat(run.exitCode).as(run.toString()).isEqualTo(ExitCodes.PREFLIGHT);
        assertThat(run.out).contains("The preflight found", "/ourfolder/missing", "Preflight failed.");
        assertThat(world.zope("test").exists("/yourfolder/obj1")).isFalse();
        assertThat(new ObjectMapper().readTree(dir.resolve("report.json").toFile()).get("problems").size())
                .isPositive();
    }

    @Test
    void shouldExitWithOneWhenATargetFailsAndLeaveItAsItWas() {
        world.zope("prod").failOn("manage_importObject", 2, 500);

        CliRun run = zopeSync("sync", task.toString());

        assertThat(run.exitCode).as(run.toString()).isEqualTo(ExitCodes.FAILED);
        assertThat(content("test", "/ourfolder/obj2")).isEqualTo(NEW_OBJ2);
        assertThat(world.zope("prod").exists("/yourfolder/obj1")).isFalse();
        assertThat(content("prod", "/ourfolder/obj2")).isEqualTo(OLD_OBJ2);
        assertThat(run.out).contains("1 of 2 targets failed.");
    }

    @Test
    void shouldExitWith130WhenInterruptedAndLeaveTheTargetAsItWas() throws Exception {
        world.zope("prod").delay(Duration.ofMillis(500));
        AtomicReference<CliRun> result = new AtomicReference<>();
        AtomicReference<Thread> runner = new AtomicReference<>();
        StringWriter out = new StringWriter() {
            @Override
            public void write(String text, int off, int len) {
                super.write(text, off, len);
                if (text.startsWith("Target prod", off)) {
                    runner.get().interrupt();
                }
            }
        };
        runner.set(new Thread(() -> result.set(CliRun.run(new ZopeSyncCommand().withEnvironment(world.environment()),
                out, "sync", task.toString())), "zope-sync-under-test"));

        runner.get().start();
        runner.get().join(60_000);

        assertThat(runner.get().isAlive()).as("the run ended").isFalse();
        assertThat(result.get().exitCode).as(result.get().toString()).isEqualTo(ExitCodes.INTERRUPTED);
        assertThat(result.get().out).contains("Interrupted");
        assertThat(world.zope("prod").exists("/yourfolder/obj1")).isFalse();
        assertThat(content("prod", "/ourfolder/obj2")).isEqualTo(OLD_OBJ2);
    }

    @Test
    void shouldPromoteABundleToAnotherTarget() throws Exception {
        assertThat(zopeSync("sync", task.toString(), "--only", "test").exitCode).isZero();
        Path bundle = world.lastBundle();

        CliRun verify = zopeSync("verify", bundle.toString());
        CliRun push = zopeSync("push", bundle.toString(), "--task", task.toString(), "--target", "prod");

        assertThat(verify.exitCode).as(verify.toString()).isZero();
        assertThat(verify.out).contains("/myfolder/obj1", "OFS.Folder.Folder", "All 2 file(s) match the manifest.");
        assertThat(push.exitCode).as(push.toString()).isZero();
        assertThat(content("prod", "/ourfolder/obj2")).isEqualTo(NEW_OBJ2);
        assertThat(world.zope("prod").exists("/yourfolder/obj1/index_html")).isTrue();
    }

    @Test
    void shouldExportWithoutContactingATargetThenPromoteTheBundle() throws Exception {
        CliRun export = zopeSync("export", task.toString());

        assertThat(export.exitCode).as(export.toString()).isZero();
        assertThat(export.out).contains("exported /myfolder/obj1", "Exported; promote the bundle");
        assertThat(world.zope("test").calls()).isEmpty();
        assertThat(world.zope("prod").calls()).isEmpty();
        Path bundle = world.lastBundle();

        CliRun push = zopeSync("push", bundle.toString(), "--task", task.toString(), "-t", "prod", "-t", "test");

        assertThat(push.exitCode).as(push.toString()).isZero();
        assertThat(content("prod", "/ourfolder/obj2")).isEqualTo(NEW_OBJ2);
        assertThat(world.zope("test").exists("/yourfolder/obj1/index_html")).isTrue();
    }

    @Test
    void shouldPushOnlyTheBundleWhoseManifestShaTheExportPrinted() throws Exception {
        CliRun export = zopeSync("export", task.toString(), "--json", dir.resolve("export.json").toString());
        assertThat(export.exitCode).as(export.toString()).isZero();
        Path bundle = world.lastBundle();
        String sha = Bundle.manifestSha256(bundle);
        assertThat(export.out).contains("Manifest SHA-256: " + sha, "push --expect-manifest " + sha);
        assertThat(new ObjectMapper().readTree(dir.resolve("export.json").toFile()).get("manifestSha256").asText())
                .isEqualTo(sha);
        CliRun verify = zopeSync("verify", bundle.toString(), "--expect-manifest", sha.toUpperCase());
        assertThat(verify.exitCode).as(verify.toString()).isZero();
        assertThat(verify.out).contains("Manifest SHA-256: " + sha + " (as expected)");

        // Someone with write access to the bundle sends an object to the root folder instead.
        Path manifest = bundle.resolve(Bundle.MANIFEST);
        Files.writeString(manifest, Files.readString(manifest).replace("\"targetFolder\" : \"/yourfolder\"",
                "\"targetFolder\" : \"/\""));
        CliRun tampered = zopeSync("push", bundle.toString(), "--task", task.toString(), "-t", "prod",
                "--expect-manifest", sha);
        CliRun tamperedVerify = zopeSync("verify", bundle.toString(), "--expect-manifest", sha);

        assertThat(tampered.exitCode).as(tampered.toString()).isEqualTo(ExitCodes.PREFLIGHT);
        assertThat(tampered.out).contains("but '" + sha + "' was expected: the manifest was changed");
        assertThat(tamperedVerify.exitCode).isEqualTo(ExitCodes.FAILED);
        assertThat(tamperedVerify.err).contains("was expected");
        assertThat(world.zope("prod").calls()).isEmpty();
        assertThat(world.zope("prod").exists("/obj1")).isFalse();
    }

    @Test
    void shouldRefuseAnExpectedManifestShaThatIsNoShaBeforeContactingAnything() throws Exception {
        assertThat(zopeSync("export", task.toString()).exitCode).isZero();
        Path bundle = world.lastBundle();
        for (String bad : List.of("", "abc", "g".repeat(64), Bundle.manifestSha256(bundle) + "0",
                "\u001B[2J" + "0".repeat(60))) {
            CliRun push = zopeSync("push", bundle.toString(), "--task", task.toString(), "-t", "prod",
                    "--expect-manifest", bad);

            assertThat(push.exitCode).as(push.toString()).isEqualTo(ExitCodes.USAGE);
            assertThat(push.err).contains("expected manifest SHA-256 must be 64 hexadecimal digits")
                    .doesNotContain("\u001B");
        }
        assertThat(world.zope("prod").calls()).isEmpty();
    }

    @Test
    void shouldRefuseToVerifyOrPushABundleWhoseFileIsASymbolicLink() throws Exception {
        assertThat(zopeSync("export", task.toString()).exitCode).isZero();
        Path bundle = world.lastBundle();
        Path file;
        try (var files = Files.list(bundle.resolve("objects"))) {
            file = files.sorted().findFirst().orElseThrow();
        }
        Files.createSymbolicLink(file, Files.move(file, dir.resolve("moved.zexp")));

        CliRun verify = zopeSync("verify", bundle.toString());
        CliRun push = zopeSync("push", bundle.toString(), "--task", task.toString(), "-t", "prod");

        assertThat(verify.exitCode).isEqualTo(ExitCodes.FAILED);
        assertThat(verify.err).contains(file.getFileName() + " is a symbolic link");
        assertThat(push.exitCode).isEqualTo(ExitCodes.PREFLIGHT);
        assertThat(push.out).contains("is a symbolic link");
        assertThat(world.zope("prod").calls()).isEmpty();
    }

    @Test
    void shouldExportFromAnotherEnvironmentAndExitWithThreeWhenItLacksAnObject() {
        CliRun run = zopeSync("export", task.toString(), "--source", "prod", "--json", "-");

        assertThat(run.exitCode).as(run.toString()).isEqualTo(ExitCodes.PREFLIGHT);
        assertThat(run.out).contains("\"kind\" : \"export\"", "\"source\" : \"prod\"");
        assertThat(run.err).contains("/myfolder/obj1", "Preflight failed.");
        assertThat(world.zope("dev").calls()).isEmpty();
    }

    @Test
    void shouldNameAnUnknownExportSource() {
        CliRun run = zopeSync("export", task.toString(), "--source", "stage");

        assertThat(run.exitCode).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err).isEqualTo("error: --source stage: no such environment in " + task
                + " (it has: dev, test, prod)\n");
    }

    @Test
    void shouldRestoreWhatASyncReplaced() throws Exception {
        assertThat(zopeSync("sync", task.toString(), "--only", "prod").exitCode).isZero();
        assertThat(content("prod", "/ourfolder/obj2")).isEqualTo(NEW_OBJ2);

        CliRun run = zopeSync("restore", world.lastBundle().toString(), "--task", task.toString(), "-t", "prod");

        assertThat(run.exitCode).as(run.toString()).isZero();
        assertThat(content("prod", "/ourfolder/obj2")).isEqualTo(OLD_OBJ2);
    }

    @Test
    void shouldRestoreTwiceWhatTheSyncReplacedAndSayWhichRunItUndoes() throws Exception {
        CliRun sync = zopeSync("sync", task.toString(), "--only", "prod", "--json", dir.resolve("sync.json").toString());
        assertThat(sync.exitCode).as(sync.toString()).isZero();
        String runId = new ObjectMapper().readTree(dir.resolve("sync.json").toFile()).get("runId").asText();
        Path bundle = world.lastBundle();

        for (int i = 0; i < 2; i++) {
            CliRun run = zopeSync("restore", bundle.toString(), "--task", task.toString(), "-t", "prod");

            assertThat(run.exitCode).as(run.toString()).isZero();
            assertThat(run.out).contains("target 'prod': putting back what run " + runId + " replaced",
                    "Restored what run " + runId + " replaced.");
            assertThat(content("prod", "/ourfolder/obj2")).isEqualTo(OLD_OBJ2);
        }
        CliRun list = zopeSync("restore", bundle.toString(), "--list");

        assertThat(list.exitCode).as(list.toString()).isZero();
        assertThat(list.out).contains("TARGET", "MADE BY", runId, "sync or push", "restore of " + runId);
        assertThat(list.out.lines().filter(line -> line.startsWith("prod"))).hasSize(3);
    }

    @Test
    void shouldAskWhichPushToUndoAfterALaterPushAndUndoTheNamedOne() throws Exception {
        assertThat(zopeSync("sync", task.toString(), "--only", "prod", "--json", dir.resolve("sync.json").toString())
                .exitCode).isZero();
        String firstRun = new ObjectMapper().readTree(dir.resolve("sync.json").toFile()).get("runId").asText();
        Path bundle = world.lastBundle();
        assertThat(zopeSync("push", bundle.toString(), "--task", task.toString(), "-t", "prod").exitCode).isZero();
        int callsBefore = world.zope("prod").calls().size();

        CliRun ambiguous = zopeSync("restore", bundle.toString(), "--task", task.toString(), "-t", "prod");

        assertThat(ambiguous.exitCode).as(ambiguous.toString()).isEqualTo(ExitCodes.PREFLIGHT);
        assertThat(ambiguous.out).contains("holds what 2 pushes replaced on target 'prod'", firstRun,
                "name the push to undo");
        assertThat(world.zope("prod").calls()).hasSize(callsBefore);
        assertThat(content("prod", "/ourfolder/obj2")).isEqualTo(NEW_OBJ2);

        CliRun named = zopeSync("restore", bundle.toString(), "--task", task.toString(), "-t", "prod", "--push",
                firstRun);

        assertThat(named.exitCode).as(named.toString()).isZero();
        assertThat(named.out).contains("Restored what run " + firstRun + " replaced.");
        assertThat(content("prod", "/ourfolder/obj2")).isEqualTo(OLD_OBJ2);
    }

    @Test
    void shouldRefuseABadRestoreRequestBeforeContactingAnything() throws Exception {
        assertThat(zopeSync("sync", task.toString(), "--only", "prod").exitCode).isZero();
        Path bundle = world.lastBundle();
        int callsBefore = world.zope("prod").calls().size();

        CliRun unknownRun = zopeSync("restore", bundle.toString(), "--task", task.toString(), "-t", "prod",
                "--push", "20200101-000000-0000");
        CliRun badRun = zopeSync("restore", bundle.toString(), "--task", task.toString(), "-t", "prod", "--push",
                "../../etc");
        CliRun noTask = zopeSync("restore", bundle.toString(), "-t", "prod");
        CliRun noTarget = zopeSync("restore", bundle.toString(), "--task", task.toString());
        CliRun nothing = zopeSync("restore", bundle.toString(), "--task", task.toString(), "-t", "test");
        CliRun listOther = zopeSync("restore", bundle.toString(), "--list", "-t", "test");

        assertThat(unknownRun.exitCode).isEqualTo(ExitCodes.PREFLIGHT);
        assertThat(unknownRun.out).contains("holds nothing that run '20200101-000000-0000' replaced on target"
                + " 'prod'; it holds what these runs replaced: ");
        assertThat(badRun.exitCode).isEqualTo(ExitCodes.USAGE);
        assertThat(badRun.err).contains("run id to undo must be of letters, digits and '-'", "'../../etc'");
        assertThat(noTask.exitCode).isEqualTo(ExitCodes.USAGE);
        assertThat(noTask.err).contains("missing --task FILE");
        assertThat(noTarget.exitCode).isEqualTo(ExitCodes.USAGE);
        assertThat(noTarget.err).contains("missing --target TARGET");
        assertThat(nothing.exitCode).isEqualTo(ExitCodes.PREFLIGHT);
        assertThat(nothing.out).contains("holds no replaced objects of target 'test' (nothing to restore)");
        assertThat(listOther.exitCode).isZero();
        assertThat(listOther.out).contains("holds no replaced objects of test: nothing to restore.");
        assertThat(world.zope("prod").calls()).hasSize(callsBefore);
        assertThat(world.zope("test").calls()).isEmpty();
    }

    @Test
    void shouldInspectAFileOfTheBundle() throws Exception {
        assertThat(zopeSync("sync", task.toString(), "--only", "test").exitCode).isZero();
        Path file;
        try (var files = Files.list(world.lastBundle().resolve("objects"))) {
            file = files.sorted().findFirst().orElseThrow();
        }

        CliRun run = zopeSync("inspect", file.toString());

        assertThat(run.exitCode).as(run.toString()).isZero();
        assertThat(run.out).contains("root       OFS.Folder.Folder 'obj1'");
    }

    @Test
    void shouldShowEachStepWhenVerboseButNoSecret() throws Exception {
        CliRun run = zopeSync("sync", task.toString(), "--verbose");

        assertThat(run.exitCode).as(run.toString()).isZero();
        assertThat(run.out).contains("debug: ");
        assertThat(run.out + run.err).doesNotContain(world.sandbox.getPassword(),
                world.sandbox.getPrivateKey().lines().skip(1).findFirst().orElseThrow());
    }

    @Test
    void shouldRunTheConvertedZupdateSampleWithTheSandboxsAddresses() throws Exception {
        Path python = dir.resolve("zupdate.py");
        Files.writeString(python, ZupdateConverterTest.sample());
        Path converted = dir.resolve("converted.yaml");
        assertThat(zopeSync("convert-zupdate", python.toString(), "-o", converted.toString()).exitCode).isZero();
        Path knownHosts = dir.resolve("known_hosts");
        Files.writeString(knownHosts, world.sandbox.getSshServer().getKnownHostsLine() + "\n");
        int sshPort = world.sandbox.getSshServer().getPort();
        Sandbox.Site test = world.sandbox.getSite("test");
        Sandbox.Site prod = world.sandbox.getSite("prod");
        String yaml = Files.readString(converted)
                .replace("http://localhost:8080", world.sandbox.getSite("dev").getUrl())
                .replace("http://test1.zopecentral.org:8080", test.getUrl())
                .replace("http://www.zopecentral.org:80", prod.getUrl())
                .replaceAll("username: (adm|Administrator1|Almighty)\n", "username: " + Sandbox.ZOPE_USER + "\n")
                .replaceAll("host: (test1|www).zopecentral.org\n      port: 22\n      user: (testuser|zopeuser)\n",
                        "host: 127.0.0.1\n      port: " + sshPort + "\n      user: " + Sandbox.SSH_USER + "\n")
                .replace("keyFile: ~/.ssh/id_ed25519", "keyFile: " + world.keyFile)
                .replace("knownHosts: ~/.ssh/known_hosts", "knownHosts: " + knownHosts)
                .replaceFirst("/ZOPE/Zope-2.3.1b2-linux2-x86/import", test.getImportDir().toString())
                .replaceFirst("/ZOPE/Zope-2.3.1b2-linux2-x86/import", prod.getImportDir().toString());
        Files.writeString(converted, yaml);
        String password = world.sandbox.getPassword();

        CliRun run = CliRun.run(new ZopeSyncCommand().withEnvironment(Map.of("ZOPE_SOURCE_PASSWORD", password,
                "ZOPE_TEST1_PASSWORD", password, "ZOPE_WWW_PASSWORD", password)), "sync", converted.toString());

        assertThat(run.exitCode).as(run.toString()).isZero();
        for (String site : List.of("test", "prod")) {
            assertThat(world.zope(site).exists("/yourfolder/obj1/index_html")).isTrue();
            assertThat(content(site, "/ourfolder/obj2")).isEqualTo(NEW_OBJ2);
        }
        assertThat(run.out).contains("test1: synced", "www: synced");
    }

    @Test
    void shouldExitWithTwoWhenAPasswordIsNotSetAndContactNothing() {
        CliRun run = CliRun.run(new ZopeSyncCommand().withEnvironment(Map.of("ZOPE_DEV_PASSWORD", "x")),
                "sync", task.toString());

        assertThat(run.exitCode).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err).contains("task.yaml:9: environments.test.passwordEnv: environment variable"
                + " ZOPE_TEST_PASSWORD");
        assertThat(world.zope("dev").calls()).isEmpty();
    }

    @Test
    void shouldCheckEveryEnvironmentsConnectionsAndChangeNothing() {
        CliRun run = zopeSync("check", task.toString());

        assertThat(run.exitCode).as(run.toString()).isZero();
        assertThat(run.out.lines().filter(line -> line.matches("(dev|test|prod) .*\\bok$"))).hasSize(1 + 5 + 5);
        assertThat(run.out).contains("prod         SSH host key", "prod         import directory");
        assertThat(world.zope("prod").exists("/yourfolder/obj1")).isFalse();
        assertThat(content("prod", "/ourfolder/obj2")).isEqualTo(OLD_OBJ2);
    }

    @Test
    void shouldNameTheStepThatFailedAndExitWithThree() {
        Map<String, String> variables = new java.util.HashMap<>(world.environment());
        variables.put("ZOPE_PROD_PASSWORD", "wrong");
        CliRun run = CliRun.run(new ZopeSyncCommand().withEnvironment(variables), "check", task.toString(),
                "--only", "prod", "--only", "dev");

        assertThat(run.exitCode).as(run.toString()).isEqualTo(ExitCodes.PREFLIGHT);
        assertThat(run.out).containsPattern("prod +Zope login +FAILED: .*prod")
                .containsPattern("prod +SSH login +ok").containsPattern("dev +Zope login +ok")
                .doesNotContain("wrong");
        assertThat(run.out.indexOf("prod ")).isLessThan(run.out.indexOf("dev "));
    }

    @Test
    void shouldRefuseToCheckAnEnvironmentTheTaskFileDoesNotName() {
        CliRun run = zopeSync("check", task.toString(), "--only", "staging");

        assertThat(run.exitCode).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err).contains("--only staging: no such environment");
        assertThat(world.zope("dev").calls()).isEmpty();
    }
}
