package io.jenkins.plugins.zopesync.model;

import io.zopesync.core.ZopeSync;
import io.zopesync.core.bundle.Bundle;
import io.zopesync.core.kernel.Timeouts;
import io.zopesync.core.model.Environment;
import io.zopesync.core.model.PushRequest;
import io.zopesync.core.model.SyncListener;
import io.zopesync.core.model.SyncOptions;
import io.zopesync.core.model.SyncRequest;
import io.zopesync.core.result.SyncResult;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * What the agent does for one {@code zopeSync} call, without Jenkins: a sync or an export into a new bundle
 * directory, or the promotion of an existing one, by the engine; then the list of the bundle's files for archiving.
 *
 * <pre>{@code
 * SyncResult result = EngineRun.run(new ZopeSync(), request, dev, List.of(test), timeouts, "jenkins site #7",
 *         bundleDir, listener);
 * }</pre>
 */
public final class EngineRun {
    private EngineRun() {}

    /**
     * Runs the engine.
     *
     * @param source the source, or {@code null} for a promotion
     * @param holder who runs it, written into the targets' locks
     * @throws io.zopesync.core.kernel.ZopeSyncException if the run cannot start or stops before any target is changed
     */
    public static SyncResult run(
            ZopeSync engine,
            SyncStepRequest request,
            Environment source,
            List<Environment> targets,
            Timeouts timeouts,
            String holder,
            Path bundleDir,
            SyncListener listener) {
        SyncOptions options = request.toOptions(timeouts);
        if (request.isPromotion()) {
            return engine.push(PushRequest.of(PushRequest.Mode.PROMOTE, bundleDir, targets, options, holder), listener);
        }
        SyncRequest.Builder sync = SyncRequest.builder(Objects.requireNonNull(source, "source"), bundleDir)
                .objects(request.getObjects())
                .options(options)
                .holder(holder);
        if (request.isExportOnly()) {
            return engine.export(sync, listener);
        }
        return engine.sync(sync.targets(targets).build(), listener);
    }

    /**
     * What an export put into its bundle, for the build page: the manifest's objects. Empty for any other run (a
     * sync or promotion lists its objects per target) and for an export that wrote no manifest (it failed or was a
     * dry run).
     *
     * @throws io.zopesync.core.bundle.BundleException if the export's manifest cannot be read
     */
    public static ArrayList<SyncSummary.ExportedObject> exported(SyncResult result, Path bundleDir) {
        boolean export = "export".equals(result.kind()) && !result.dryRun();
        if (!export || !Files.isRegularFile(bundleDir.resolve(Bundle.MANIFEST))) {
            return new ArrayList<>();
        }
        return SyncSummary.exported(Bundle.readManifest(bundleDir).objects());
    }

    /**
     * Each regular file under a bundle directory, by {@code /}-separated relative path in name order, with its MD5
     * sum (what Jenkins' fingerprints are made of; no security use). Empty if the directory does not exist.
     */
    public static LinkedHashMap<String, String> files(Path bundleDir) throws IOException {
        LinkedHashMap<String, String> files = new LinkedHashMap<>();
        if (!Files.isDirectory(bundleDir)) {
            return files;
        }
        List<Path> paths;
        try (Stream<Path> walk = Files.walk(bundleDir)) {
            paths = walk.filter(Files::isRegularFile).sorted().toList();
        }
        for (Path file : paths) {
            files.put(bundleDir.relativize(file).toString().replace(File.separatorChar, '/'), md5(file));
        }
        return files;
    }

    private static String md5(Path file) throws IOException {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IOException("the JVM has no MD5 for Jenkins' fingerprints", e);
        }
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest)) {
            in.transferTo(OutputStream.nullOutputStream());
        }
        return HexFormat.of().formatHex(digest.digest());
    }
}
