package io.zopesync.core.model;

import io.zopesync.core.kernel.InvalidInputException;
import io.zopesync.core.kernel.ObjectPath;
import java.io.Serializable;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One object to sync: its path on the source and the folder it goes to on the targets (by default the same
 * folder as on the source). zupdate.py's {@code ('/myfolder/obj1', '/yourfolder')} is
 * {@code ObjectSpec.of("/myfolder/obj1", "/yourfolder")}. Immutable.
 */
public final class ObjectSpec implements Serializable {
    private static final long serialVersionUID = 1L;

    private final ObjectPath path;
    private final ObjectPath targetFolder;

    private ObjectSpec(ObjectPath path, @Nullable ObjectPath targetFolder) {
        if (path.isRoot()) {
            throw InvalidInputException.of("object path must name an object, not the root folder: /");
        }
        this.path = path;
        this.targetFolder = targetFolder == null ? path.getParent() : targetFolder;
    }

    public static ObjectSpec of(ObjectPath path, @Nullable ObjectPath targetFolder) {
        return new ObjectSpec(Objects.requireNonNull(path, "path"), targetFolder);
    }

    /**
     * Parses an object and an optional target folder.
     *
     * @param targetFolder the folder on the targets, or {@code null}/blank for the source's folder
     * @throws InvalidInputException if either path is bad
     */
    public static ObjectSpec of(String path, @Nullable String targetFolder) {
        ObjectPath folder = targetFolder == null || targetFolder.isBlank()
                ? null : ObjectPath.parse("target folder", targetFolder);
        return new ObjectSpec(ObjectPath.parse("object path", path), folder);
    }

    public static ObjectSpec of(String path) {
        return of(path, null);
    }

    public ObjectPath getPath() {
        return path;
    }

    /** The folder on the targets into which the object is imported. */
    public ObjectPath getTargetFolder() {
        return targetFolder;
    }

    /** Whether the object goes to another folder than the one it has on the source. */
    public boolean isRelocated() {
        return !targetFolder.equals(path.getParent());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ObjectSpec && ((ObjectSpec) o).path.equals(path)
                && ((ObjectSpec) o).targetFolder.equals(targetFolder);
    }

    @Override
    public int hashCode() {
        return Objects.hash(path, targetFolder);
    }

    @Override
    public String toString() {
        return isRelocated() ? path + " -> " + targetFolder : path.toString();
    }
}
