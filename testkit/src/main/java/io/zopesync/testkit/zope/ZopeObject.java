package io.zopesync.testkit.zope;

import java.util.ArrayList;
import java.util.Arrays;
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

    ZopeObject(long oid, String id, ZopeType type, String title, String contentType, byte[] content) {
        this(oid, id, type, title, contentType, content, -1, -1);
    }

    ZopeObject(long oid, String id, ZopeType type, String title, String contentType, byte[] content, int width,
            int height) {
        this.oid = oid;
        this.id = id;
        this.type = type;
        this.title = title;
        this.contentType = contentType;
        this.content = content.clone();
        if (type == ZopeType.IMAGE && width < 0) {
            int[] size = ImageSize.of(content);
            this.width = size[0];
            this.height = size[1];
        } else {
            this.width = width;
            this.height = height;
        }
    }

    long getOid() {
        return oid;
    }

    String getId() {
        return id;
    }

    void setId(String newId) {
        this.id = newId;
    }

    ZopeType getType() {
        return type;
    }

    boolean isFolder() {
        return type == ZopeType.FOLDER;
    }

    String getTitle() {
        return title;
    }

    void setTitle(String newTitle) {
        this.title = newTitle;
    }

    String getContentType() {
        return contentType;
    }

    byte[] getContent() {
        return content.clone();
    }

    int getContentLength() {
        return content.length;
    }

    /** A copy of part of the content, without copying all of it. */
    byte[] getContentRange(int from, int to) {
        return Arrays.copyOfRange(content, from, to);
    }

    void setContent(byte[] newContent, String newContentType) {
        this.content = newContent.clone();
        this.contentType = newContentType;
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
    }

    ZopeObject removeChild(String childId) {
        return children.remove(childId);
    }

    ZopeNode toNode() {
        List<ZopeNode> nodes = new ArrayList<>();
        children.values().forEach(child -> nodes.add(child.toNode()));
        String nodeContentType = type == ZopeType.FILE || type == ZopeType.IMAGE ? contentType : null;
        return new ZopeNode(id, type, title, nodeContentType, content, nodes);
    }
}
