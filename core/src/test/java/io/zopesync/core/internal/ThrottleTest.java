package io.zopesync.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.zopesync.core.model.SyncListener;
import io.zopesync.core.model.SyncListener.Progress;
import io.zopesync.core.model.SyncListener.TransferKind;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ThrottleTest {
    private final List<Progress> events = new ArrayList<>();
    private final SyncListener listener = new SyncListener() {
        @Override
        public void progress(Progress progress) {
            events.add(progress);
        }
    };

    @Test
    void shouldSendTheFirstAndLastCountOfAFastTransferOnly() {
        Throttle throttle = new Throttle(listener, "test", TransferKind.UPLOAD, "/a", 1000);

        for (long done = 100; done <= 1000; done += 100) {
            throttle.accept(done);
        }
        throttle.finish(1000);

        assertThat(events).extracting(Progress::bytesDone).containsExactly(100L, 1000L);
        assertThat(events).extracting(Progress::bytesTotal).containsOnly(1000L);
    }

    @Test
    void shouldSendAHeldBackLastCount() {
        Throttle throttle = new Throttle(listener, "test", TransferKind.UPLOAD, "/a", -1);

        throttle.accept(10);
        throttle.accept(20);

        assertThat(events).extracting(Progress::bytesDone).containsExactly(10L);
    }

    @Test
    void shouldCompleteATransferWhoseSizeWasUnknownUntilItsEnd() {
        Throttle throttle = new Throttle(listener, null, TransferKind.EXPORT, "/a", -1);

        throttle.accept(500);
        throttle.finish(500);

        assertThat(events).extracting(Progress::bytesDone, Progress::bytesTotal)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(500L, -1L),
                        org.assertj.core.groups.Tuple.tuple(500L, 500L));
    }
}
