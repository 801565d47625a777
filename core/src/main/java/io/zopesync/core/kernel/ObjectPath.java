package io.zopesync.core.kernel;

import java.io.Serializable;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * An absolute path of a Zope object, such as {@code /myfolder/obj1}; {@code /} is the root folder.
 *
 * <p>Every segment is a valid Zope id ({@link ZopeIds}). Build one with {@link #parse(String)}:
 * {@code ObjectPath.parse("/myfolder/obj1").getId()} is {@code "obj1"} and {@code getParent()} is
 * {@code /myfolder}. Immutable and thread-safe.
 */
public final class ObjectPath implements Serializable {
    private static final long serialVersionUID = 1L;
    private static final ObjectPath ROOT = new ObjectPath(List.of());

    private final List<String> segments;

    private ObjectPath(List<String> segments) {
        this.segments = List.copyOf(segments);
    }

    /** The root folder, {@code /}. */
    public static ObjectPath root() {
        return ROOT;
    }

    /**
     * Parses an absolute path. A trailing slash is allowed ({@code /a/b/} is {@code /a/b}).
     *
     * @param what what the path is, for the message (e.g. {@code "object path"}, {@code "target folder"})
     * @param path the path as typed
     * @throws InvalidInputException if the path is empty, relative or has a bad segment
     */
    public static ObjectPath parse(String what, String path) {
        Objects.requireNonNull(path, what);
        if (path.isEmpty()) {
            throw InvalidInputException.of("%s must not be empty", what);
        }
        if (!path.startsWith("/")) {
            throw InvalidInputException.of("%s must be absolute (start with '/'): %s", what, ZopeIds.printable(path));
        }
        if (path.equals("/")) {
            return ROOT;
        }
        String body = path.endsWith("/") ? path.substring(1, path.length() - 1) : path.substring(1);
        List<String> segments = new ArrayList<>();
        for (String segment : body.split("/", -1)) {
            ZopeIds.check(what, path, segment);
            segments.add(segment);
        }
        return new ObjectPath(segments);
    }

    /** Parses an object path; see {@link #parse(String, String)}. */
    public static ObjectPath parse(String path) {
        return parse("object path", path);
    }

    public boolean isRoot() {
        return segments.isEmpty();
    }

    /** The object's own id, the last segment. */
    public String getId() {
        if (isRoot()) {
            throw new IllegalStateException("the root folder has no id");
        }
        return segments.get(segments.size() - 1);
    }

    /** The folder that holds this object. */
    public ObjectPath getParent() {
        if (isRoot()) {
            throw new IllegalStateException("the root folder has no parent");
        }
        return new ObjectPath(segments.subList(0, segments.size() - 1));
    }

    /**
     * The path of a child of this folder.
     *
     * @throws InvalidInputException if {@code id} is not a valid Zope id
     */
    public ObjectPath child(String id) {
        ZopeIds.check("object id", id, id);
        List<String> longer = new ArrayList<>(segments);
        longer.add(id);
        return new ObjectPath(longer);
    }

    public List<String> getSegments() {
        return segments;
    }

    /** Whether this path is {@code other} or lies inside it. */
    public boolean startsWith(ObjectPath other) {
        return segments.size() >= other.segments.size()
                && segments.subList(0, other.segments.size()).equals(other.segments);
    }

    /**
     * The path for a URL: each segment percent-encoded, joined by {@code /}, with a leading {@code /}; the root
     * is the empty string so that {@code base + toUrlPath() + "/manage_main"} works for every folder.
     */
    public String toUrlPath() {
        StringBuilder out = new StringBuilder();
        for (String segment : segments) {
            out.append('/').append(URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20"));
        }
        return out.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ObjectPath && ((ObjectPath) o).segments.equals(segments);
    }

    @Override
    public int hashCode() {
        return segments.hashCode();
    }

    @Override
    public String toString() {
        return isRoot() ? "/" : "/" + String.join("/", segments);
    }
}
