package io.zopesync.testkit.zope;

/**
 * The object types the Zope double knows, with the class and {@code meta_type} real Zope uses for them.
 */
public enum ZopeType {
    /** {@code OFS.Folder.Folder}. */
    FOLDER("OFS.Folder", "Folder", "Folder"),
    /**
     * {@code OFS.OrderedFolder.OrderedFolder}: a folder whose children keep an order of their own, which renames
     * keep and the {@code manage_move_objects_*} calls change (as Plone folders do).
     */
    ORDERED_FOLDER("OFS.OrderedFolder", "OrderedFolder", "Folder (Ordered)"),
    /** {@code OFS.DTMLDocument.DTMLDocument}; its content is the DTML source. */
    DTML_DOCUMENT("OFS.DTMLDocument", "DTMLDocument", "DTML Document"),
    /** {@code OFS.Image.File}. */
    FILE("OFS.Image", "File", "File"),
    /** {@code OFS.Image.Image}. */
    IMAGE("OFS.Image", "Image", "Image");

    private final String module;
    private final String className;
    private final String metaType;

    ZopeType(String module, String className, String metaType) {
        this.module = module;
        this.className = className;
        this.metaType = metaType;
    }

    /** The Python module of the class, e.g. {@code OFS.Folder}. */
    public String getModule() {
        return module;
    }

    /** The class name without its module, e.g. {@code Folder}. */
    public String getClassName() {
        return className;
    }

    /** The full class name, e.g. {@code OFS.Folder.Folder}. */
    public String getQualifiedName() {
        return module + "." + className;
    }

    /** Whether objects of this type hold other objects. */
    public boolean isFolderish() {
        return this == FOLDER || this == ORDERED_FOLDER;
    }

    /** Zope's {@code meta_type}, e.g. {@code DTML Document}. */
    public String getMetaType() {
        return metaType;
    }

    static ZopeType ofClass(String qualifiedName) {
        for (ZopeType type : values()) {
            if (type.getQualifiedName().equals(qualifiedName)) {
                return type;
            }
        }
        return null;
    }
}
