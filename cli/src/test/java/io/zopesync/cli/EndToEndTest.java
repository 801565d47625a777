package io.zopesync.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.zopesync.testkit.zope.ZopeDouble;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every command that talks to servers, run in-process against Zope doubles behind embedded SSH servers. */
class EndToEndTest {
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

    @Test
    void shouldSyncTheObjectsToEveryTarget() throws Exception {
        CliRun run = zopeSync("sync", task.toString());

        assertThat(run.exitCode).as(run.toString()).isZero();
        for (ZopeDouble zope : new ZopeDouble[] {world.test, world.www}) {
            assertThat(zope.exists("/yourfolder/obj1/index_html")).isTrue();
            assertThat(new String(zope.getContent("/ourfolder/obj2"))).isEqualTo("obj2 from the master");
        }
        assertThat(run.out).contains("All targets synced.", "test    /myfolder/obj1   /yourfolder  imported")
                .doesNotContain("\r", "\u001B");
        assertThat(Files.exists(world.lastBundle().resolve("manifest.json"))).isTrue();
    }

    @Test
    void shouldChangeNothingInADryRun() {
        CliRun run = zopeSync("sync", task.toString(), "--dry-run");

        assertThat(run.exitCode).as(run.toString()).isZero();
        assertThat(run.out).contains("Dry run passed: nothing was changed.");
        assertThat(world.test.exists("/yourfolder/obj1")).isFalse();
        assertThat(world.www.exists("/ourfolder/obj2")).isFalse();
    }

    @Test
    void shouldSyncOnlyTheTargetAskedFor() {
        CliRun run = zopeSync("sync", task.toString(), "--only", "www");

        assertThat(run.exitCode).as(run.toString()).isZero();
        assertThat(world.www.exists("/yourfolder/obj1")).isTrue();
        assertThat(world.test.exists("/yourfolder/obj1")).isFalse();
    }

    @Test
    void shouldWriteTheJsonReportToStandardOutput() throws Exception {
        CliRun run = zopeSync("sync", task.toString(), "--json", "-");

        assertThat(run.exitCode).as(run.toString()).isZero();
        JsonNode report = new ObjectMapper().readTree(run.out);
        assertThat(report.get("success").asBoolean()).isTrue();
        assertThat(report.get("targets").get(1).get("target").asText()).isEqualTo("www");
        assertThat(run.err).contains("All targets synced.");
    }

    @Test
    void shouldExitWithThreeWhenThePreflightFails() throws Exception {
        Files.writeString(task, Files.readString(task).replace("  - /ourfolder/obj2", "  - /ourfolder/missing"));

        CliRun run = zopeSync("sync", task.toString(), "--json", dir.resolve("report.json").toString());

        assertThat(run.exitCode).as(run.toString()).isEqualTo(ExitCodes.PREFLIGHT);
        assertThat(run.out).contains("The preflight found", "/ourfolder/missing", "Preflight failed.");
        assertThat(world.test.exists("/yourfolder/obj1")).isFalse();
        assertThat(new ObjectMapper().readTree(dir.resolve("report.json").toFile()).get("problems").size())
                .isPositive();
    }

    @Test
    void shouldExitWithOneWhenATargetFailsAndLeaveItAsItWas() {
        world.www.failOn("manage_importObject", 2, 500);

        CliRun run = zopeSync("sync", task.toString());

        assertThat(run.exitCode).as(run.toString()).isEqualTo(ExitCodes.FAILED);
        assertThat(world.test.exists("/ourfolder/obj2")).isTrue();
        assertThat(world.www.exists("/yourfolder/obj1")).isFalse();
        assertThat(world.www.exists("/ourfolder/obj2")).isFalse();
        assertThat(run.out).contains("1 of 2 targets failed.");
    }

