package io.zopesync.core.internal;

import io.zopesync.core.kernel.ObjectPath;
import java.nio.file.Path;
import java.util.List;

/**
 * One file to push to every target: the object it carries, where it goes, and its local file.
 *
 * @param label the object as shown to the user (its path on the source)
 * @param targetFolder the folder it is imported into
 * @param id the object's id inside the file (what Zope will call it)
 * @param file the local .zexp file
 * @param size the file's size
 * @param remoteName the generated name in the import directory ({@code zope-sync-<run>-<n>.zexp})
 * @param sha256 the file's SHA-256, {@code ""} before it is exported
 */
record PushItem(String label, ObjectPath targetFolder, String id, Path file, long size, String remoteName,
        String sha256) {

    /** Where the object ends up on the target. */
    ObjectPath destination() {
        return targetFolder.child(id);
    }

    /** The items' labels, in order. */
    static List<String> labels(List<PushItem> items) {
        return items.stream().map(PushItem::label).toList();
    }
}
