package io.zopesync.core.internal;

import io.zopesync.core.model.SyncListener;
import io.zopesync.core.model.SyncListener.Progress;
import io.zopesync.core.model.SyncListener.TransferKind;
import java.util.function.LongConsumer;

/**
 * Turns a transfer's byte counts into {@link Progress} events, at most one every {@value #INTERVAL_MILLIS} ms
 * and always the last one, so that a listener is not flooded by a fast transfer.
 */
final class Throttle implements LongConsumer {
    static final long INTERVAL_MILLIS = 250;

    private final SyncListener listener;
    private final String target;
    private final TransferKind kind;
    private final String object;
    private final long total;
    private final long started = System.nanoTime();
    private long lastSent = Long.MIN_VALUE;
    private long sentBytes = -1;

    Throttle(SyncListener listener, String target, TransferKind kind, String object, long total) {
        this.listener = listener;
        this.target = target;
        this.kind = kind;
        this.object = object;
        this.total = total;
    }

    @Override
    public void accept(long bytesDone) {
        long now = System.nanoTime();
        boolean last = total >= 0 && bytesDone >= total;
        if (last || lastSent == Long.MIN_VALUE || now - lastSent >= INTERVAL_MILLIS * 1_000_000L) {
            send(bytesDone, now);
        }
    }

    /**
     * Sends the final count if the last one was held back, or if the total was unknown until now (an export's
     * size is known only at its end): the last event then says the transfer is complete.
     */
    void finish(long bytesDone) {
        if (bytesDone != sentBytes || total < 0) {
            send(bytesDone, System.nanoTime(), bytesDone);
        }
    }

    private void send(long bytesDone, long now) {
        send(bytesDone, now, total);
    }

    private void send(long bytesDone, long now, long knownTotal) {
        lastSent = now;
        sentBytes = bytesDone;
        listener.progress(new Progress(target, kind, object, bytesDone, knownTotal, (now - started) / 1_000_000L));
    }
}
