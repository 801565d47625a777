package io.zopesync.core.bundle;

/**
 * One object in a bundle's manifest.
 *
 * @param path the object's path on the source
 * @param targetFolder the folder it goes to on the targets
 * @param id the root object's id, read from inside the .zexp
 * @param className the root object's class, e.g. {@code OFS.Folder.Folder}
 * @param file the .zexp file's name, relative to the bundle directory ({@code objects/001-obj1.zexp})
 * @param size the file's size in bytes
 * @param sha256 the file's SHA-256, lower-case hex
 */
public record ManifestEntry(String path, String targetFolder, String id, String className, String file, long size,
        String sha256) {
}
