package io.zopesync.core.sync;

import static io.zopesync.core.sync.FaultWorld.fast;
import static org.assertj.core.api.Assertions.assertThat;

import io.zopesync.core.ZopeSync;
import io.zopesync.core.kernel.ObjectPath;
import io.zopesync.core.model.ObjectSpec;
import io.zopesync.core.model.SyncRequest;
import io.zopesync.core.result.ObjectResult;
import io.zopesync.core.result.Outcome;
import io.zopesync.core.result.SyncResult;
import io.zopesync.core.result.TargetResult;
import io.zopesync.core.result.TargetResult.Status;
import io.zopesync.testkit.zope.ZopeNode;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The target's Zope dies in the middle of a run, so that putting the target back fails too: the result says per
 * object what really happened ({@code NOT_RESTORED} with its backup), its messages stay one readable line however
 * many objects are left, and the next run, once Zope is back, puts everything back from the journal.
 */
class FailedRestoreTest {
    /** The longest a message may grow, whatever the number of objects. */
    private static final int READABLE = 1200;

    @TempDir
    Path tmp;

    private FaultWorld world;
    private ZopeNode before;

    @BeforeEach
    void start() {
        world = new FaultWorld(tmp);
    }

    @AfterEach
    void stop() {
        world.close();
    }

    /** The engine whose target Zope stops (its server closes) just before the {@code n}-th import. */
    private ZopeSync dyingAtImport(int n) {
        AtomicInteger imports = new AtomicInteger();
        return world.engine(zope -> new ForwardingZopeApi(zope) {
            @Override
            public void importObject(ObjectPath folder, String fileName, boolean owner, boolean suppress) {
                if (imports.incrementAndGet() == n) {
                    world.prod.close();
                }
                super.importObject(folder, fileName, owner, suppress);
            }
        }, UnaryOperator.identity());
    }

    private SyncResult nextRun() {
        world.prod.start();
        return world.sync(new ZopeSync(), SyncRequest.builder(world.dev(), tmp.resolve("bundles/next"))
                .object(ObjectSpec.of("/site/index.html")).target(world.prod()).options(FaultWorld.recovering())
                .holder("bob@build2").build());
    }

    /** The lines of the log, as a user reads them (not the recorded events, which carry the whole result). */
    private List<String> logLines() {
        return world.listener.getLines().stream().filter(line -> !line.startsWith("TARGET ")
                && !line.startsWith("OBJECT ") && !line.startsWith("PHASE ") && !line.startsWith("PROGRESS ")).toList();
    }

    private static void assertReadable(String message) {
        assertThat(message).doesNotContain("\n").hasSizeLessThan(READABLE);
    }

    @Test
    void shouldReportEachObjectNotRestoredWithItsBackupWhenTheTargetZopeDiesMidRun() {
        before = world.prod.snapshot();

        SyncResult result = world.sync(dyingAtImport(2), world.request("dying", fast()).target(world.prod())
                .build());

        String run = result.runId();
        String backup = "obj2.zope-sync-backup-" + run;
        TargetResult target = result.target("prod");
        assertThat(target.status()).isEqualTo(Status.NOT_RESTORED);
        assertThat(target.objects()).extracting(ObjectResult::outcome)
                .containsExactly(Outcome.NOT_RESTORED, Outcome.NOT_RESTORED);
        assertThat(target.objects().get(0).backup()).isNull();
        assertThat(target.objects().get(0).message()).contains("left on the target: this run's import at"
                + " /yourfolder/obj1");
        assertThat(target.objects().get(1).backup()).isEqualTo(backup);
        assertThat(target.objects().get(1).message()).contains("the backup /ourfolder/" + backup);
        assertThat(target.message()).contains("RESTORE FAILED for 2 object(s)")
                .contains("/ourfolder/obj2 (its backup is /ourfolder/" + backup + ")")
                .contains("the journal zope-sync-" + run + ".journal stays");
        assertReadable(target.message());
        assertThat(result.toJson()).contains("\"outcome\" : \"NOT_RESTORED\"").contains("\"backup\" : \"" + backup
                + "\"").doesNotContain("\"outcome\" : \"RESTORED\"");
        assertThat(world.importDirectory()).containsExactly("zope-sync-" + run + ".journal");
        world.assertNoSecretIn(result);

        SyncResult next = nextRun();

        assertThat(next.isSuccess()).as(next.toJson()).isTrue();
        TargetResult recovered = next.target("prod");
        assertThat(recovered.message()).contains("recovered dead run " + run + " (rolled back): ")
                .contains("put /ourfolder/obj2 back from its backup " + backup)
                .contains("deleted /yourfolder/obj1 (imported by the dead run)");
        assertThat(recovered.recovered()).containsExactly(
                "dead run " + run + ": put /ourfolder/obj2 back from its backup " + backup,
                "dead run " + run + ": deleted /yourfolder/obj1 (imported by the dead run)");
        assertThat(world.prod.snapshot("/ourfolder")).isEqualTo(before.getChild("ourfolder").orElseThrow());
        assertThat(world.prod.snapshot("/yourfolder")).isEqualTo(before.getChild("yourfolder").orElseThrow());
        assertThat(world.importDirectory()).isEmpty();
    }

