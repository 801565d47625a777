package io.zopesync.core.zope;

import io.zopesync.core.kernel.ZopeSyncException;
import org.jspecify.annotations.Nullable;

/**
 * A Zope call failed. The message names the server, the call, the object and Zope's own words (its error page
 * stripped of HTML, e.g. {@code The id "x" is invalid - it is already in use.}); {@link #getStatus()} is the
 * HTTP status, or 0 when no answer came (connection refused, reset, timed out).
 */
public class ZopeException extends ZopeSyncException {
    private static final long serialVersionUID = 1L;

    /** What kind of failure this is; decides whether a retry may help. */
    public enum Kind {
        /** No usable answer: refused, reset, timed out, TLS failure. Reads may be retried. */
        TRANSPORT,
        /** 401, or a redirect to a login form: the login is wrong or lacks permission. */
        AUTHENTICATION,
        /** The object or folder does not exist. */
        NOT_FOUND,
        /** Zope answered with an error (400, 500, …). */
        SERVER
    }

    private final Kind kind;
    private final int status;
    private final String server;
    private final @Nullable String object;

    public ZopeException(Kind kind, int status, String server, @Nullable String object, String message,
            @Nullable Throwable cause) {
        super(message, cause);
        this.kind = kind;
        this.status = status;
        this.server = server;
        this.object = object;
    }

    public Kind getKind() {
        return kind;
    }

    /** The HTTP status, or 0 if no answer came. */
    public int getStatus() {
        return status;
    }

    /** The environment's name. */
    public String getServer() {
        return server;
    }

    /** The object path the call was about, or {@code null}. */
    public @Nullable String getObject() {
        return object;
    }
}
