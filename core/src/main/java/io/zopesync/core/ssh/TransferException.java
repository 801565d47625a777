package io.zopesync.core.ssh;

import io.zopesync.core.kernel.ZopeSyncException;

/**
 * An SSH connection or file operation failed. The message names the endpoint ({@code user@host:port}), the
 * operation and the remote file, and for a host key mismatch the offered fingerprint and how to pin it.
 */
public class TransferException extends ZopeSyncException {
    private static final long serialVersionUID = 1L;

    /** What kind of failure this is; decides whether a retry may help. */
    public enum Kind {
        /** Connection refused, reset, dropped or timed out: may be retried. */
        TRANSPORT,
        /** The key was refused. */
        AUTHENTICATION,
        /** The host key did not match, or is unknown. */
        HOST_KEY,
        /** A file operation was refused: no such directory, permission denied, disk full. */
        FILE
    }

    private final Kind kind;
    private final String endpoint;

    public TransferException(Kind kind, String endpoint, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
        this.endpoint = endpoint;
    }

    public Kind getKind() {
        return kind;
    }

    /** {@code user@host:port}. */
    public String getEndpoint() {
        return endpoint;
    }
}
