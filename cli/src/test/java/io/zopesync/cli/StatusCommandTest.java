package io.zopesync.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code zope-sync status}: the table, the JSON, the exit codes, and text from servers shown safely. */
class StatusCommandTest {
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
    void shouldSayWhatZopeSyncNeverPushedAndExitWithOne() {
        CliRun run = zopeSync("status", "--no-progress", task.toString());

        assertThat(run.exitCode).as(run.toString()).isEqualTo(1);
        assertThat(run.out).contains("OBJECT", "TEST", "PROD", "/myfolder/obj1   missing  missing",
                "/ourfolder/obj2  missing  unknown", "prod /ourfolder/obj2: zope-sync has no record of pushing it");
    }

    @Test
    void shouldBeInSyncAfterASyncAndShowDriftAfterAnEditOnATarget() throws Exception {
        assertThat(zopeSync("sync", "--no-progress", task.toString()).exitCode).isZero();

        CliRun inSync = zopeSync("status", "--no-progress", task.toString());
        assertThat(inSync.exitCode).as(inSync.toString()).isZero();
        assertThat(inSync.out).contains("/myfolder/obj1   in sync  in sync",
                "Every object is in sync on every target.");

        world.zope("prod").setContent("/ourfolder/obj2", "<p>edited on prod by hand</p>"
                .getBytes(StandardCharsets.UTF_8));
        world.zope("test").addDocument("/yourfolder/obj1/extra", "<p>added on test</p>");
        CliRun drift = zopeSync("status", "--no-progress", "--json", "-", task.toString());

        assertThat(drift.exitCode).as(drift.toString()).isEqualTo(1);
        JsonNode json = new ObjectMapper().readTree(drift.out);
        assertThat(json.get("drift").asBoolean()).isTrue();
        assertThat(json.get("inSync").asBoolean()).isFalse();
        assertThat(json.at("/targets/1/objects/1/state").asText()).isEqualTo("changed on target");
        assertThat(json.at("/targets/0/objects/0/onlyOnTarget/0").asText()).isEqualTo("extra");
        assertThat(drift.err).contains("changed on target", "test /yourfolder/obj1: only on the target: extra",
                "some were changed on a target by hand");
    }

    @Test
    void shouldShowADiffOfWhatWasChangedByHandWithDiff() {
        assertThat(zopeSync("sync", "--no-progress", task.toString()).exitCode).isZero();
        world.zope("prod").setContent("/ourfolder/obj2", "<p>edited on prod \u001b[31mby hand</p>"
                .getBytes(StandardCharsets.UTF_8));

        CliRun run = zopeSync("status", "--no-progress", "--diff", task.toString());

        assertThat(run.exitCode).as(run.toString()).isEqualTo(1);
        assertThat(run.out).contains("prod /ourfolder/obj2:", "(the object itself): changed",
                "--- dev:/ourfolder/obj2 (raw)", "+++ prod:/ourfolder/obj2 (raw)",
                "+<p>edited on prod \\x1b[31mby hand</p>").doesNotContain("\u001b[31m");
    }

    @Test
    void shouldShowControlAndDirectionCharactersFromServersEscaped() {
        // Zope refuses such ids, but the names come from whatever answers at the target's URL.
        assertThat(SafeText.escape("x\u001b]0;pwned\u0007 \u202Eevil \u2066a\r\nb\u200B\u0085"))
                .isEqualTo("x\\x1b]0;pwned\\x07 \\u202eevil \\u2066a\\x0d\\x0ab\\u200b\\x85");
        assertThat(SafeText.escape("/site/caf\u00e9 page \uD83D\uDE00")).isEqualTo("/site/caf\u00e9 page \uD83D\uDE00");
        assertThat(SafeText.escape("lone \uD800 surrogate")).isEqualTo("lone \\ud800 surrogate");
    }

    @Test
    void shouldExitWithThreeWhenATargetCannotBeReached() {
        world.sandbox.getSite("prod").getZope().close();

        CliRun run = zopeSync("status", "--no-progress", task.toString());

        assertThat(run.exitCode).as(run.toString()).isEqualTo(3);
        assertThat(run.out).contains("prod: ", "The status is incomplete");
    }
}
