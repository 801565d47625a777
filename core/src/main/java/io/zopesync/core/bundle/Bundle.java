package io.zopesync.core.bundle;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.zopesync.core.kernel.InvalidInputException;
import io.zopesync.core.kernel.ObjectPath;
import io.zopesync.core.kernel.ZopeIds;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * A directory of exported .zexp files with their {@code manifest.json}:
 * <pre>
 * manifest.json                              what was exported, with sizes and SHA-256
 * objects/001-obj1.zexp …                    the exported objects
 * replaced/&lt;target&gt;/&lt;run&gt;/manifest.json  objects a push replaced on a target: undo files
 * replaced/&lt;target&gt;/&lt;run&gt;/001-obj1.zexp …
 * </pre>
 * A promotion pushes the files of {@code objects/} only after {@link #verify(Path)} has checked every one of them
 * against the manifest, so that a target receives the very bytes that were exported and tested.
 */
public final class Bundle {
    /** The manifest's file name. */
    public static final String MANIFEST = "manifest.json";

    /** The most a manifest may hold: a few hundred bytes per object, so this is far more than any bundle needs. */
    static final int MANIFEST_LIMIT = 16 * 1024 * 1024;
    /** The folder of exported objects. */
    public static final String OBJECTS = "objects";
    /** The folder of replaced objects, one sub-folder per target and run. */
    public static final String REPLACED = "replaced";

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES);
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");
    private static final Pattern FILE_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,200}\\.zexp");

    private Bundle() {
    }

    /**
     * The file name for the {@code n}-th object of a bundle: a number and the id with every character outside
     * {@code [A-Za-z0-9._-]} replaced, e.g. {@code 002-my_file.zexp} for {@code my file}.
     */
    public static String fileName(int n, String id) {
        String safe = id.replaceAll("[^A-Za-z0-9._-]", "_");
        if (safe.length() > 100) {
            safe = safe.substring(0, 100);
        }
        return String.format("%03d-%s.zexp", n, safe);
    }

    /** Writes a manifest into a directory (which must exist). */
    public static void writeManifest(Path dir, Manifest manifest) {
        try {
            Path tmp = dir.resolve(MANIFEST + ".tmp");
            JSON.writeValue(tmp.toFile(), manifest);
            Files.move(tmp, dir.resolve(MANIFEST), java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new BundleException("cannot write " + dir.resolve(MANIFEST) + ": " + e.getMessage(), e);
        }
    }

    /**
     * Reads and checks a manifest, without checking the files it lists.
     *
     * @throws BundleException if it is missing, not JSON of the expected form, of another format version, or
     *     holds a bad path, id, file name or checksum
     */
    public static Manifest readManifest(Path dir) {
        Path file = dir.resolve(MANIFEST);
        Manifest manifest;
        try (InputStream in = Files.newInputStream(file)) {
            byte[] bytes = in.readNBytes(MANIFEST_LIMIT + 1);
            if (bytes.length > MANIFEST_LIMIT) {
                throw new BundleException("manifest " + file + " is larger than the limit of " + MANIFEST_LIMIT
                        + " bytes; is it a zope-sync manifest?");
            }
            manifest = JSON.readValue(bytes, Manifest.class);
        } catch (NoSuchFileException | java.io.FileNotFoundException e) {
            throw new BundleException("not a bundle: " + file + " does not exist");
        } catch (IOException e) {
            throw new BundleException("manifest " + file + " is not valid: " + firstLine(e.getMessage()), e);
        }
        if (manifest.formatVersion() != Manifest.FORMAT_VERSION) {
            throw new BundleException("manifest " + file + " has format version " + manifest.formatVersion()
                    + ", but this version of zope-sync reads version " + Manifest.FORMAT_VERSION);
        }
        if (manifest.objects() == null || manifest.objects().isEmpty()) {
            throw new BundleException("manifest " + file + " lists no object");
        }
        Set<String> files = new HashSet<>();
        for (ManifestEntry entry : manifest.objects()) {
            checkEntry(file, entry);
            if (!files.add(entry.file())) {
                throw new BundleException("manifest " + file + " lists file '" + entry.file() + "' twice");
            }
        }
        return manifest;
    }

    private static void checkEntry(Path manifest, ManifestEntry entry) {
        String where = "manifest " + manifest + ", object " + entry.path() + ": ";
        try {
            ObjectPath path = ObjectPath.parse("object path", String.valueOf(entry.path()));
            ObjectPath.parse("target folder", String.valueOf(entry.targetFolder()));
            if (path.isRoot()) {
                throw new InvalidInputException("object path must not be the root folder");
            }
            ZopeIds.check("object id", String.valueOf(entry.id()), String.valueOf(entry.id()));
        } catch (InvalidInputException e) {
            throw new BundleException(where + e.getMessage());
        }
        if (entry.file() == null || entry.file().indexOf('\0') >= 0
                || !FILE_NAME.matcher(Path.of(entry.file()).getFileName().toString()).matches()
                || entry.file().contains("..") || entry.file().startsWith("/") || entry.file().contains("\\")) {
            throw new BundleException(where + "bad file name " + ZopeIds.printable(String.valueOf(entry.file())));
        }
        if (entry.size() < 0) {
            throw new BundleException(where + "negative size " + entry.size());
        }
        if (entry.sha256() == null || !SHA256.matcher(entry.sha256()).matches()) {
            throw new BundleException(where + "bad SHA-256 " + ZopeIds.printable(String.valueOf(entry.sha256())));
        }
    }

    /**
     * Reads a bundle and verifies every exported file against its manifest: format version, presence, size,
     * SHA-256, and no .zexp file in {@code objects/} left out of the manifest.
     *
     * @throws BundleException naming the file and the mismatch
     */
    public static Manifest verify(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new BundleException("not a bundle: " + dir + " is not a directory");
        }
        Manifest manifest = readManifest(dir);
        verifyFiles(dir, manifest);
        Set<Path> listed = new HashSet<>();
        for (ManifestEntry entry : manifest.objects()) {
            listed.add(dir.resolve(entry.file()).normalize());
        }
        Path objects = dir.resolve(OBJECTS);
        if (Files.isDirectory(objects)) {
            try (Stream<Path> files = Files.list(objects)) {
                for (Path extra : (Iterable<Path>) files::iterator) {
                    if (!listed.contains(extra.normalize())) {
                        throw new BundleException("bundle " + dir + " holds a file its manifest does not list: "
                                + dir.relativize(extra));
                    }
                }
            } catch (IOException e) {
                throw new BundleException("cannot list " + objects + ": " + e.getMessage(), e);
            }
        }
        return manifest;
    }

    /** Checks each listed file's presence, size and SHA-256. */
    public static void verifyFiles(Path dir, Manifest manifest) {
        for (ManifestEntry entry : manifest.objects()) {
            Path file = dir.resolve(entry.file()).normalize();
            if (!file.startsWith(dir.normalize())) {
                throw new BundleException("manifest of " + dir + " names a file outside the bundle: "
                        + entry.file());
            }
            if (!Files.isRegularFile(file)) {
                throw new BundleException("bundle " + dir + " is missing " + entry.file() + " (object "
                        + entry.path() + ")");
            }
            long size;
            try {
                size = Files.size(file);
            } catch (IOException e) {
                throw new BundleException("cannot read " + file + ": " + e.getMessage(), e);
            }
            if (size != entry.size()) {
                throw new BundleException("bundle " + dir + ": " + entry.file() + " (object " + entry.path()
                        + ") has " + size + " bytes, the manifest says " + entry.size());
            }
            String sha = sha256(file);
            if (!sha.equals(entry.sha256())) {
                throw new BundleException("bundle " + dir + ": " + entry.file() + " (object " + entry.path()
                        + ") has SHA-256 " + sha + ", the manifest says " + entry.sha256()
                        + ": the file was changed after the export");
            }
        }
    }

    /** The directory for the objects a run replaces on a target: {@code replaced/<target>/<run>}. */
    public static Path replacedDir(Path bundleDir, String target, String runId) {
        return bundleDir.resolve(REPLACED).resolve(target).resolve(runId);
    }

    /**
     * Finds and verifies the newest set of replaced objects saved for a target, for a restore.
     *
     * @return the directory holding them; its manifest lists the objects as they were on the target
     * @throws BundleException if there is none, or it does not match its manifest
     */
    public static Path latestReplaced(Path bundleDir, String target) {
        Path base = bundleDir.resolve(REPLACED).resolve(target);
        List<Path> runs = new ArrayList<>();
        if (Files.isDirectory(base)) {
            try (Stream<Path> dirs = Files.list(base)) {
                dirs.filter(d -> Files.isRegularFile(d.resolve(MANIFEST))).forEach(runs::add);
            } catch (IOException e) {
                throw new BundleException("cannot list " + base + ": " + e.getMessage(), e);
            }
        }
        Optional<Path> newest = runs.stream().max(Comparator.comparing(d -> readManifest(d).created()));
        Path dir = newest.orElseThrow(() -> new BundleException("bundle " + bundleDir
                + " holds no replaced objects of target '" + target + "' (nothing to restore)"));
        verifyFiles(dir, readManifest(dir));
        return dir;
    }

    /** The SHA-256 of a file, lower-case hex. */
    public static String sha256(Path file) {
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest())) {
            byte[] buffer = new byte[64 * 1024];
            while (in.read(buffer) >= 0) {
                // reading feeds the digest
            }
            return HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
        } catch (IOException e) {
            throw new BundleException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** A new SHA-256 digest. */
    public static MessageDigest digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JVM has no SHA-256", e);
        }
    }

    private static String firstLine(@Nullable String message) {
        if (message == null) {
            return "unreadable";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
