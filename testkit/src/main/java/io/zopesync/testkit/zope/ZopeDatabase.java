package io.zopesync.testkit.zope;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The double's object database: the root folder, oids, WebDAV locks and the event log. Callers hold the monitor
 * of this object for every read and write, so a whole Zope call is one transaction.
 */
final class ZopeDatabase {
    private static final Pattern BAD_ID = Pattern.compile("[^a-zA-Z0-9\\-_~,.$()# @]");

    private final ZopeObject root;
    private long lastOid;
    private final Set<String> locked = new HashSet<>();
    private final List<String> eventLog = Collections.synchronizedList(new ArrayList<>());

    ZopeDatabase() {
        root = new ZopeObject(0, "", ZopeType.FOLDER, "Zope", null, new byte[0]);
    }

    ZopeObject getRoot() {
        return root;
    }

    synchronized long newOid() {
        return ++lastOid;
    }

    /** Splits {@code /a/b c/d} into its ids; {@code /} is the root. */
    static List<String> split(String path) {
        if (path == null || !path.startsWith("/")) {
            throw new IllegalArgumentException("object path must be absolute: " + path);
        }
        List<String> ids = new ArrayList<>();
        for (String id : path.split("/")) {
            if (!id.isEmpty()) {
                ids.add(id);
            }
        }
        return ids;
    }

    static String join(List<String> ids) {
        return "/" + String.join("/", ids);
    }

    /** The object at exactly this path, without acquisition; {@code null} if there is none. */
    ZopeObject find(List<String> ids) {
        ZopeObject current = root;
        for (String id : ids) {
            current = current.isFolder() ? current.getChild(id) : null;
            if (current == null) {
                return null;
            }
        }
        return current;
    }

    /** The folder at exactly this path, for the seeding methods. */
    ZopeObject requireFolder(String path) {
        ZopeObject folder = find(split(path));
        if (folder == null || !folder.isFolder()) {
            throw new IllegalArgumentException("no folder at " + path);
        }
        return folder;
    }

    /**
     * Zope's {@code checkValidId}: the id must be usable in URLs and not yet used in the folder.
     *
     * @throws ZopeError a BadRequest with Zope's message
     */
    static void checkValidId(ZopeObject folder, String id) throws ZopeError {
        checkIdSyntax(id);
        if (folder.getChild(id) != null) {
            throw ZopeError.badRequest("The id \"" + id + "\" is invalid - it is already in use.");
        }
    }

    static void checkIdSyntax(String id) throws ZopeError {
        if (id == null || id.isEmpty()) {
            throw ZopeError.badRequest("Empty or invalid id specified");
        }
        if (BAD_ID.matcher(id).find()) {
            throw ZopeError.badRequest("The id \"" + Html.escape(id) + "\" contains characters illegal in URLs.");
        }
        if (id.equals(".") || id.equals("..")) {
            throw ZopeError.badRequest("The id \"" + id + "\" is invalid because it is not traversable.");
        }
        if (id.startsWith("_")) {
            throw ZopeError.badRequest("The id \"" + id + "\" is invalid because it begins with an underscore.");
        }
        if (id.startsWith("aq_")) {
            throw ZopeError.badRequest("The id \"" + id + "\" is invalid because it begins with \"aq_\".");
        }
        if (id.endsWith("__")) {
            throw ZopeError.badRequest("The id \"" + id + "\" is invalid because it ends with two underscores.");
        }
        if (id.equals("REQUEST")) {
            throw ZopeError.badRequest("REQUEST is a reserved name.");
        }
    }

    /** Adds a new object at {@code path} for the seeding methods, checking the id as Zope does. */
    synchronized ZopeObject seed(String path, ZopeType type, String title, String contentType, byte[] content) {
        List<String> ids = split(path);
        if (ids.isEmpty()) {
            throw new IllegalArgumentException("cannot add the root folder: " + path);
        }
        ZopeObject parent = requireFolder(join(ids.subList(0, ids.size() - 1)));
        String id = ids.get(ids.size() - 1);
        try {
            checkValidId(parent, id);
        } catch (ZopeError e) {
            throw new IllegalArgumentException("cannot add " + path + ": " + e.getMessage(), e);
        }
        ZopeObject object = new ZopeObject(newOid(), id, type, title, contentType, content);
        parent.addChild(object);
        return object;
    }

    /** Adds a large file whose data stays in {@code data}, checking the id as Zope does. */
    synchronized ZopeObject seedLarge(String path, String contentType, java.nio.file.Path data) {
        List<String> ids = split(path);
        if (ids.isEmpty()) {
            throw new IllegalArgumentException("cannot add the root folder: " + path);
        }
        ZopeObject parent = requireFolder(join(ids.subList(0, ids.size() - 1)));
        String id = ids.get(ids.size() - 1);
        try {
            checkValidId(parent, id);
        } catch (ZopeError e) {
            throw new IllegalArgumentException("cannot add " + path + ": " + e.getMessage(), e);
        }
        ZopeObject object = new ZopeObject(newOid(), id, "", contentType, data);
        parent.addChild(object);
        return object;
    }

    synchronized void lock(String path, boolean on) {
        if (find(split(path)) == null) {
            throw new IllegalArgumentException("no object at " + path);
        }
        if (on) {
            locked.add(join(split(path)));
        } else {
            locked.remove(join(split(path)));
        }
    }

    synchronized boolean isLocked(List<String> ids) {
        return locked.contains(join(ids));
    }

    synchronized void forgetLocksBelow(List<String> ids) {
        String prefix = join(ids);
        locked.removeIf(path -> path.equals(prefix) || path.startsWith(prefix + "/"));
    }

    void log(String message) {
        eventLog.add(message);
    }

    List<String> getEventLog() {
        synchronized (eventLog) {
            return List.copyOf(eventLog);
        }
    }
}
