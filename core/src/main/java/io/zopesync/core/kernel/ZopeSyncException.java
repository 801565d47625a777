package io.zopesync.core.kernel;

/**
 * Base of every failure the engine reports. Messages always name what failed (server, target, object) and
 * never contain a secret.
 */
public class ZopeSyncException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ZopeSyncException(String message) {
        super(message);
    }

    public ZopeSyncException(String message, Throwable cause) {
        super(message, cause);
    }
}
