package io.jenkins.plugins.zopesync.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zopesync.core.kernel.InvalidInputException;
import io.zopesync.core.kernel.Timeouts;
import io.zopesync.core.model.ObjectSpec;
import io.zopesync.core.model.OnExisting;
import io.zopesync.core.model.SyncOptions;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class SyncStepRequestTest {

    @Test
    void shouldMapEveryStepFieldToTheEngineRequest() {
        SyncStepRequest request = SyncStepRequest.builder()
                .source("dev")
                .targets(List.of("test", "prod"))
                .object("/myfolder/obj1", "/yourfolder")
                .object("/ourfolder/obj2", "")
                .onExisting("skip")
                .dryRun(true)
                .keepBackups(true)
                .saveReplaced(false)
                .parallel(2)
                .build();

        assertThat(request.isPromotion()).isFalse();
        assertThat(request.getSource()).isEqualTo("dev");
        assertThat(request.getTargets()).containsExactly("test", "prod");
        assertThat(request.getObjects())
                .containsExactly(ObjectSpec.of("/myfolder/obj1", "/yourfolder"), ObjectSpec.of("/ourfolder/obj2"));
        assertThat(request.getEnvironmentNames()).containsExactly("dev", "test", "prod");

        Timeouts timeouts = Timeouts.defaults().withRead(Duration.ofMinutes(5));
        SyncOptions options = request.toOptions(timeouts);
        assertThat(options.getOnExisting()).isEqualTo(OnExisting.SKIP);
        assertThat(options.isDryRun()).isTrue();
        assertThat(options.isKeepBackups()).isTrue();
        assertThat(options.isSaveReplaced()).isFalse();
        assertThat(options.getParallelism()).isEqualTo(2);
        assertThat(options.getTimeouts()).isSameAs(timeouts);
    }

    @Test
    void shouldUseTheSafeDefaults() {
        SyncOptions options = SyncStepRequest.builder()
                .source("dev")
                .targets(List.of("test"))
                .object("/a/b", null)
                .onExisting(null)
                .build()
                .toOptions(Timeouts.defaults());

        assertThat(options.getOnExisting()).isEqualTo(OnExisting.REPLACE);
        assertThat(options.isSaveReplaced()).isTrue();
        assertThat(options.isKeepBackups()).isFalse();
        assertThat(options.isDryRun()).isFalse();
        assertThat(options.getParallelism()).isEqualTo(SyncOptions.defaults().getParallelism());
    }

    @Test
    void shouldSplitTargetNamesTypedInOneField() {
        SyncStepRequest request = SyncStepRequest.builder()
                .source("dev")
                .targets(List.of(" test, prod  stage "))
                .object("/a/b", null)
                .build();

        assertThat(request.getTargets()).containsExactly("test", "prod", "stage");
        assertThat(SyncStepRequest.splitNames(null)).isEmpty();
    }

    @Test
    void shouldMapASourceWithoutTargetsToAnExportOnly() {
        SyncStepRequest request = SyncStepRequest.builder()
                .source("dev")
                .object("/myfolder/obj1", null)
                .build();

        assertThat(request.isExportOnly()).isTrue();
        assertThat(request.isPromotion()).isFalse();
        assertThat(request.getEnvironmentNames()).containsExactly("dev");
        assertThat(request.toString()).isEqualTo("export [/myfolder/obj1] from dev");
    }

    @Test
    void shouldMapABundleToAPromotion() {
        SyncStepRequest request = SyncStepRequest.builder()
                .bundle(" zope-sync ")
                .targets(List.of("prod"))
                .build();

        assertThat(request.isPromotion()).isTrue();
        assertThat(request.getBundle()).isEqualTo("zope-sync");
        assertThat(request.getSource()).isNull();
        assertThat(request.getObjects()).isEmpty();
        assertThat(request.getEnvironmentNames()).containsExactly("prod");
    }

    @Test
    void shouldRefuseABundleTogetherWithASourceOrObjects() {
        assertThatThrownBy(() -> SyncStepRequest.builder()
                        .bundle("zope-sync")
                        .source("dev")
                        .targets(List.of("prod"))
                        .build())
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("either a source and objects");
        assertThatThrownBy(() -> SyncStepRequest.builder()
                        .bundle("zope-sync")
                        .object("/a/b", null)
                        .targets(List.of("prod"))
                        .build())
                .hasMessageContaining("either a source and objects");
    }

    @Test
    void shouldRefuseABundlePathThatLeavesTheWorkspace() {
        for (String bad : List.of("../x", "/abs/olute", "a/../b", "a b", "a/./b")) {
            assertThatThrownBy(() -> SyncStepRequest.builder()
                            .bundle(bad)
                            .targets(List.of("prod"))
                            .build())
                    .as(bad)
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining(bad);
        }
    }

    @Test
    void shouldNameWhatIsMissingOrWrong() {
        assertThatThrownBy(() -> SyncStepRequest.builder()
                        .targets(List.of("test"))
                        .object("/a/b", null)
                        .build())
                .hasMessageContaining("source environment");
        assertThatThrownBy(() -> SyncStepRequest.builder()
                        .source("dev")
                        .targets(List.of("test"))
                        .build())
                .hasMessageContaining("at least one object");
        assertThatThrownBy(() -> SyncStepRequest.builder().bundle("zope-sync").build())
                .hasMessageContaining("at least one target");
        assertThatThrownBy(() -> SyncStepRequest.builder()
                        .source("dev")
                        .targets(List.of("test", "test"))
                        .object("/a/b", null)
                        .build())
                .hasMessageContaining("'test' is given twice");
        assertThatThrownBy(() -> SyncStepRequest.builder()
                        .source("dev")
                        .targets(List.of("dev"))
                        .object("/a/b", null)
                        .build())
                .hasMessageContaining("'dev' is both the source and a target");
        assertThatThrownBy(() -> SyncStepRequest.builder()
                        .source("dev")
                        .targets(List.of("test"))
                        .object("relative/path", null)
                        .build())
                .hasMessageContaining("relative/path");
        assertThatThrownBy(() -> SyncStepRequest.builder()
                        .source("dev")
                        .targets(List.of("test"))
                        .object("/a/b", null)
                        .onExisting("overwrite")
                        .build())
                .hasMessageContaining("overwrite");
        assertThatThrownBy(() -> SyncStepRequest.builder()
                        .source("dev")
                        .targets(List.of("test"))
                        .object("/a/b", null)
                        .parallel(0)
                        .build())
                .hasMessageContaining(": 0");
        assertThatThrownBy(() -> SyncStepRequest.builder()
                        .source("my dev")
                        .targets(List.of("test"))
                        .object("/a/b", null)
                        .build())
                .hasMessageContaining("my dev");
    }

    @Test
    void shouldSurviveJavaSerializationForTheTripToTheAgent() throws Exception {
        SyncStepRequest request = SyncStepRequest.builder()
                .source("dev")
                .targets(List.of("test"))
                .object("/myfolder/obj1", "/yourfolder")
                .build();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(request);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            SyncStepRequest copy = (SyncStepRequest) in.readObject();
            assertThat(copy.getObjects()).isEqualTo(request.getObjects());
            assertThat(copy.toString()).isEqualTo(request.toString());
        }
    }
}
