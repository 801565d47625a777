package io.jenkins.plugins.zopesync.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SyncSummaryTest {

    @Test
    void shouldTabulateObjectsByTargetsWithOutcomeSizeAndTime() {
        SyncSummary summary = SyncSummary.of(Results.mixed(), "zope-sync");

        assertThat(summary.getKind()).isEqualTo("sync");
        assertThat(summary.getSource()).isEqualTo("dev");
        assertThat(summary.getBundle()).isEqualTo("zope-sync");
        assertThat(summary.isSuccess()).isFalse();
        assertThat(summary.getTargets())
                .extracting(SyncSummary.TargetStatus::getName)
                .containsExactly("test", "prod");
        assertThat(summary.getTargets())
                .extracting(SyncSummary.TargetStatus::getStatus)
                .containsExactly("synced", "failed");
        assertThat(summary.getTargets().get(1).getTime()).isEqualTo("1 min 05 s");
        assertThat(summary.getTargets().get(1).getMessage()).contains("restored");

        assertThat(summary.getRows())
                .extracting(SyncSummary.Row::getPath)
                .containsExactly("/myfolder/obj1", "/ourfolder/obj2");
        SyncSummary.Cell obj1OnTest = summary.getRows().get(0).getCells().get(0);
        assertThat(obj1OnTest.getOutcome()).isEqualTo("imported");
        assertThat(obj1OnTest.getSize()).isEqualTo("1.5 KiB");
        assertThat(obj1OnTest.getTime()).isEqualTo("850 ms");
        assertThat(obj1OnTest.isSuccess()).isTrue();
        SyncSummary.Cell obj2OnProd = summary.getRows().get(1).getCells().get(1);
        assertThat(obj2OnProd.getOutcome()).isEqualTo("failed");
        assertThat(obj2OnProd.getSize()).isEqualTo("3.0 MiB");
        assertThat(obj2OnProd.getTime()).isEqualTo("100 ms");
        assertThat(obj2OnProd.isSuccess()).isFalse();
        assertThat(obj2OnProd.getMessage()).contains("already in use");
    }

    @Test
    void shouldShowThePreflightProblemsWhenNoTargetWasTouched() {
        SyncSummary summary = SyncSummary.of(Results.preflightFailed(), null);

        assertThat(summary.getProblems()).containsExactly("source dev: object /a/b does not exist");
        assertThat(summary.getRows()).isEmpty();
        assertThat(summary.getBundle()).isNull();
        assertThat(summary.isSuccess()).isFalse();
    }

    @Test
    void shouldFormatSizesAndTimesForPeople() {
        assertThat(SyncSummary.formatBytes(999)).isEqualTo("999 B");
        assertThat(SyncSummary.formatBytes(1024)).isEqualTo("1.0 KiB");
        assertThat(SyncSummary.formatBytes(5L * 1024 * 1024 * 1024)).isEqualTo("5.0 GiB");
        assertThat(SyncSummary.formatMillis(999)).isEqualTo("999 ms");
        assertThat(SyncSummary.formatMillis(2300)).isEqualTo("2.3 s");
        assertThat(SyncSummary.formatMillis(245_000)).isEqualTo("4 min 05 s");
    }
}
