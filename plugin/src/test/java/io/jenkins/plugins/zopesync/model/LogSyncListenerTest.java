package io.jenkins.plugins.zopesync.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.zopesync.core.kernel.SyncLog;
import io.zopesync.core.model.SyncListener;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class LogSyncListenerTest {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final AtomicLong now = new AtomicLong();
    private final LogSyncListener listener =
            new LogSyncListener(new PrintStream(bytes, true, StandardCharsets.UTF_8), now::get);

    @Test
    void shouldWriteLogLinesPhasesAndOutcomesButNoDebugLines() {
        listener.log(SyncLog.Level.DEBUG, "PROPFIND /myfolder/obj1");
        listener.log(SyncLog.Level.INFO, "exporting /myfolder/obj1");
        listener.log(SyncLog.Level.WARNING, "accepting any host key of test");
        listener.phase(SyncListener.Phase.VERIFY_BUNDLE, null);
        listener.phase(SyncListener.Phase.TARGET, "prod");
        listener.objectDone("prod", Results.mixed().targets().get(1).objects().get(1));
        listener.targetDone(Results.mixed().targets().get(1));

        assertThat(log())
                .doesNotContain("PROPFIND")
                .contains("[zope-sync] exporting /myfolder/obj1\n")
                .contains("[zope-sync] WARNING: accepting any host key of test\n")
                .contains("[zope-sync] == verify bundle\n")
                .contains("[zope-sync] == target prod\n")
                .contains("[zope-sync] prod: /ourfolder/obj2 failed: The id \"obj2\" is invalid")
                .contains("[zope-sync] target prod failed in 1 min 05 s: import of /ourfolder/obj2 failed");
    }

    @Test
    void shouldWriteProgressOfAFileAtMostEveryFewSecondsAndWhenItIsDone() {
        for (int second = 0; second < 12; second++) {
            now.set(TimeUnit.SECONDS.toNanos(second));
            listener.progress(upload(second * 100L, 1200));
        }
        now.set(TimeUnit.SECONDS.toNanos(12));
        listener.progress(upload(1200, 1200));

        assertThat(log().lines())
                .containsExactly(
                        "[zope-sync] upload /myfolder/obj1 to prod: 0 B of 1.2 KiB in 0 ms",
                        "[zope-sync] upload /myfolder/obj1 to prod: 500 B of 1.2 KiB in 5.0 s",
                        "[zope-sync] upload /myfolder/obj1 to prod: 1000 B of 1.2 KiB in 10.0 s",
                        "[zope-sync] upload /myfolder/obj1 to prod: 1.2 KiB of 1.2 KiB in 12.0 s");
    }

    @Test
    void shouldThrottleEachFileOnItsOwn() {
        listener.progress(upload(1, 10));
        listener.progress(new SyncListener.Progress(null, SyncListener.TransferKind.EXPORT, "/a/b", 1, -1, 0));
        listener.progress(upload(2, 10));

        assertThat(log().lines())
                .containsExactly(
                        "[zope-sync] upload /myfolder/obj1 to prod: 1 B of 10 B in 10 ms",
                        "[zope-sync] export /a/b: 1 B in 0 ms");
    }

    private static SyncListener.Progress upload(long done, long total) {
        return new SyncListener.Progress(
                "prod", SyncListener.TransferKind.UPLOAD, "/myfolder/obj1", done, total, done * 10);
    }

    private String log() {
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
