package io.zopesync.core.bundle;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.zopesync.core.kernel.InvalidInputException;
import io.zopesync.core.kernel.ObjectPath;
import io.zopesync.core.kernel.ZopeIds;
import io.zopesync.core.model.ObjectSpec;
import io.zopesync.core.model.SyncRequest;
import io.zopesync.core.zexp.ZexpFormatException;
import io.zopesync.core.zexp.ZexpInfo;
import io.zopesync.core.zexp.ZexpReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.LinkOption;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
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
import java.util.Locale;
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
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);
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

    /**
     * Writes a manifest into a directory (which must exist).
     *
     * @return the SHA-256 of the manifest file written, lower-case hex: what {@link #verified(Path, Optional)}
     *     can be told to expect
     */
    public static String writeManifest(Path dir, Manifest manifest) {
        try {
            byte[] bytes = JSON.writeValueAsBytes(manifest);
            Path tmp = dir.resolve(MANIFEST + ".tmp");
            Files.write(tmp, bytes);
            Files.move(tmp, dir.resolve(MANIFEST), StandardCopyOption.REPLACE_EXISTING,
                    StandardCopyOption.ATOMIC_MOVE);
            return sha256(bytes);
        } catch (IOException e) {
            throw new BundleException("cannot write " + dir.resolve(MANIFEST) + ": " + e.getMessage(), e);
        }
    }

    /**
     * Reads and checks a manifest, without checking the files it lists.
     *
     * @throws BundleException if it is missing, a symbolic link, not JSON of the expected form, of another format
     *     version, or holds a bad path, id, file name or checksum, or objects that the rules of a request refuse
     *     (two landing at the same place on the targets, one inside another)
     */
    public static Manifest readManifest(Path dir) {
        Path file = dir.resolve(MANIFEST);
        return parseManifest(file, readManifestBytes(file));
    }

    /**
     * The SHA-256 of a bundle's {@code manifest.json}, lower-case hex; the manifest is read but not checked. Since
     * the manifest holds every file's SHA-256, this one value stands for the whole bundle: print it where the
     * bundle was made, and give it to {@link #verified(Path, Optional)} where the bundle is used.
     *
     * @throws BundleException if the manifest is missing, a symbolic link or too large
     */
    public static String manifestSha256(Path dir) {
        return sha256(readManifestBytes(dir.resolve(MANIFEST)));
    }

    private static byte[] readManifestBytes(Path file) {
        try (InputStream in = Channels.newInputStream(Files.newByteChannel(file, Set.of(StandardOpenOption.READ,
                LinkOption.NOFOLLOW_LINKS)))) {
            byte[] bytes = in.readNBytes(MANIFEST_LIMIT + 1);
            if (bytes.length > MANIFEST_LIMIT) {
                throw new BundleException("manifest " + file + " is larger than the limit of " + MANIFEST_LIMIT
                        + " bytes; is it a zope-sync manifest?");
            }
            return bytes;
        } catch (NoSuchFileException | java.io.FileNotFoundException e) {
            throw new BundleException("not a bundle: " + file + " does not exist");
        } catch (IOException e) {
            if (Files.isSymbolicLink(file)) {
                throw new BundleException("manifest " + file + " is a symbolic link; a bundle's files must be"
                        + " regular files");
            }
            throw new BundleException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private static Manifest parseManifest(Path file, byte[] bytes) {
        Manifest manifest;
        try {
            manifest = JSON.readValue(bytes, Manifest.class);
        } catch (IOException e) {
            throw new BundleException("manifest " + file + " is not valid: " + firstLine(e.getMessage()), e);
        }
        if (manifest.formatVersion() != Manifest.FORMAT_VERSION) {
            throw new BundleException("manifest " + file + " has format version " + manifest.formatVersion()
                    + ", but this version of zope-sync reads version " + Manifest.FORMAT_VERSION);
        }
        requirePresent(file, "source", manifest.source());
        requirePresent(file, "sourceUrl", manifest.sourceUrl());
        requirePresent(file, "created", manifest.created());
        requirePresent(file, "runId", manifest.runId());
        if (manifest.objects().isEmpty()) {
            throw new BundleException("manifest " + file + " lists no object");
        }
        Set<String> files = new HashSet<>();
        List<ObjectSpec> specs = new ArrayList<>();
        for (ManifestEntry entry : manifest.objects()) {
            checkEntry(file, entry);
            if (!files.add(entry.file())) {
                throw new BundleException("manifest " + file + " lists file '" + entry.file() + "' twice");
            }
            specs.add(ObjectSpec.of(entry.path(), entry.targetFolder()));
        }
        try {
            SyncRequest.checkObjects(specs);
        } catch (InvalidInputException e) {
            throw new BundleException("manifest " + file + ": " + e.getMessage());
        }
        return manifest;
    }

    private static void requirePresent(Path file, String field, String value) {
        if (value == null) {
            throw new BundleException("manifest " + file + " lacks '" + field + "'");
        }
    }

    private static void checkEntry(Path manifest, ManifestEntry entry) {
        String where = "manifest " + manifest + ", object " + ZopeIds.printable(String.valueOf(entry.path())) + ": ";
        try {
            ObjectPath path = ObjectPath.parse("object path", String.valueOf(entry.path()));
            ObjectPath.parse("target folder", String.valueOf(entry.targetFolder()));
            if (path.isRoot()) {
                throw new InvalidInputException("object path must not be the root folder");
            }
            ZopeIds.check("object id", String.valueOf(entry.id()), String.valueOf(entry.id()));
            if (!entry.id().equals(path.getId())) {
                throw InvalidInputException.of("object id %s is not the last segment of the object's path",
                        ZopeIds.printable(entry.id()));
            }
        } catch (InvalidInputException e) {
            throw new BundleException(where + e.getMessage());
        }
        if (entry.className() == null || entry.className().isEmpty()) {
            throw new BundleException(where + "no class");
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
     * Reads a bundle and verifies every exported file against its manifest, as a promotion does before it touches
     * a target: see {@link #verified(Path, Optional)}.
     *
     * @throws BundleException naming the file and the mismatch
     */
    public static Manifest verify(Path dir) {
        return verified(dir, Optional.empty()).getManifest();
    }

    /**
     * Reads a bundle and verifies it: the manifest (its SHA-256 too, if one is expected), and per listed file that
     * it is a regular file reached without a symbolic link, its size, its SHA-256, its .zexp structure and that the
     * root object's id and class are the manifest's; and that no .zexp file in {@code objects/} is left out of the
     * manifest. The manifest is read once: what is checked is what the caller gets.
     *
     * <pre>{@code
     * Manifest manifest = Bundle.verified(dir, Optional.of(shaPrintedByTheExport)).getManifest();
     * }</pre>
     *
     * @param expectedManifestSha256 the SHA-256 the manifest must have (hex, either case), e.g. the one the export
     *     printed; empty to accept any manifest that checks out
     * @throws BundleException naming the file and the mismatch
     */
    public static VerifiedBundle verified(Path dir, Optional<String> expectedManifestSha256) {
        if (!Files.isDirectory(dir)) {
            throw new BundleException("not a bundle: " + dir + " is not a directory");
        }
        Path file = dir.resolve(MANIFEST);
        byte[] bytes = readManifestBytes(file);
        String sha = sha256(bytes);
        if (expectedManifestSha256.isPresent()
                && !expectedManifestSha256.get().strip().toLowerCase(Locale.ROOT).equals(sha)) {
            throw new BundleException("manifest " + file + " has SHA-256 " + sha + ", but " + ZopeIds.printable(
                    expectedManifestSha256.get()) + " was expected: the manifest was changed, or this is another"
                    + " bundle");
        }
        Manifest manifest = parseManifest(file, bytes);
        verifyFiles(dir, manifest);
        Set<Path> listed = new HashSet<>();
        for (ManifestEntry entry : manifest.objects()) {
            listed.add(dir.resolve(entry.file()).normalize());
        }
        Path objects = dir.resolve(OBJECTS);
        if (Files.isDirectory(objects, LinkOption.NOFOLLOW_LINKS)) {
            try (Stream<Path> files = Files.list(objects)) {
                for (Path extra : (Iterable<Path>) files::iterator) {
                    if (!listed.contains(extra.normalize())) {
                        throw new BundleException("bundle " + dir + " holds a file its manifest does not list: "
                                + ZopeIds.printable(dir.relativize(extra).toString()));
                    }
                }
            } catch (IOException e) {
                throw new BundleException("cannot list " + objects + ": " + e.getMessage(), e);
            }
        }
        return new VerifiedBundle(dir, manifest, sha);
    }

    /**
     * Checks each listed file: a regular file inside {@code dir} reached without following a symbolic link, of
     * the manifest's size and SHA-256, a valid .zexp whose root object has the manifest's id and class.
     *
     * @throws BundleException naming the file and the mismatch
     */
    public static void verifyFiles(Path dir, Manifest manifest) {
        for (ManifestEntry entry : manifest.objects()) {
            verifyFile(dir, entry);
        }
    }

    private static void verifyFile(Path dir, ManifestEntry entry) {
        Path file = dir.resolve(entry.file()).normalize();
        String what = entry.file() + " (object " + entry.path() + ")";
        if (!file.startsWith(dir.normalize())) {
            throw new BundleException("manifest of " + dir + " names a file outside the bundle: " + entry.file());
        }
        Path step = dir.normalize();
        for (Path name : dir.normalize().relativize(file)) {
            step = step.resolve(name);
            if (Files.isSymbolicLink(step)) {
                throw new BundleException("bundle " + dir + ": " + dir.normalize().relativize(step) + " is a symbolic"
                        + " link; a bundle's files are read only as regular files inside it");
            }
        }
        if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            throw new BundleException("bundle " + dir + " is missing " + entry.file() + " (object "
                    + entry.path() + ")");
        }
        try (SeekableByteChannel channel = Files.newByteChannel(file, Set.of(StandardOpenOption.READ,
                LinkOption.NOFOLLOW_LINKS))) {
            long size = channel.size();
            if (size != entry.size()) {
                throw new BundleException("bundle " + dir + ": " + what + " has " + size + " bytes, the manifest"
                        + " says " + entry.size());
            }
            DigestInputStream in = new DigestInputStream(Channels.newInputStream(channel), digest());
            ZexpInfo info = null;
            RuntimeException unreadable = null;
            try {
                info = ZexpReader.read(in, entry.file(), size);
            } catch (ZexpFormatException | UncheckedIOException e) {
                unreadable = e;
            }
            in.transferTo(OutputStream.nullOutputStream());
            String sha = HexFormat.of().formatHex(in.getMessageDigest().digest());
            if (!sha.equals(entry.sha256())) {
                throw new BundleException("bundle " + dir + ": " + what + " has SHA-256 " + sha + ", the manifest"
                        + " says " + entry.sha256() + ": the file was changed after the export");
            }
            if (unreadable != null) {
                throw new BundleException("bundle " + dir + ": " + what + " is not a valid .zexp file: "
                        + unreadable.getMessage(), unreadable);
            }
            if (!entry.id().equals(info.id())) {
                throw new BundleException("bundle " + dir + ": " + what + " holds object "
                        + ZopeIds.printable(String.valueOf(info.id())) + ", but the manifest says "
                        + ZopeIds.printable(entry.id()));
            }
            if (!entry.className().equals(info.className())) {
                throw new BundleException("bundle " + dir + ": " + what + " holds an object of class "
                        + ZopeIds.printable(String.valueOf(info.className())) + ", but the manifest says "
                        + ZopeIds.printable(entry.className()));
            }
        } catch (IOException e) {
            throw new BundleException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** The directory for the objects a run replaces on a target: {@code replaced/<target>/<run>}. */
    public static Path replacedDir(Path bundleDir, String target, String runId) {
        return bundleDir.resolve(REPLACED).resolve(target).resolve(runId);
    }

    /**
     * What runs replaced on a target, as saved in the bundle, oldest first: what {@code restore} can undo.
     *
     * @throws BundleException if a saved manifest cannot be read or breaks a rule
     */
    public static List<ReplacedRun> replacedRuns(Path bundleDir, String target) {
        Path base = bundleDir.resolve(REPLACED).resolve(target);
        List<ReplacedRun> runs = new ArrayList<>();
        if (Files.isDirectory(base, LinkOption.NOFOLLOW_LINKS)) {
            try (Stream<Path> dirs = Files.list(base)) {
                for (Path dir : (Iterable<Path>) dirs.sorted()::iterator) {
                    if (Files.isRegularFile(dir.resolve(MANIFEST), LinkOption.NOFOLLOW_LINKS)) {
                        Manifest manifest = readManifest(dir);
                        runs.add(new ReplacedRun(target, manifest.runId(), manifest.created(),
                                manifest.objects().size(), manifest.undoes(), dir));
                    }
                }
            } catch (IOException e) {
                throw new BundleException("cannot list " + base + ": " + e.getMessage(), e);
            }
        }
        runs.sort(Comparator.comparing(ReplacedRun::getCreated).thenComparing(ReplacedRun::getRunId));
        return runs;
    }

    /** {@link #replacedRuns(Path, String)} for every target the bundle holds replaced objects of, by target name. */
    public static List<ReplacedRun> replacedRuns(Path bundleDir) {
        Path base = bundleDir.resolve(REPLACED);
        List<ReplacedRun> runs = new ArrayList<>();
        if (Files.isDirectory(base, LinkOption.NOFOLLOW_LINKS)) {
            try (Stream<Path> targets = Files.list(base)) {
                for (Path target : (Iterable<Path>) targets.sorted()::iterator) {
                    runs.addAll(replacedRuns(bundleDir, target.getFileName().toString()));
                }
            } catch (IOException e) {
                throw new BundleException("cannot list " + base + ": " + e.getMessage(), e);
            }
        }
        return runs;
    }

    /**
     * Finds and verifies what a restore of a target puts back: what the named run replaced there, or, with no run
     * named, what the one sync or promotion with this bundle replaced there. What a restore replaced is never
     * taken unless named, so that restoring twice puts back the same objects twice.
     *
     * @param runId the run to undo, as {@link #replacedRuns(Path, String)} lists them; empty for the only push
     * @throws BundleException if there is nothing to restore, the run is not there, several pushes could be meant
     *     (the message lists them), or the files do not match their manifest
     */
    public static ReplacedRun toRestore(Path bundleDir, String target, Optional<String> runId) {
        List<ReplacedRun> runs = replacedRuns(bundleDir, target);
        ReplacedRun chosen;
        if (runId.isPresent()) {
            chosen = runs.stream().filter(run -> run.getRunId().equals(runId.get())).findFirst()
                    .orElseThrow(() -> new BundleException("bundle " + bundleDir + " holds nothing that run "
                            + ZopeIds.printable(runId.get()) + " replaced on target '" + target + "'"
                            + (runs.isEmpty() ? " (nothing to restore)" : "; it holds what these runs replaced: "
                            + describe(runs))));
        } else {
            List<ReplacedRun> pushes = runs.stream().filter(run -> !run.isRestore()).toList();
            if (pushes.isEmpty()) {
                throw new BundleException("bundle " + bundleDir + " holds no replaced objects of target '" + target
                        + "' (nothing to restore)" + (runs.isEmpty() ? "" : "; it holds only what restores replaced: "
                        + describe(runs) + "; name one to undo it"));
            }
            if (pushes.size() > 1) {
                throw new BundleException("bundle " + bundleDir + " holds what " + pushes.size() + " pushes replaced"
                        + " on target '" + target + "': " + describe(pushes) + "; name the push to undo");
            }
            chosen = pushes.get(0);
        }
        verifyFiles(chosen.getDir(), readManifest(chosen.getDir()));
        return chosen;
    }

    private static String describe(List<ReplacedRun> runs) {
        List<String> parts = new ArrayList<>();
        for (ReplacedRun run : runs) {
            parts.add(run.getRunId() + " (" + run.getCreated() + (run.isRestore() ? ", a restore of "
                    + run.getUndoes().orElseThrow() : "") + ")");
        }
        return String.join(", ", parts);
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

    private static String sha256(byte[] bytes) {
        return HexFormat.of().formatHex(digest().digest(bytes));
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
