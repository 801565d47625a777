package io.zopesync.core.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zopesync.core.kernel.ZopeSyncException;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ChecksTest {
    @Test
    void shouldAnswerInTheInputsOrderWithAtMostFourAtOnce() {
        AtomicInteger running = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        List<Integer> inputs = IntStream.range(0, 20).boxed().toList();

        List<Integer> answers = Checks.each(inputs, n -> {
            most.accumulateAndGet(running.incrementAndGet(), Math::max);
            pause(20 - n);
            running.decrementAndGet();
            return n * 2;
        });

        assertThat(answers).isEqualTo(inputs.stream().map(n -> n * 2).toList());
        assertThat(most.get()).isBetween(2, Checks.MAX_AT_ONCE);
    }

    @Test
    void shouldThrowTheFirstInputsFailureAndStartNoMoreChecks() {
        AtomicInteger started = new AtomicInteger();

        assertThatThrownBy(() -> Checks.each(IntStream.range(0, 40).boxed().toList(), n -> {
            started.incrementAndGet();
            pause(n == 1 ? 50 : 5);
            if (n == 1 || n == 2) {
                throw new ZopeSyncException("check " + n + " failed");
            }
            return n;
        })).isInstanceOf(ZopeSyncException.class).hasMessage("check 1 failed");
        assertThat(started.get()).isLessThan(40);
    }

    @Test
    void shouldStopTheChecksAndKeepTheFlagWhenInterrupted() throws InterruptedException {
        CountDownLatch inFlight = new CountDownLatch(1);
        AtomicBoolean flagKept = new AtomicBoolean();
        AtomicBoolean cancelled = new AtomicBoolean();
        Thread caller = new Thread(() -> {
            try {
                Checks.each(List.of(1, 2, 3), n -> {
                    inFlight.countDown();
                    pause(10_000);
                    return n;
                });
            } catch (ZopeSyncException e) {
                cancelled.set(e.getMessage().equals("cancelled"));
                flagKept.set(Thread.currentThread().isInterrupted());
            }
        });
        caller.start();
        assertThat(inFlight.await(5, TimeUnit.SECONDS)).isTrue();
        long started = System.nanoTime();
        caller.interrupt();
        caller.join(5_000);

        assertThat(caller.isAlive()).isFalse();
        assertThat(cancelled).isTrue();
        assertThat(flagKept).isTrue();
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started)).isLessThan(5_000);
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
