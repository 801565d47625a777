package io.zopesync.core.kernel;

import java.io.Serializable;
import java.time.Duration;
import java.util.Objects;

/**
 * How long to wait: for a connection, for an answer (or the next bytes of one), and for another run's lock on
 * a target. {@code Timeouts.defaults().withRead(Duration.ofMinutes(5))}. Immutable.
 */
public final class Timeouts implements Serializable {
    private static final long serialVersionUID = 1L;
    private static final Timeouts DEFAULTS = new Timeouts(Duration.ofSeconds(10), Duration.ofSeconds(120),
            Duration.ofSeconds(60));

    private final Duration connect;
    private final Duration read;
    private final Duration lockWait;

    private Timeouts(Duration connect, Duration read, Duration lockWait) {
        this.connect = positive("connect timeout", connect);
        this.read = positive("read timeout", read);
        this.lockWait = Objects.requireNonNull(lockWait, "lock wait");
        if (lockWait.isNegative()) {
            throw InvalidInputException.of("lock wait must not be negative: %s", lockWait);
        }
    }

    /** 10 s to connect, 120 s for an answer, 60 s for a lock. */
    public static Timeouts defaults() {
        return DEFAULTS;
    }

    public static Timeouts of(Duration connect, Duration read, Duration lockWait) {
        return new Timeouts(connect, read, lockWait);
    }

    private static Duration positive(String what, Duration value) {
        Objects.requireNonNull(value, what);
        if (value.isZero() || value.isNegative()) {
            throw InvalidInputException.of("%s must be positive: %s", what, value);
        }
        return value;
    }

    public Duration getConnect() {
        return connect;
    }

    public Duration getRead() {
        return read;
    }

    public Duration getLockWait() {
        return lockWait;
    }

    public Timeouts withConnect(Duration value) {
        return new Timeouts(value, read, lockWait);
    }

    public Timeouts withRead(Duration value) {
        return new Timeouts(connect, value, lockWait);
    }

    public Timeouts withLockWait(Duration value) {
        return new Timeouts(connect, read, value);
    }

    @Override
    public String toString() {
        return "connect " + connect + ", read " + read + ", lock wait " + lockWait;
    }
}
