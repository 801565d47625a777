package io.zopesync.testkit.zope;

/** An exception raised inside the double's Zope, answered as real Zope answers its kind. */
final class ZopeError extends Exception {
    private static final long serialVersionUID = 1L;

    /** The heading of Zope 5's error page for an exception raised with a message of its own. */
    static final String SORRY = "Sorry, a site error occurred.";

    private final int status;
    private final String errorType;
    private final String title;

    private ZopeError(int status, String errorType, String title, String message) {
        super(message);
        this.status = status;
        this.errorType = errorType;
        this.title = title;
    }

    static ZopeError badRequest(String message) {
        return new ZopeError(400, "BadRequest", SORRY, message);
    }

    /** A missing required argument, worded as Zope's publisher words it (the message is HTML). */
    static ZopeError omitted(String name) {
        return new ZopeError(400, "BadRequest", "Invalid request", "The parameter, <em>" + Html.escape(name)
                + "</em>, was omitted from the request.<p>Make sure to specify all required parameters, and try the"
                + " request again.</p>");
    }

    static ZopeError notFound(String message) {
        return new ZopeError(404, "NotFound", SORRY, message);
    }

    /**
     * A name that traversal could not find (or may not publish), worded as Zope's publisher words it.
     *
     * @param entry the name that was not found
     */
    static ZopeError resourceNotFound(String entry) {
        return new ZopeError(404, "NotFound", "Resource not found", "Sorry, the requested resource does not exist."
                + "<p>Check the URL and try again.</p><p><b>Resource:</b> " + Html.escape(entry) + "</p>");
    }

    static ZopeError locked(String message) {
        return new ZopeError(423, "ResourceLockedError", SORRY, message);
    }

    /** Anything that is not one of Zope's own HTTP exceptions: a 500. */
    static ZopeError internal(String errorType, String message) {
        return new ZopeError(500, errorType, SORRY, message);
    }

    /** The heading Zope 5's error page shows above the message. */
    String getTitle() {
        return title;
    }

    int getStatus() {
        return status;
    }

    String getErrorType() {
        return errorType;
    }
}
