package io.zopesync.testkit.zope;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The faults a test asked for, consumed by the calls they match. Thread-safe.
 */
final class ZopeFaults {
    /** The longest a delayed or stalled answer waits, so a forgotten fault cannot hang a build. */
    static final Duration MAX_WAIT = Duration.ofMinutes(5);

    /** What to do with one call. */
    enum Kind {
        NONE, FAIL, DROP, STALL
    }

    /** The decision for one call; {@code status} only for {@link Kind#FAIL}. */
    static final class Action {
        static final Action NONE = new Action(Kind.NONE, 0);

        private final Kind kind;
        private final int status;

        Action(Kind kind, int status) {
            this.kind = kind;
            this.status = status;
        }

        Kind getKind() {
            return kind;
        }

        int getStatus() {
            return status;
        }
    }

    private static final class Rule {
        private final String call;
        private final Kind kind;
        private final int status;
        private int skip;
        private int remaining;

        Rule(String call, Kind kind, int status, int skip, int remaining) {
            this.call = call;
            this.kind = kind;
            this.status = status;
            this.skip = skip;
            this.remaining = remaining;
        }
    }

    private final List<Rule> rules = new ArrayList<>();
    private Duration delay = Duration.ZERO;
    private CountDownLatch release = new CountDownLatch(1);

    synchronized void setDelay(Duration newDelay) {
        Objects.requireNonNull(newDelay, "delay");
        if (newDelay.isNegative()) {
            throw new IllegalArgumentException("delay must not be negative: " + newDelay);
        }
        this.delay = newDelay;
    }

    synchronized void add(String call, Kind kind, int status, int skip, int count) {
        Objects.requireNonNull(call, "call");
        if (count < 1) {
            throw new IllegalArgumentException("count must be at least 1: " + count);
        }
        if (skip < 0) {
            throw new IllegalArgumentException("nth call must be at least 1: " + (skip + 1));
        }
        if (kind == Kind.FAIL && (status < 100 || status > 599)) {
            throw new IllegalArgumentException("status must be an HTTP status: " + status);
        }
        rules.add(new Rule(call, kind, status, skip, count));
    }

    /** Forgets every fault and lets stalled answers finish. */
    synchronized void clear() {
        rules.clear();
        delay = Duration.ZERO;
        release.countDown();
        release = new CountDownLatch(1);
    }

    /** Consumes the first matching rule for this call; calls skipped by an nth-call rule count down its skip. */
    synchronized Action next(String call) {
        for (Iterator<Rule> iterator = rules.iterator(); iterator.hasNext();) {
            Rule rule = iterator.next();
            if (!rule.call.equals(call)) {
                continue;
            }
            if (rule.skip > 0) {
                rule.skip--;
                continue;
            }
            rule.remaining--;
            if (rule.remaining == 0) {
                iterator.remove();
            }
            return new Action(rule.kind, rule.status);
        }
        return Action.NONE;
    }

    /** Waits the configured delay; returns early when the double closes. */
    void applyDelay() throws InterruptedException {
        Duration wait;
        CountDownLatch latch;
        synchronized (this) {
            wait = delay;
            latch = release;
        }
        if (!wait.isZero()) {
            latch.await(Math.min(wait.toMillis(), MAX_WAIT.toMillis()), TimeUnit.MILLISECONDS);
        }
    }

    /** Blocks a stalled answer until {@link #clear()} or the double closes, at most {@link #MAX_WAIT}. */
    void awaitRelease() throws InterruptedException {
        CountDownLatch latch;
        synchronized (this) {
            latch = release;
        }
        latch.await(MAX_WAIT.toMillis(), TimeUnit.MILLISECONDS);
    }
}
