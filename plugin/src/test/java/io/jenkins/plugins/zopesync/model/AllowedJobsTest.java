package io.jenkins.plugins.zopesync.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class AllowedJobsTest {

    @Test
    void shouldAllowEveryJobInAFolderAtAnyDepthAndNothingBesideIt() {
        AllowedJobs allowed = AllowedJobs.of(List.of("deploy"));

        assertThat(allowed.allows("deploy/prod-push")).isTrue();
        assertThat(allowed.allows("deploy/site/main")).isTrue();
        assertThat(allowed.allows("deploy")).isTrue();
        assertThat(allowed.allows("deployer/prod-push")).isFalse();
        assertThat(allowed.allows("team/deploy")).isFalse();
        assertThat(allowed.allows("")).isFalse();
    }

    @Test
    void shouldAllowOneBranchOfAMultibranchProjectButNotTheOthers() {
        AllowedJobs allowed = AllowedJobs.of(List.of("team/site/main"));

        assertThat(allowed.allows("team/site/main")).isTrue();
        assertThat(allowed.allows("team/site/feature-x")).isFalse();
        assertThat(allowed.allows("team/site")).isFalse();
        assertThat(allowed.allows("team/site/main-evil")).isFalse();
    }

    @Test
    void shouldMatchAStarWithinOneNameOnly() {
        AllowedJobs allowed = AllowedJobs.of(List.of("team/site/release-*", "*-deploy"));

        assertThat(allowed.allows("team/site/release-2.1")).isTrue();
        assertThat(allowed.allows("team/site/release")).isFalse();
        assertThat(allowed.allows("team/other/release-2.1")).isFalse();
        assertThat(allowed.allows("prod-deploy/x")).isTrue();
        assertThat(allowed.allows("team/prod-deploy")).isFalse();
        assertThat(AllowedJobs.of(List.of("a.b")).allows("aXb"))
                .as("a dot is no wildcard")
                .isFalse();
    }

    @Test
    void shouldAllowEveryJobWithoutEntriesAndSaySo() {
        AllowedJobs allowed = AllowedJobs.of(List.of());

        assertThat(allowed.isEveryJob()).isTrue();
        assertThat(allowed.allows("anything/at/all")).isTrue();
        assertThat(AllowedJobs.check(List.of(" ")).getMessage()).contains("Every job may use");
    }

    @Test
    void shouldSplitTheFormsTextAreaIntoEntries() {
        assertThat(AllowedJobs.split(List.of("deploy\n team/site/main ,x", "")))
                .containsExactly("deploy", "team/site/main", "x");
    }

    @Test
    void shouldRefuseAnEntryWithAnEmptyOrDotNameNamingIt() {
        assertThat(AllowedJobs.check(List.of("deploy//prod")).getMessage()).contains("'deploy//prod'");
        assertThat(AllowedJobs.check(List.of("/deploy")).isError()).isTrue();
        assertThat(AllowedJobs.check(List.of("deploy/../prod")).isError()).isTrue();
        assertThat(AllowedJobs.check(List.of("deploy/")).isError()).isTrue();
        assertThatThrownBy(() -> AllowedJobs.of(List.of("a/./b"))).hasMessageContaining("'a/./b'");
    }
}
