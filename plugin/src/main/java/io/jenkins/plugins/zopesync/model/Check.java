package io.jenkins.plugins.zopesync.model;

import java.util.Objects;

/**
 * The verdict on one configuration value: fine, worth a warning, or an error, with a message for the form.
 * The Jenkins descriptors turn it into a {@code FormValidation}; the checks themselves live in
 * {@link ConfigChecks} so that unit tests reach them without Jenkins. Immutable.
 */
public final class Check {
    /** How bad a value is. */
    public enum Kind {
        /** Nothing to say. */
        OK,
        /** Accepted, but the user should know something (e.g. host key checking is off). */
        WARNING,
        /** Not accepted. */
        ERROR
    }

    private static final Check OK = new Check(Kind.OK, null);

    private final Kind kind;
    private final String message;

    private Check(Kind kind, String message) {
        this.kind = kind;
        this.message = message;
    }

    public static Check ok() {
        return OK;
    }

    /** Fine, with something to show (e.g. "Connected"). */
    public static Check ok(String message) {
        return new Check(Kind.OK, Objects.requireNonNull(message, "message"));
    }

    public static Check warning(String message) {
        return new Check(Kind.WARNING, Objects.requireNonNull(message, "message"));
    }

    public static Check error(String message) {
        return new Check(Kind.ERROR, Objects.requireNonNull(message, "message"));
    }

    public Kind getKind() {
        return kind;
    }

    /** The message, or {@code null} for a plain {@link #ok()}. */
    public String getMessage() {
        return message;
    }

    public boolean isError() {
        return kind == Kind.ERROR;
    }

    @Override
    public String toString() {
        return kind == Kind.OK ? "OK" : kind + ": " + message;
    }
}
