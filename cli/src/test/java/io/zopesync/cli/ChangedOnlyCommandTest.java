package io.zopesync.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code zope-sync sync --changed-only} and {@code --on-drift}, and the task file's keys for them. */
class ChangedOnlyCommandTest {
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
    void shouldLeaveWhatIsInSyncAloneAndRefuseDriftUntilToldToOverwrite() {
        assertThat(zopeSync("sync", "--no-progress", task.toString()).exitCode).isZero();

        CliRun unchanged = zopeSync("sync", "--no-progress", "--changed-only", task.toString());
        assertThat(unchanged.exitCode).as(unchanged.toString()).isZero();
        assertThat(unchanged.out).contains("unchanged").doesNotContain("replaced");

        world.zope("prod").setContent("/ourfolder/obj2", "<p>edited on prod by hand</p>"
                .getBytes(StandardCharsets.UTF_8));
        CliRun refused = zopeSync("sync", "--no-progress", "--changed-only", task.toString());
        assertThat(refused.exitCode).as(refused.toString()).isEqualTo(1);
        assertThat(refused.out + refused.err).contains("changed on the target by hand", "/ourfolder/obj2",
                "on-drift is 'refuse'");
        assertThat(world.zope("prod").getContent("/ourfolder/obj2"))
                .isEqualTo("<p>edited on prod by hand</p>".getBytes(StandardCharsets.UTF_8));

        CliRun overwritten = zopeSync("sync", "--no-progress", "--changed-only", "--on-drift", "overwrite",
                task.toString());
        assertThat(overwritten.exitCode).as(overwritten.toString()).isZero();
        assertThat(overwritten.out).contains("replaced", "unchanged");
        assertThat(world.zope("prod").getContent("/ourfolder/obj2"))
                .isEqualTo(world.zope("dev").getContent("/ourfolder/obj2"));
    }

    @Test
    void shouldTakeChangedOnlyAndOnDriftFromTheTaskFile() throws Exception {
        assertThat(zopeSync("sync", "--no-progress", task.toString()).exitCode).isZero();
        Files.writeString(task, Files.readString(task) + "  changedOnly: true\n  onDrift: overwrite\n");
        world.zope("test").setContent("/ourfolder/obj2", "<p>edited on test by hand</p>"
                .getBytes(StandardCharsets.UTF_8));

        CliRun run = zopeSync("sync", "--no-progress", task.toString());

        assertThat(run.exitCode).as(run.toString()).isZero();
        assertThat(run.out).contains("unchanged", "replaced");
    }

    @Test
    void shouldRefuseABadDriftPolicyNamingItBeforeAnythingIsContacted() throws Exception {
        world.zope("dev").clearCalls();
        CliRun option = zopeSync("sync", "--no-progress", "--changed-only", "--on-drift", "ignore", task.toString());
        assertThat(option.exitCode).as(option.toString()).isEqualTo(2);
        assertThat(option.err).contains("on-drift must be refuse or overwrite: 'ignore'");

        Files.writeString(task, Files.readString(task) + "  onDrift: sometimes\n");
        CliRun file = zopeSync("sync", "--no-progress", task.toString());
        assertThat(file.exitCode).as(file.toString()).isEqualTo(2);
        assertThat(file.err).contains("onDrift", "sometimes");

        Files.writeString(task, Files.readString(task).replace("  onDrift: sometimes\n",
                "  onExisting: skip\n  changedOnly: true\n"));
        CliRun skip = zopeSync("sync", "--no-progress", task.toString());
        assertThat(skip.exitCode).as(skip.toString()).isEqualTo(2);
        assertThat(skip.err).contains("changed-only needs on-existing replace");
        assertThat(world.zope("dev").calls()).isEmpty();
    }
}
