package io.jenkins.plugins.zopesync.model;

import io.zopesync.core.result.ObjectResult;
import io.zopesync.core.result.Outcome;
import io.zopesync.core.result.SyncResult;
import io.zopesync.core.result.TargetResult;
import java.util.List;

/** Engine results for the tests: a sync of two objects to test (synced) and prod (failed and restored). */
final class Results {
    private Results() {}

    static SyncResult mixed() {
        TargetResult test = new TargetResult(
                "test",
                TargetResult.Status.SYNCED,
                List.of(
                        new ObjectResult("/myfolder/obj1", "/yourfolder", "obj1", Outcome.IMPORTED, 1536, 850, null),
                        new ObjectResult(
                                "/ourfolder/obj2",
                                "/ourfolder",
                                "obj2",
                                Outcome.REPLACED,
                                3 * 1024 * 1024,
                                2300,
                                null)),
                null,
                3500);
        TargetResult prod = new TargetResult(
                "prod",
                TargetResult.Status.FAILED,
                List.of(
                        new ObjectResult("/myfolder/obj1", "/yourfolder", "obj1", Outcome.RESTORED, 1536, 900, null),
                        new ObjectResult(
                                "/ourfolder/obj2",
                                "/ourfolder",
                                "obj2",
                                Outcome.FAILED,
                                3 * 1024 * 1024,
                                100,
                                "The id \"obj2\" is invalid - it is already in use.")),
                "import of /ourfolder/obj2 failed; every object of the target was restored",
                65_000);
        return new SyncResult(
                "20260101-120000-ab12",
                "sync",
                "dev",
                "/ws/zope-sync/7",
                false,
                "2026-01-01T12:00:00Z",
                "2026-01-01T12:01:05Z",
                List.of(),
                List.of(test, prod));
    }

    static SyncResult synced() {
        TargetResult test = new TargetResult(
                "test",
                TargetResult.Status.SYNCED,
                List.of(new ObjectResult("/a/b", "/a", "b", Outcome.IMPORTED, 10, 5, null)),
                null,
                20);
        return new SyncResult(
                "r1",
                "sync",
                "dev",
                "/ws/zope-sync/1",
                false,
                "2026-01-01T12:00:00Z",
                "2026-01-01T12:00:01Z",
                List.of(),
                List.of(test));
    }

    static SyncResult preflightFailed() {
        return new SyncResult(
                "r2",
                "sync",
                "dev",
                "/ws/zope-sync/2",
                false,
                "2026-01-01T12:00:00Z",
                "2026-01-01T12:00:01Z",
                List.of("source dev: object /a/b does not exist"),
                List.of());
    }
}