    @Test
    void shouldKeepTheMessagesOneReadableLineWhenManyObjectsAreNotRestored() {
        int extra = 12;
        SyncRequest.Builder request = world.request("dying", fast()).target(world.prod());
        for (int i = 1; i <= extra; i++) {
            world.dev.addDocument("/ourfolder/doc" + i, "<p>doc " + i + ", new</p>");
            world.prod.addDocument("/ourfolder/doc" + i, "<p>doc " + i + ", old</p>");
            request.object(ObjectSpec.of("/ourfolder/doc" + i));
        }
        before = world.prod.snapshot();
        int objects = FaultWorld.OBJECTS.size() + extra;

        SyncResult result = world.sync(dyingAtImport(objects), request.build());

        TargetResult target = result.target("prod");
        assertThat(target.status()).isEqualTo(Status.NOT_RESTORED);
        assertThat(target.objects()).extracting(ObjectResult::outcome).containsOnly(Outcome.NOT_RESTORED);
        assertThat(target.objects()).filteredOn(object -> object.path().startsWith("/ourfolder/"))
                .allSatisfy(object -> assertThat(object.backup()).startsWith(object.id() + ".zope-sync-backup-"));
        assertThat(target.message()).contains("RESTORE FAILED for " + objects + " object(s): /ourfolder/doc12 (its"
                + " backup is /ourfolder/doc12.zope-sync-backup-").contains(" and " + (objects - 3) + " more (each"
                + " object's result says what is left of it and why); the first: ").contains("connection was refused");
        assertReadable(target.message());
        assertThat(logLines()).filteredOn(line -> line.contains("RESTORE FAILED"))
                .isNotEmpty().allSatisfy(FailedRestoreTest::assertReadable);

        SyncResult next = nextRun();

        assertThat(next.isSuccess()).as(next.toJson()).isTrue();
        TargetResult recovered = next.target("prod");
        // the new object deleted; each replaced one deleted and its backup put back, but the last one, whose import
        // never reached Zope: only its backup put back
        int steps = 1 + 2 * extra + 1;
        assertThat(recovered.recovered()).hasSize(steps);
        assertThat(recovered.message()).contains("recovered dead run " + result.runId() + " (rolled back): ")
                .contains(" and " + (steps - 3) + " more (" + steps + " steps, all in the target's result)");
        assertReadable(recovered.message());
        assertThat(logLines()).filteredOn(line -> line.contains("recovered dead run"))
                .isNotEmpty().allSatisfy(FailedRestoreTest::assertReadable);
        for (String folder : List.of("/ourfolder", "/yourfolder")) {
            // A plain folder keeps no order of its own: as on Zope, a rename puts the object at the end.
            ZopeNode was = before.getChild(folder.substring(1)).orElseThrow();
            assertThat(world.prod.snapshot(folder).getChildren())
                    .containsExactlyInAnyOrderElementsOf(was.getChildren());
        }
        assertThat(world.importDirectory()).isEmpty();
    }
}
