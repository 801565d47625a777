package io.zopesync.testkit.zope;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One mutable object of the double's database. Only used under the tree's lock.
 */
final class ZopeObject {
    private String id;
    private final ZopeType type;
    private String title;
    private String contentType;
    private byte[] content;
    private final Map<String, ZopeObject> children = new LinkedHashMap<>();
    private final long oid;
    private final int width;
    private final int height;
    /** For a large file: where its data is kept instead of {@link #content}; otherwise {@code null}. */
    private final Path dataFile;
    /**
     * When the object last changed, in milliseconds since the epoch: Zope's {@code _p_mtime}, the time of the
     * transaction that last wrote the object's own record (its attributes, for a folder also its list of children).
     */
    private long modified = System.currentTimeMillis();

    ZopeObject(long oid, String id, ZopeType type, String title, String contentType, byte[] content) {
        this(oid, id, type, title, contentType, content, -1, -1);
    }

    ZopeObject(long oid, String id, ZopeType type, String title, String contentType, byte[] content, int width,
            int height) {
        this(oid, id, type, title, contentType, width, height, content.clone());
    }

    /**
     * An object that keeps {@code ownContent} itself instead of a copy: an import builds a large file's data once
     * and hands it over, and nothing else holds the array.
     */
    static ZopeObject withOwnContent(long oid, String id, ZopeType type, String title, String contentType,
            byte[] ownContent, int width, int height) {
        return new ZopeObject(oid, id, type, title, contentType, width, height, ownContent);
    }

    private ZopeObject(long oid, String id, ZopeType type, String title, String contentType, int width, int height,
            byte[] ownContent) {
        this.oid = oid;
        this.id = id;
        this.type = type;
        this.title = title;
        this.contentType = contentType;
        this.content = ownContent;
        this.dataFile = null;
        if (type == ZopeType.IMAGE && width < 0) {
            int[] size = ImageSize.of(ownContent);
            this.width = size[0];
            this.height = size[1];
        } else {
            this.width = width;
            this.height = height;
        }
    }

    /** A large file whose data stays in {@code dataFile} (see {@link ZopeDouble#addLargeFile}). */
    ZopeObject(long oid, String id, String title, String contentType, Path dataFile) {
        this.oid = oid;
        this.id = id;
        this.type = ZopeType.FILE;
        this.title = title;
        this.contentType = contentType;
        this.content = new byte[0];
        this.width = -1;
        this.height = -1;
        this.dataFile = dataFile;
    }

    long getOid() {
        return oid;
    }

    String getId() {
        return id;
    }

    void setId(String newId) {
        this.id = newId;
        touch();
    }

    long getModified() {
        return modified;
    }

    /** The object's record was written: a rename, an edit, a child added or removed. */
    private void touch() {
        modified = System.currentTimeMillis();
    }

    ZopeType getType() {
        return type;
    }

    boolean isFolder() {
        return type.isFolderish();
    }

    /** Whether the children keep an order of their own ({@code OFS.OrderedFolder}). */
    boolean isOrdered() {
        return type == ZopeType.ORDERED_FOLDER;
    }

    String getTitle() {
        return title;
    }

    void setTitle(String newTitle) {
        this.title = newTitle;
        touch();
    }

    String getContentType() {
        return contentType;
    }

    /** @throws IllegalStateException for a large file, whose data is never read into memory whole */
    byte[] getContent() {
        checkInMemory();
        return content.clone();
    }

    private void checkInMemory() {
        if (dataFile != null) {
            throw new IllegalStateException("the data of the large file " + id + " stays on disk in " + dataFile);
        }
    }

    /** Where a large file's data is kept, or {@code null} for an object held in memory. */
    Path getDataFile() {
        return dataFile;
    }

    long getContentLength() {
        if (dataFile == null) {
            return content.length;
        }
        try {
            return Files.size(dataFile);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the size of " + dataFile, e);
        }
    }

    /**
     * Part of the content, without copying (or, for a large file, reading) all of it. In memory this is a view of
     * the content array, which is safe to keep: {@link #setContent} replaces the array and never changes it.
     */
    Pickles.Bytes getContentRange(long from, long to) {
        if (dataFile == null) {
            return Pickles.Bytes.view(content, Math.toIntExact(from), Math.toIntExact(to - from));
        }
        ByteBuffer range = ByteBuffer.allocate(Math.toIntExact(to - from));
        try (FileChannel channel = FileChannel.open(dataFile)) {
            int read;
            do {
                read = channel.read(range, from + range.position());
            } while (read >= 0 && range.hasRemaining());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + dataFile, e);
        }
        return Pickles.Bytes.view(range.array(), 0, range.capacity());
    }

    void setContent(byte[] newContent, String newContentType) {
        checkInMemory();
        this.content = newContent.clone();
        this.contentType = newContentType;
        touch();
    }

    int getWidth() {
        return width;
    }

    int getHeight() {
        return height;
    }

    ZopeObject getChild(String childId) {
        return children.get(childId);
    }

    List<ZopeObject> getChildren() {
        return new ArrayList<>(children.values());
    }

    List<String> getChildIds() {
        return new ArrayList<>(children.keySet());
    }

    /** Adds at the end of the folder order, as {@code _setObject} appends to {@code _objects}. */
    void addChild(ZopeObject child) {
        children.put(child.getId(), child);
        touch();
    }

    ZopeObject removeChild(String childId) {
        touch();
        return children.remove(childId);
    }

    /** Puts the children in this order; {@code ids} must name each child once. */
    void reorder(List<String> ids) {
        Map<String, ZopeObject> reordered = new LinkedHashMap<>();
        for (String childId : ids) {
            reordered.put(childId, children.get(childId));
        }
        if (reordered.size() != children.size() || reordered.containsValue(null)) {
            throw new IllegalArgumentException("not an order of the children of " + id + ": " + ids);
        }
        children.clear();
        children.putAll(reordered);
    }

    /** @throws IllegalStateException for a large file (and a folder holding one) */
    ZopeNode toNode() {
        checkInMemory();
        List<ZopeNode> nodes = new ArrayList<>();
        children.values().forEach(child -> nodes.add(child.toNode()));
        String nodeContentType = type == ZopeType.FILE || type == ZopeType.IMAGE ? contentType : null;
        return new ZopeNode(id, type, title, nodeContentType, content, nodes);
    }
}
