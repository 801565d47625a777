package io.zopesync.core.zope;

import java.util.Objects;

/**
 * What Zope holds at a path, as {@code PROPFIND Depth: 0} tells it: nothing, a folder (a WebDAV collection), or an
 * object that is not a folder, with its content type. It exists because existence alone is not enough for a
 * target folder: Zope answers a management call addressed to a document by acquiring it from the document's
 * folder, so an import "into" {@code /site/page} would land in {@code /site}.
 *
 * <p>{@code ZopeResource.object("text/html").describe()} gives {@code "an object of type text/html, not a folder"}.
 */
public final class ZopeResource {
    private static final ZopeResource MISSING = new ZopeResource(false, false, "");
    private static final ZopeResource FOLDER = new ZopeResource(true, true, "");

    private final boolean exists;
    private final boolean folder;
    private final String contentType;

    private ZopeResource(boolean exists, boolean folder, String contentType) {
        this.exists = exists;
        this.folder = folder;
        this.contentType = contentType;
    }

    /** Nothing is there. */
    public static ZopeResource missing() {
        return MISSING;
    }

    /** A folder is there. */
    public static ZopeResource folder() {
        return FOLDER;
    }

    /** An object that is not a folder is there; {@code contentType} may be empty if Zope named none. */
    public static ZopeResource object(String contentType) {
        return new ZopeResource(true, false, Objects.requireNonNull(contentType, "contentType").strip());
    }

    public boolean isExisting() {
        return exists;
    }

    public boolean isFolder() {
        return folder;
    }

    /** The content type Zope names for a non-folder object; empty for a folder, nothing, or none named. */
    public String getContentType() {
        return contentType;
    }

    /** For messages: {@code nothing}, {@code a folder}, or {@code an object of type text/html, not a folder}. */
    public String describe() {
        if (!exists) {
            return "nothing";
        }
        if (folder) {
            return "a folder";
        }
        return contentType.isEmpty() ? "an object that is not a folder"
                : "an object of type " + contentType + ", not a folder";
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ZopeResource that && exists == that.exists && folder == that.folder
                && contentType.equals(that.contentType);
    }

    @Override
    public int hashCode() {
        return Objects.hash(exists, folder, contentType);
    }

    @Override
    public String toString() {
        return "ZopeResource[" + describe() + "]";
    }
}
