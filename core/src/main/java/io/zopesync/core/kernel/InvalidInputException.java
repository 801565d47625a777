package io.zopesync.core.kernel;

/**
 * A value given by the user is not acceptable. Thrown before anything is contacted or changed; the message
 * names the bad value, e.g. {@code object path must be absolute: foo/bar}.
 */
public class InvalidInputException extends ZopeSyncException {
    private static final long serialVersionUID = 1L;

    public InvalidInputException(String message) {
        super(message);
    }

    /** Builds the exception from a {@link String#format} pattern; the pattern should echo the bad value. */
    public static InvalidInputException of(String format, Object... args) {
        return new InvalidInputException(String.format(format, args));
    }
}