    @Test
    void shouldPromoteABundleToAnotherTarget() throws Exception {
        assertThat(zopeSync("sync", task.toString(), "--only", "test").exitCode).isZero();
        Path bundle = world.lastBundle();

        CliRun verify = zopeSync("verify", bundle.toString());
        CliRun push = zopeSync("push", bundle.toString(), "--task", task.toString(), "--target", "www");

        assertThat(verify.exitCode).as(verify.toString()).isZero();
        assertThat(verify.out).contains("/myfolder/obj1", "OFS.Folder.Folder", "All 2 file(s) match the manifest.");
        assertThat(push.exitCode).as(push.toString()).isZero();
        assertThat(world.www.exportSha256("/ourfolder/obj2")).isEqualTo(world.test.exportSha256("/ourfolder/obj2"));
        assertThat(world.www.exists("/yourfolder/obj1/index_html")).isTrue();
    }

    @Test
    void shouldRestoreWhatASyncReplaced() throws Exception {
        world.test.addDocument("/ourfolder/obj2", "obj2 as it was on test");
        assertThat(zopeSync("sync", task.toString(), "--only", "test").exitCode).isZero();
        assertThat(new String(world.test.getContent("/ourfolder/obj2"))).isEqualTo("obj2 from the master");

        CliRun run = zopeSync("restore", world.lastBundle().toString(), "--task", task.toString(), "-t", "test");

        assertThat(run.exitCode).as(run.toString()).isZero();
        assertThat(new String(world.test.getContent("/ourfolder/obj2"))).isEqualTo("obj2 as it was on test");
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
        assertThat(run.out + run.err).doesNotContain(TestWorld.DEV_PASSWORD, TestWorld.TEST_PASSWORD,
                TestWorld.WWW_PASSWORD, world.key.getPrivateKey().lines().skip(1).findFirst().orElseThrow());
    }

    @Test
    void shouldRunTheConvertedZupdateSampleWithTheSandboxsAddresses() throws Exception {
        Path python = dir.resolve("zupdate.py");
        Files.writeString(python, ZupdateConverterTest.sample());
        Path converted = dir.resolve("converted.yaml");
        assertThat(zopeSync("convert-zupdate", python.toString(), "-o", converted.toString()).exitCode).isZero();
        Path knownHosts = dir.resolve("known_hosts");
        Files.writeString(knownHosts, world.testSsh.getKnownHostsLine() + "\n" + world.wwwSsh.getKnownHostsLine()
                + "\n");
        String yaml = Files.readString(converted)
                .replace("http://localhost:8080", world.master.getUrl())
                .replace("http://test1.zopecentral.org:8080", world.test.getUrl())
                .replace("http://www.zopecentral.org:80", world.www.getUrl())
                .replace("host: test1.zopecentral.org\n      port: 22",
                        "host: 127.0.0.1\n      port: " + world.testSsh.getPort())
                .replace("host: www.zopecentral.org\n      port: 22",
                        "host: 127.0.0.1\n      port: " + world.wwwSsh.getPort())
                .replace("keyFile: ~/.ssh/id_ed25519", "keyFile: " + world.keyFile)
                .replace("knownHosts: ~/.ssh/known_hosts", "knownHosts: " + knownHosts)
                .replaceFirst("/ZOPE/Zope-2.3.1b2-linux2-x86/import", world.test.getImportDirectory().toString())
                .replaceFirst("/ZOPE/Zope-2.3.1b2-linux2-x86/import", world.www.getImportDirectory().toString());
        Files.writeString(converted, yaml);

        CliRun run = CliRun.run(new ZopeSyncCommand().withEnvironment(Map.of(
                "ZOPE_SOURCE_PASSWORD", TestWorld.DEV_PASSWORD, "ZOPE_TEST1_PASSWORD", TestWorld.TEST_PASSWORD,
                "ZOPE_WWW_PASSWORD", TestWorld.WWW_PASSWORD)), "sync", converted.toString());

        assertThat(run.exitCode).as(run.toString()).isZero();
        for (ZopeDouble zope : new ZopeDouble[] {world.test, world.www}) {
            assertThat(zope.exists("/yourfolder/obj1/index_html")).isTrue();
            assertThat(zope.exists("/ourfolder/obj2")).isTrue();
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
        assertThat(world.master.calls()).isEmpty();
    }
}
