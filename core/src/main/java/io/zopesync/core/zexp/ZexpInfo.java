package io.zopesync.core.zexp;

import org.jspecify.annotations.Nullable;

/**
 * What a structurally valid .zexp file holds.
 *
 * @param className the root object's class, {@code module.Class} (e.g. {@code OFS.Folder.Folder})
 * @param id the root object's id ({@code id} in its state, or {@code __name__} for files and images); this is the
 *     id Zope gives the imported object, whatever the file is called; {@code null} for an object without one
 *     (e.g. a {@code persistent.mapping.PersistentMapping} exported by plain ZODB), which Zope cannot import
 * @param records the number of object records
 * @param blobs the number of blob records
 * @param size the file's size in bytes
 */
public record ZexpInfo(String className, @Nullable String id, int records, int blobs, long size) {
}
