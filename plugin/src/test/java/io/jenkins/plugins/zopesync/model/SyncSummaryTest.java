package io.jenkins.plugins.zopesync.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.zopesync.core.bundle.ManifestEntry;
import io.zopesync.core.result.SyncResult;
import java.util.List;
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
        assertThat(obj1OnTest.getFileSize()).isEqualTo("1.5 KiB");
        assertThat(obj1OnTest.getTime()).isEqualTo("850 ms");
        assertThat(obj1OnTest.isSuccess()).isTrue();
        SyncSummary.Cell obj2OnProd = summary.getRows().get(1).getCells().get(1);
        assertThat(obj2OnProd.getOutcome()).isEqualTo("failed");
        assertThat(obj2OnProd.getFileSize()).isEqualTo("3.0 MiB");
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
    void shouldListTheExportedObjectsOfAnExportOnlyRun() {
        SyncResult export = new SyncResult(
                "20260101-120000-ab12",
                "export",
                "dev",
                "/ws/zope-sync/8",
                false,
                "2026-01-01T12:00:00Z",
                "2026-01-01T12:00:02Z",
                List.of(),
                List.of());
        String sha = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";
        List<ManifestEntry> manifest = List.of(
                new ManifestEntry(
                        "/myfolder/obj1", "/myfolder", "obj1", "OFS.Folder.Folder", "objects/001-obj1.zexp", 1536, sha),
                new ManifestEntry(
                        "/ourfolder/obj2",
                        "/ourfolder",
                        "obj2",
                        "OFS.Image.File",
                        "objects/002-obj2.zexp",
                        3 * 1024 * 1024,
                        "0".repeat(64)));

        SyncSummary summary = SyncSummary.of(export, "zope-sync", SyncSummary.exported(manifest));

        assertThat(summary.isSuccess()).isTrue();
        assertThat(summary.getTargets()).isEmpty();
        assertThat(summary.getRows()).isEmpty();
        assertThat(summary.getExported())
                .extracting(SyncSummary.ExportedObject::getPath)
                .containsExactly("/myfolder/obj1", "/ourfolder/obj2");
        SyncSummary.ExportedObject obj1 = summary.getExported().get(0);
        assertThat(obj1.getId()).isEqualTo("obj1");
        assertThat(obj1.getClassName()).isEqualTo("OFS.Folder.Folder");
        assertThat(obj1.getFileSize()).isEqualTo("1.5 KiB");
        assertThat(obj1.getSha256()).isEqualTo(sha);
        assertThat(obj1.getSha256Short()).isEqualTo("9f86d081884c");
        assertThat(summary.getExported().get(1).getFileSize()).isEqualTo("3.0 MiB");
    }

    @Test
    void shouldListNoExportedObjectsForASync() {
        assertThat(SyncSummary.of(Results.mixed(), "zope-sync").getExported()).isEmpty();
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
