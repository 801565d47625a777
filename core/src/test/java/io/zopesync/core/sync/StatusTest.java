package io.zopesync.core.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.zopesync.core.ZopeSync;
import io.zopesync.core.kernel.Timeouts;
import io.zopesync.core.model.ObjectSpec;
import io.zopesync.core.model.SyncListener;
import io.zopesync.core.model.SyncOptions;
import io.zopesync.core.model.SyncRequest;
import io.zopesync.core.result.SyncResult;
import io.zopesync.core.status.ObjectDiff;
import io.zopesync.core.status.ObjectState;
import io.zopesync.core.status.ObjectStatus;
import io.zopesync.core.status.StatusResult;
import io.zopesync.core.status.TargetStatus;
import io.zopesync.testkit.Sandbox;
import io.zopesync.testkit.zope.ZopeDouble;
import io.zopesync.testkit.zope.ZopeNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link ZopeSync#status}: every state, on the Zope double behind the embedded SSH server. */
class StatusTest {
    private static final List<ObjectSpec> OBJECTS = List.of(ObjectSpec.of("/myfolder/obj1", "/yourfolder"),
            ObjectSpec.of("/ourfolder/obj2"), ObjectSpec.of("/site/my file"));

    @TempDir
    Path tmp;

    private Sandbox sandbox;
    private SandboxEnvironments environments;
    private ZopeDouble dev;
    private ZopeDouble test;
    private ZopeDouble prod;
    private final ZopeSync zopeSync = new ZopeSync();

    @BeforeEach
    void startSandbox() {
        sandbox = Sandbox.start(tmp.resolve("sandbox"));
        environments = new SandboxEnvironments(sandbox);
        dev = sandbox.getSite("dev").getZope();
        test = sandbox.getSite("test").getZope();
        prod = sandbox.getSite("prod").getZope();
    }

    @AfterEach
    void stopSandbox() {
        sandbox.close();
    }

    private SyncRequest request(String bundle, String... targets) {
        SyncRequest.Builder builder = SyncRequest.builder(environments.get("dev"), tmp.resolve(bundle))
                .objects(OBJECTS).options(SyncOptions.builder().retryBackoff(Duration.ofMillis(10))
                        .timeouts(Timeouts.defaults().withRead(Duration.ofSeconds(10))).build());
        for (String target : targets) {
            builder.target(environments.get(target));
        }
        return builder.build();
    }

    private StatusResult status() {
        return zopeSync.status(request("unused", "test", "prod"), SyncListener.NONE);
    }

    private void sync(String bundle, String... targets) {
        SyncResult result = zopeSync.sync(request(bundle, targets), SyncListener.NONE);
        assertThat(result.isSuccess()).as(result.toJson()).isTrue();
    }

    private static List<ObjectState> states(StatusResult result, String target) {
        TargetStatus found = result.targets().stream().filter(t -> t.target().equals(target)).findFirst()
                .orElseThrow();
        assertThat(found.problem()).isEmpty();
        return found.objects().stream().map(ObjectStatus::state).toList();
    }

    private static ObjectStatus object(StatusResult result, String target, int index) {
        return result.targets().stream().filter(t -> t.target().equals(target)).findFirst().orElseThrow()
                .objects().get(index);
    }

