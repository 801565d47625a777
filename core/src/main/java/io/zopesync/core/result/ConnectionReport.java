package io.zopesync.core.result;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What a connection check found: one {@link ConnectionCheck} per step, in order. Immutable.
 *
 * <pre>{@code
 * ConnectionReport report = new ZopeSync().checkConnection(environment);
 * report.getFailure().ifPresent(check -> System.err.println(check.getMessage()));
 * }</pre>
 */
public final class ConnectionReport implements Serializable {
    private static final long serialVersionUID = 1L;

    private final List<ConnectionCheck> checks;

    private ConnectionReport(List<ConnectionCheck> checks) {
        this.checks = List.copyOf(checks);
    }

    public static ConnectionReport of(List<ConnectionCheck> checks) {
        return new ConnectionReport(checks);
    }

    /** This report's checks followed by {@code other}'s. */
    public ConnectionReport and(ConnectionReport other) {
        List<ConnectionCheck> all = new ArrayList<>(checks);
        all.addAll(other.checks);
        return new ConnectionReport(all);
    }

    public List<ConnectionCheck> getChecks() {
        return checks;
    }

    /** Whether no step failed (warnings allowed). */
    public boolean isSuccess() {
        return getFailure().isEmpty();
    }

    /** The first step that failed, if any. */
    public Optional<ConnectionCheck> getFailure() {
        return checks.stream().filter(ConnectionCheck::isFailed).findFirst();
    }

    /** The warnings of the steps that passed with one, in order. */
    public List<String> getWarnings() {
        return checks.stream().filter(check -> check.getStatus() == ConnectionCheck.Status.WARNING)
                .map(ConnectionCheck::getMessage).toList();
    }

    @Override
    public String toString() {
        return checks.toString();
    }
}
