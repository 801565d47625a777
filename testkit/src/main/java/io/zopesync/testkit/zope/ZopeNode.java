package io.zopesync.testkit.zope;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * An immutable deep copy of one object of the double's tree and everything below it: ids, types, titles, content
 * type and content. Two snapshots are equal when the trees are, so a test can compare a whole tree before and after
 * an operation:
 *
 * <pre>{@code
 * ZopeNode before = zope.snapshot();
 * runFailingSync();
 * assertThat(zope.snapshot()).isEqualTo(before);
 * }</pre>
 *
 * Object identifiers inside the database (oids) and owners are not part of the value.
 */
public final class ZopeNode {
    private final String id;
    private final ZopeType type;
    private final String title;
    private final String contentType;
    private final byte[] content;
    private final List<ZopeNode> children;

    ZopeNode(String id, ZopeType type, String title, String contentType, byte[] content, List<ZopeNode> children) {
        this.id = Objects.requireNonNull(id, "id");
        this.type = Objects.requireNonNull(type, "type");
        this.title = Objects.requireNonNull(title, "title");
        this.contentType = contentType;
        this.content = content.clone();
        this.children = List.copyOf(children);
    }

    /** The object's id; the root folder's id is the empty string. */
    public String getId() {
        return id;
    }

    public ZopeType getType() {
        return type;
    }

    public String getTitle() {
        return title;
    }

    /** The content type of a file or image; {@code null} for folders and documents. */
    public String getContentType() {
        return contentType;
    }

    /** A copy of the content: file or image bytes, a document's source as UTF-8, empty for folders. */
    public byte[] getContent() {
        return content.clone();
    }

    /** The content decoded as UTF-8, handy for documents. */
    public String getText() {
        return new String(content, StandardCharsets.UTF_8);
    }

    /** The children of a folder in their folder order; empty for other types. */
    public List<ZopeNode> getChildren() {
        return children;
    }

    /** The child with this id, if there is one. */
    public Optional<ZopeNode> getChild(String childId) {
        return children.stream().filter(child -> child.id.equals(childId)).findFirst();
    }

    @Override
    public boolean equals(Object other) {
        if (this == other) {
            return true;
        }
        if (!(other instanceof ZopeNode)) {
            return false;
        }
        ZopeNode node = (ZopeNode) other;
        return id.equals(node.id) && type == node.type && title.equals(node.title)
                && Objects.equals(contentType, node.contentType) && Arrays.equals(content, node.content)
                && children.equals(node.children);
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, type, title, contentType, Arrays.hashCode(content), children);
    }

    /** An indented listing of the tree, one object per line, so assertion failures show the difference. */
    @Override
    public String toString() {
        StringBuilder text = new StringBuilder();
        appendTo(text, "");
        return text.toString();
    }

    private void appendTo(StringBuilder text, String indent) {
        text.append(indent).append(id.isEmpty() ? "/" : id).append(" (").append(type);
        if (!title.isEmpty()) {
            text.append(", title=\"").append(title).append('"');
        }
        if (contentType != null) {
            text.append(", ").append(contentType);
        }
        if (!type.isFolderish()) {
            text.append(", ").append(content.length).append(" bytes, hash ")
                    .append(Integer.toHexString(Arrays.hashCode(content)));
        }
        text.append(")\n");
        children.forEach(child -> child.appendTo(text, indent + "  "));
    }
}
