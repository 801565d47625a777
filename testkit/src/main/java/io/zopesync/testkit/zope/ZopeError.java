package io.zopesync.testkit.zope;

/** An exception raised inside the double's Zope, answered as real Zope answers its kind. */
final class ZopeError extends Exception {
    private static final long serialVersionUID = 1L;

    private final int status;
    private final String errorType;

    private ZopeError(int status, String errorType, String message) {
        super(message);
        this.status = status;
        this.errorType = errorType;
    }

    static ZopeError badRequest(String message) {
        return new ZopeError(400, "BadRequest", message);
    }

    static ZopeError notFound(String message) {
        return new ZopeError(404, "NotFound", message);
    }

    static ZopeError locked(String message) {
        return new ZopeError(423, "ResourceLockedError", message);
    }

    /** Anything that is not one of Zope's own HTTP exceptions: a 500. */
    static ZopeError internal(String errorType, String message) {
        return new ZopeError(500, errorType, message);
    }

    int getStatus() {
        return status;
    }

    String getErrorType() {
        return errorType;
    }
}
