package io.zopesync.core.zope;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * An object and everything below it as Zope's WebDAV listing shows it ({@code PROPFIND Depth: infinity}): per
 * object its path below the top one, whether it is a folder, its modification time ({@code getlastmodified}: the
 * time of the ZODB transaction that last changed it, to the second), its size and its title.
 *
 * <p>The {@link #fingerprint()} of a tree changes when anything in it changes: an edit (a new modification
 * time, mostly also a new size or title), a child added, removed or renamed. It is compared only with an earlier
 * fingerprint of the same server's object, so no two clocks are ever compared. Two edits within the second of
 * the last push that keep size and title are the one change it can miss.
 */
public record ObjectTree(List<Entry> entries) {

    /**
     * One object of the tree.
     *
     * @param path the path below the tree's top object, {@code ""} for the top object itself, segments joined
     *     by {@code /}
     * @param lastModified {@code getlastmodified} as the server wrote it (an RFC 1123 date), {@code ""} if none
     * @param size {@code getcontentlength} as the server wrote it, {@code ""} if none
     * @param title {@code displayname}: the title, or the id where there is none
     */
    public record Entry(String path, boolean folder, String lastModified, String size, String title) {
    }

    public ObjectTree {
        entries = entries.stream().sorted(Comparator.comparing(Entry::path)).toList();
    }

    /** The paths below the top object (not the top object itself), sorted. */
    public Set<String> paths() {
        Set<String> paths = new LinkedHashSet<>();
        for (Entry entry : entries) {
            if (!entry.path().isEmpty()) {
                paths.add(entry.path());
            }
        }
        return paths;
    }

    /** {@code sha256:} and the lower-case hex SHA-256 of every entry, in path order. */
    public String fingerprint() {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JVM has no SHA-256", e);
        }
        for (Entry entry : entries) {
            String line = entry.path() + '\t' + (entry.folder() ? "folder" : "item") + '\t' + entry.lastModified()
                    + '\t' + entry.size() + '\t' + entry.title() + '\n';
            digest.update(line.getBytes(StandardCharsets.UTF_8));
        }
        return "sha256:" + HexFormat.of().formatHex(digest.digest());
    }
}
