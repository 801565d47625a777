package io.zopesync.core.result;

import java.io.Serializable;
import java.util.Objects;

/**
 * One step of a connection check ({@code ZopeSync.checkConnection}) and how it went. Immutable.
 *
 * <pre>{@code
 * ConnectionCheck check = ConnectionCheck.failed(ConnectionCheck.Step.SSH_LOGIN, "SSH login as 'zope' to ... failed");
 * check.isFailed();   // true
 * }</pre>
 *
 * The message says why a step failed or warned, naming the server; it never holds a secret (it is an engine
 * exception's message or a log warning, which hold none).
 */
public final class ConnectionCheck implements Serializable {
    private static final long serialVersionUID = 1L;

    /** The steps, in the order they run; a step runs only when the ones before it passed. */
    public enum Step {
        /** The Zope login works and may manage the root folder. */
        ZOPE_LOGIN("Zope login"),
        /** The SSH server answers. */
        SSH_CONNECT("SSH connection"),
        /** The server's host key passes the host key verification. */
        SSH_HOST_KEY("SSH host key"),
        /** The server accepts the key. */
        SSH_LOGIN("SSH login"),
        /** The import directory exists and is writable. */
        IMPORT_DIRECTORY("import directory");

        private final String label;

        Step(String label) {
            this.label = label;
        }

        /** A lower-case name for people: {@code "SSH host key"}. */
        public String getLabel() {
            return label;
        }
    }

    public enum Status {
        PASSED,
        /** Passed, with a warning (for example: host key checking is off). */
        WARNING,
        FAILED,
        /** Not tried, because a step before it failed. */
        NOT_RUN
    }

    private final Step step;
    private final Status status;
    private final String message;

    private ConnectionCheck(Step step, Status status, String message) {
        this.step = Objects.requireNonNull(step, "step");
        this.status = status;
        this.message = Objects.requireNonNull(message, "message");
    }

    public static ConnectionCheck passed(Step step) {
        return new ConnectionCheck(step, Status.PASSED, "");
    }

    public static ConnectionCheck warning(Step step, String message) {
        return new ConnectionCheck(step, Status.WARNING, message);
    }

    public static ConnectionCheck failed(Step step, String message) {
        return new ConnectionCheck(step, Status.FAILED, message);
    }

    public static ConnectionCheck notRun(Step step) {
        return new ConnectionCheck(step, Status.NOT_RUN, "");
    }

    public Step getStep() {
        return step;
    }

    public Status getStatus() {
        return status;
    }

    /** Why the step failed or warned; empty when it passed or did not run. */
    public String getMessage() {
        return message;
    }

    public boolean isFailed() {
        return status == Status.FAILED;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ConnectionCheck that && step == that.step && status == that.status
                && message.equals(that.message);
    }

    @Override
    public int hashCode() {
        return Objects.hash(step, status, message);
    }

    @Override
    public String toString() {
        return step.getLabel() + ": " + status + (message.isEmpty() ? "" : " (" + message + ")");
    }
}