    private static byte[] text(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void shouldSayMissingOrUnknownWhereZopeSyncNeverPushed() {
        StatusResult result = status();

        assertThat(result.problems()).isEmpty();
        assertThat(states(result, "test")).containsOnly(ObjectState.MISSING);
        // prod holds an obj2 of its own, but zope-sync never pushed it there.
        assertThat(states(result, "prod")).containsExactly(ObjectState.MISSING, ObjectState.UNKNOWN,
                ObjectState.MISSING);
        assertThat(result.isInSync()).isFalse();
        assertThat(result.hasDrift()).isFalse();
    }

    @Test
    void shouldBeInSyncAfterAPushAndStayInSyncWhenAskedTwice() {
        sync("b1", "test", "prod");

        StatusResult first = status();
        StatusResult second = status();

        assertThat(states(first, "test")).containsOnly(ObjectState.IN_SYNC);
        assertThat(states(first, "prod")).containsOnly(ObjectState.IN_SYNC);
        assertThat(first.isInSync()).isTrue();
        assertThat(second.isInSync()).isTrue();
        ObjectStatus obj1 = object(first, "test", 0);
        assertThat(obj1.destination()).isEqualTo("/yourfolder/obj1");
        assertThat(obj1.pushedSha256()).contains(obj1.sourceSha256());
        assertThat(obj1.pushedAt()).isPresent();
        assertThat(obj1.onlyOnSource()).isEmpty();
        assertThat(obj1.onlyOnTarget()).isEmpty();
    }

    @Test
    void shouldTellChangesOnTheSourceFromChangesOnTheTarget() {
        sync("b1", "test", "prod");
        dev.setContent("/ourfolder/obj2", text("<p>obj2, newer still</p>"));
        test.setContent("/site/my file", text("edited on test by hand\n"));
        prod.setContent("/ourfolder/obj2", text("<p>obj2 edited on prod</p>"));

        StatusResult result = status();

        assertThat(states(result, "test")).containsExactly(ObjectState.IN_SYNC, ObjectState.CHANGED_ON_SOURCE,
                ObjectState.CHANGED_ON_TARGET);
        assertThat(states(result, "prod")).containsExactly(ObjectState.IN_SYNC, ObjectState.CHANGED_ON_BOTH,
                ObjectState.IN_SYNC);
        assertThat(result.hasDrift()).isTrue();
    }

    @Test
    void shouldSeeAnEditThatKeepsTheSizeOnceTheSecondOfThePushIsOver() throws InterruptedException {
        sync("b1", "test");
        byte[] before = test.getContent("/site/my file");
        // getlastmodified has a resolution of one second, as in Zope: an edit in a later second is seen even if it
        // keeps size and title.
        Thread.sleep(1100);
        byte[] edited = before.clone();
        edited[0] = (byte) (edited[0] == 'X' ? 'Y' : 'X');
        test.setContent("/site/my file", edited);

        assertThat(object(zopeSync.status(request("unused", "test"), SyncListener.NONE), "test", 2).state())
                .isEqualTo(ObjectState.CHANGED_ON_TARGET);
    }

    @Test
    void shouldNameTheChildrenOnOneSideOnly() {
        sync("b1", "test");
        test.addDocument("/yourfolder/obj1/added_by_hand", "<p>extra</p>");
        dev.addDocument("/myfolder/obj1/new_on_dev", "<p>new</p>");

        ObjectStatus obj1 = object(zopeSync.status(request("unused", "test"), SyncListener.NONE), "test", 0);

        assertThat(obj1.state()).isEqualTo(ObjectState.CHANGED_ON_BOTH);
        assertThat(obj1.onlyOnTarget()).containsExactly("added_by_hand");
        assertThat(obj1.onlyOnSource()).containsExactly("new_on_dev");
    }

    @Test
    void shouldBeInSyncAgainAfterTheNextPush() {
        sync("b1", "test");
        dev.setContent("/ourfolder/obj2", text("<p>obj2 v3</p>"));
        test.setContent("/site/my file", text("edited on test by hand\n"));
        sync("b2", "test");

        assertThat(states(zopeSync.status(request("unused", "test"), SyncListener.NONE), "test"))
                .containsOnly(ObjectState.IN_SYNC);
    }

    @Test
    void shouldStayInSyncAfterAPushThatWasRolledBack() throws InterruptedException {
        sync("b1", "test");
        // A rollback renames each replaced object back from its backup id, a write that changes its modification
        // time: in a later second than the push, that alone would look like an edit.
        Thread.sleep(1100);
        test.failOn("manage_importObject", 3, 500);

        SyncResult failed = zopeSync.sync(request("b2", "test"), SyncListener.NONE);

        assertThat(failed.isSuccess()).isFalse();
        assertThat(test.calls("manage_renameObject")).hasSize(6);
        assertThat(states(zopeSync.status(request("unused", "test"), SyncListener.NONE), "test"))
                .containsOnly(ObjectState.IN_SYNC);
    }

    @Test
    void shouldStillSeeAnEditByHandAfterAPushThatWasRolledBack() throws InterruptedException {
        sync("b1", "test");
        test.setContent("/yourfolder/obj1/index_html", text("<p>edited on test by hand</p>"));
        Thread.sleep(1100);
        test.failOn("manage_importObject", 3, 500);

        assertThat(zopeSync.sync(request("b2", "test"), SyncListener.NONE).isSuccess()).isFalse();

        assertThat(states(zopeSync.status(request("unused", "test"), SyncListener.NONE), "test"))
                .containsExactly(ObjectState.CHANGED_ON_TARGET, ObjectState.IN_SYNC, ObjectState.IN_SYNC);
    }

    @Test
    void shouldShowAUnifiedDiffOfTextAndNameOtherDifferencesWhenAskedToCompare() {
        sync("b1", "test");
        test.setContent("/yourfolder/obj1/index_html", text("<h1>Object one</h1>\n<p>added on test</p>"));
        test.setTitle("/yourfolder/obj1", "Renamed on test");
        test.addDocument("/yourfolder/obj1/added_by_hand", "<p>extra</p>");
        test.setContent("/site/my file", text("edited on test by hand\n"));

        StatusResult result = zopeSync.status(request("unused", "test"), true, SyncListener.NONE);

        ObjectStatus obj1 = object(result, "test", 0);
        assertThat(obj1.compared()).isTrue();
        assertThat(obj1.differences()).extracting(ObjectDiff::path).containsExactly("", "added_by_hand",
                "index_html");
        assertThat(obj1.differences().get(0).attributes()).containsExactly(
                "title: 'Object one' -> 'Renamed on test'");
        assertThat(obj1.differences().get(1).change()).isEqualTo(ObjectDiff.Change.ONLY_ON_TARGET);
        ObjectDiff.TextDiff raw = obj1.differences().get(2).texts().get(0);
        assertThat(raw.attribute()).isEqualTo("raw");
        assertThat(raw.unified()).isEqualTo("--- dev:/myfolder/obj1/index_html (raw)\n"
                + "+++ test:/yourfolder/obj1/index_html (raw)\n"
                + "@@ -1 +1,2 @@\n <h1>Object one</h1>\n+<p>added on test</p>\n");
        ObjectStatus file = object(result, "test", 2);
        assertThat(file.differences()).singleElement().satisfies(diff -> {
            assertThat(diff.attributes()).containsExactly("size: '30' -> '23'");
            assertThat(diff.texts()).singleElement().satisfies(data -> assertThat(data.unified())
                    .contains("-a file with a space in its id\n+edited on test by hand\n"));
        });
        // in sync: not compared
        assertThat(object(result, "test", 1).compared()).isFalse();
        assertThat(result.toJson()).contains("\"differences\"", "\"unified\"");
    }

    @Test
    void shouldTellByComparingWhetherAnObjectZopeSyncNeverPushedIsTheSame() throws IOException {
        sync("b1", "test");
        Files.delete(sandbox.getSite("test").getImportDir().resolve("zope-sync-pushed.json"));
        test.setContent("/ourfolder/obj2", text("<p>obj2 edited on test</p>"));

        StatusResult result = zopeSync.status(request("unused", "test"), true, SyncListener.NONE);

        assertThat(states(result, "test")).containsOnly(ObjectState.UNKNOWN);
        assertThat(object(result, "test", 0).isSameContent()).isTrue();
        assertThat(object(result, "test", 1).isSameContent()).isFalse();
        assertThat(object(result, "test", 2).isSameContent()).isTrue();
        assertThat(names(sandbox.getSite("test").getImportDir())).doesNotContain("zope-sync-pushed.json");
    }

    @Test
    void shouldChangeNothingAnywhere() throws IOException {
        sync("b1", "test");
        ZopeNode testBefore = test.snapshot();
        ZopeNode devBefore = dev.snapshot();
        List<String> importBefore = names(sandbox.getSite("test").getImportDir());
        test.clearCalls();

        status();

        assertThat(test.snapshot()).isEqualTo(testBefore);
        assertThat(dev.snapshot()).isEqualTo(devBefore);
        assertThat(names(sandbox.getSite("test").getImportDir())).isEqualTo(importBefore);
        assertThat(tmp.resolve("unused")).doesNotExist();
        assertThat(test.calls().stream().map(call -> call.getName()).distinct())
                .contains("PROPFIND").doesNotContain("manage_importObject", "manage_renameObject", "manage_delObjects");
    }

    @Test
    void shouldReportAnUnreadableRecordAsTheTargetsProblemAndStartItAfreshOnTheNextPush() throws IOException {
        sync("b1", "test");
        Path record = sandbox.getSite("test").getImportDir().resolve("zope-sync-pushed.json");
        Files.writeString(record, "{\"format\": 99, \"objects\": []}");

        TargetStatus broken = zopeSync.status(request("unused", "test"), SyncListener.NONE).targets().get(0);
        assertThat(broken.problem()).hasValueSatisfying(problem -> assertThat(problem)
                .contains("zope-sync-pushed.json").contains("unknown format"));

        Files.writeString(record, "not json at all \u001b[2J");
        sync("b2", "test");
        assertThat(states(zopeSync.status(request("unused", "test"), SyncListener.NONE), "test"))
                .containsOnly(ObjectState.IN_SYNC);
    }

    @Test
    void shouldReportASourceObjectThatIsGone() {
        dev.snapshot();
        StatusResult result = zopeSync.status(SyncRequest.builder(environments.get("dev"), tmp.resolve("x"))
                .object(ObjectSpec.of("/no/such")).target(environments.get("test")).build(), SyncListener.NONE);

        assertThat(result.targets()).isEmpty();
        assertThat(result.problems()).singleElement().asString().contains("/no/such").contains("does not exist");
    }

    private static List<String> names(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(path -> path.getFileName().toString()).sorted().toList();
        }
    }
}
