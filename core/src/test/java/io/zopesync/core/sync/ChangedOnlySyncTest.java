package io.zopesync.core.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zopesync.core.ZopeSync;
import io.zopesync.core.bundle.Bundle;
import io.zopesync.core.kernel.InvalidInputException;
import io.zopesync.core.kernel.Timeouts;
import io.zopesync.core.model.ObjectSpec;
import io.zopesync.core.model.OnDrift;
import io.zopesync.core.model.OnExisting;
import io.zopesync.core.model.PushRequest;
import io.zopesync.core.model.SyncListener;
import io.zopesync.core.model.SyncOptions;
import io.zopesync.core.model.SyncRequest;
import io.zopesync.core.result.ObjectResult;
import io.zopesync.core.result.Outcome;
import io.zopesync.core.result.SyncResult;
import io.zopesync.core.result.TargetResult;
import io.zopesync.core.status.ObjectState;
import io.zopesync.core.status.ObjectStatus;
import io.zopesync.testkit.Sandbox;
import io.zopesync.testkit.zope.ZopeDouble;
import io.zopesync.testkit.zope.ZopeNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A changed-only sync ({@link SyncOptions#isChangedOnly()}) and its drift policy, on the Zope double. */
class ChangedOnlySyncTest {
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

    private SyncRequest request(String bundle, SyncOptions.Builder options, String... targets) {
        SyncRequest.Builder builder = SyncRequest.builder(environments.get("dev"), tmp.resolve(bundle))
                .objects(OBJECTS).options(options.retryBackoff(Duration.ofMillis(10))
                        .timeouts(Timeouts.defaults().withRead(Duration.ofSeconds(10))).build());
        for (String target : targets) {
            builder.target(environments.get(target));
        }
        return builder.build();
    }

    private SyncResult sync(String bundle, SyncOptions.Builder options, String... targets) {
        return zopeSync.sync(request(bundle, options, targets), SyncListener.NONE);
    }

    private SyncResult changedOnly(String bundle, String... targets) {
        return sync(bundle, SyncOptions.builder().changedOnly(true), targets);
    }

    private static List<Outcome> outcomes(SyncResult result, String target) {
        return target(result, target).objects().stream().map(ObjectResult::outcome).toList();
    }

    private static TargetResult target(SyncResult result, String target) {
        return result.targets().stream().filter(t -> t.target().equals(target)).findFirst().orElseThrow();
    }

    private List<ObjectState> status(String target) {
        return zopeSync.status(request("unused", SyncOptions.builder(), target), SyncListener.NONE).targets()
                .get(0).objects().stream().map(ObjectStatus::state).toList();
    }

    private static byte[] text(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void shouldChangeAndUploadNothingWhenNothingChanged() {
        assertThat(sync("b1", SyncOptions.builder(), "test", "prod").isSuccess()).isTrue();
        ZopeNode testBefore = test.snapshot();
        ZopeNode prodBefore = prod.snapshot();
        test.clearCalls();
        prod.clearCalls();
        RecordingListener listener = new RecordingListener();

        SyncResult result = zopeSync.sync(request("b2", SyncOptions.builder().changedOnly(true), "test", "prod"),
                listener);

        assertThat(result.isSuccess()).as(result.toJson()).isTrue();
        assertThat(outcomes(result, "test")).containsOnly(Outcome.UNCHANGED);
        assertThat(outcomes(result, "prod")).containsOnly(Outcome.UNCHANGED);
        assertThat(test.snapshot()).isEqualTo(testBefore);
        assertThat(prod.snapshot()).isEqualTo(prodBefore);
        for (ZopeDouble target : List.of(test, prod)) {
            assertThat(target.calls().stream().map(call -> call.getName()).distinct())
                    .doesNotContain("manage_importObject", "manage_renameObject", "manage_delObjects",
                            "manage_exportObject");
        }
        assertThat(listener.getLines()).noneMatch(line -> line.startsWith("PROGRESS") && line.contains("UPLOAD"));
        assertThat(status("test")).containsOnly(ObjectState.IN_SYNC);
    }

    @Test
    void shouldPushOnlyWhatChangedOnTheSourceAndWhatIsMissingOrUnknown() {
        assertThat(sync("b1", SyncOptions.builder(), "test").isSuccess()).isTrue();
        dev.setContent("/ourfolder/obj2", text("<p>obj2, edited on dev</p>"));
        test.clearCalls();

        SyncResult result = changedOnly("b2", "test", "prod");

        assertThat(result.isSuccess()).as(result.toJson()).isTrue();
        assertThat(outcomes(result, "test")).containsExactly(Outcome.UNCHANGED, Outcome.REPLACED,
                Outcome.UNCHANGED);
        assertThat(test.calls("manage_importObject")).hasSize(1);
        assertThat(test.getContent("/ourfolder/obj2")).isEqualTo(text("<p>obj2, edited on dev</p>"));
        // prod was never pushed: obj1 and my file are missing, its own obj2 has no record.
        assertThat(outcomes(result, "prod")).containsExactly(Outcome.IMPORTED, Outcome.REPLACED, Outcome.IMPORTED);
        assertThat(status("test")).containsOnly(ObjectState.IN_SYNC);
        assertThat(status("prod")).containsOnly(ObjectState.IN_SYNC);
    }

    @Test
    void shouldRefuseDriftNamingEveryObjectChangedByHandAndChangeNothing() {
        SyncResult first = sync("b1", SyncOptions.builder(), "test", "prod");
        assertThat(first.isSuccess()).isTrue();
        dev.setContent("/ourfolder/obj2", text("<p>obj2, edited on dev</p>"));
        test.setContent("/site/my file", text("edited on test by hand\n"));
        test.addDocument("/yourfolder/obj1/added_by_hand", "<p>extra</p>");
        ZopeNode testBefore = test.snapshot();
        test.clearCalls();

        SyncResult result = changedOnly("b2", "test", "prod");

        TargetResult refused = target(result, "test");
        assertThat(refused.isSuccess()).isFalse();
        assertThat(refused.message()).contains("changed on the target by hand", "/yourfolder/obj1",
                "/site/my file", "on-drift is 'refuse'", "nothing on the target was changed")
                .doesNotContain("/ourfolder/obj2 (");
        assertThat(outcomes(result, "test")).containsExactly(Outcome.FAILED, Outcome.NOT_CHANGED, Outcome.FAILED);
        assertThat(refused.objects().get(0).message()).contains("changed on the target by hand", "pushed it (run "
                + first.runId());
        assertThat(test.snapshot()).isEqualTo(testBefore);
        assertThat(test.calls("manage_importObject")).isEmpty();
        assertThat(test.calls("manage_renameObject")).isEmpty();
        // The other target goes its own way.
        assertThat(outcomes(result, "prod")).containsExactly(Outcome.UNCHANGED, Outcome.REPLACED,
                Outcome.UNCHANGED);
        assertThat(status("test")).containsExactly(ObjectState.CHANGED_ON_TARGET, ObjectState.CHANGED_ON_SOURCE,
                ObjectState.CHANGED_ON_TARGET);
    }

    @Test
    void shouldOverwriteDriftKeepingTheTargetsVersionAsAnUndoFile() {
        assertThat(sync("b1", SyncOptions.builder(), "test").isSuccess()).isTrue();
        test.setContent("/site/my file", text("edited on test by hand\n"));

        SyncResult result = sync("b2", SyncOptions.builder().changedOnly(true).onDrift(OnDrift.OVERWRITE), "test");

        assertThat(result.isSuccess()).as(result.toJson()).isTrue();
        assertThat(outcomes(result, "test")).containsExactly(Outcome.UNCHANGED, Outcome.UNCHANGED,
                Outcome.REPLACED);
        assertThat(test.getContent("/site/my file")).isEqualTo(dev.getContent("/site/my file"));
        Path replaced = Bundle.toRestore(tmp.resolve("b2"), "test", java.util.Optional.empty()).getDir();
        assertThat(Bundle.readManifest(replaced).objects()).extracting(e -> e.path())
                .containsExactly("/site/my file");
        assertThat(status("test")).containsOnly(ObjectState.IN_SYNC);
    }

    @Test
    void shouldRefuseChangedOnlyWithAnotherOnExistingThanReplace() {
        assertThatThrownBy(() -> SyncOptions.builder().changedOnly(true).onExisting(OnExisting.SKIP).build())
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("changed-only")
                .hasMessageContaining("skip");
    }

    @Test
    void shouldRestoreWhateverTheTargetHoldsEvenIfTheOptionsSayChangedOnly() {
        SyncOptions options = SyncOptions.builder().changedOnly(true).build();

        assertThat(PushRequest.of(PushRequest.Mode.RESTORE, tmp, List.of(environments.get("test")), options, null)
                .getOptions().isChangedOnly()).isFalse();
        assertThat(PushRequest.of(PushRequest.Mode.PROMOTE, tmp, List.of(environments.get("test")), options, null)
                .getOptions().isChangedOnly()).isTrue();
    }

    @Test
    void shouldRefuseAnUnknownDriftPolicyNamingIt() {
        assertThatThrownBy(() -> OnDrift.parse("ignore")).isInstanceOf(InvalidInputException.class)
                .hasMessage("on-drift must be refuse or overwrite: 'ignore'");
    }
}
