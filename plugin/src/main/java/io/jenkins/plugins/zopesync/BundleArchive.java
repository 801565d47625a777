package io.jenkins.plugins.zopesync;

import hudson.AbortException;
import hudson.FilePath;
import hudson.Launcher;
import hudson.model.BuildListener;
import hudson.model.Fingerprint;
import hudson.model.FingerprintMap;
import hudson.model.InvisibleAction;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.tasks.Fingerprinter;
import io.jenkins.plugins.zopesync.model.Texts;
import io.zopesync.core.bundle.Bundle;
import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import jenkins.model.Jenkins;
import jenkins.util.BuildListenerAdapter;
import jenkins.util.VirtualFile;

/**
 * Where a build's bundle lives: written into the workspace ({@code zope-sync/<build number>/}), archived with the
 * build under {@value #ARCHIVE_DIR}{@code /} and fingerprinted; for a promotion, read back from the build's
 * artifacts (or a workspace folder) into the workspace of the agent that pushes it.
 *
 * <p>One export per build (claimed atomically, see {@link #prepare}): the archive holds one bundle, so that {@code zopeSync bundle: 'zope-sync'} always means
 * the bytes this build exported and tested. A promotion adds the objects it replaced under
 * {@code zope-sync/replaced/<target>/}.
 */
final class BundleArchive {
    /** The bundle's folder among the build's artifacts, and the workspace folder bundles are written to. */
    static final String ARCHIVE_DIR = "zope-sync";

    private static final String REPLACED = "replaced/";

    /** Guards the check and the mark of {@link #prepare} together (no Jenkins lock covers a build's actions so). */
    private static final Object CLAIMS = new Object();

    private BundleArchive() {}

    /** A bundle directory in a workspace, and where it came from. */
    static final class Location {
        private final FilePath directory;
        private final String workspacePath;
        private final String promoted;

        private Location(FilePath directory, String workspacePath, String promoted) {
            this.directory = directory;
            this.workspacePath = workspacePath;
            this.promoted = promoted;
        }

        FilePath getDirectory() {
            return directory;
        }

        /** The directory relative to the workspace, {@code /}-separated. */
        String getWorkspacePath() {
            return workspacePath;
        }

        /** The bundle that is promoted, as the step named it, or {@code null} for a new export. */
        String getPromoted() {
            return promoted;
        }
    }

    /**
     * Claims this build's one bundle for an export and gives it an empty workspace directory. The claim is taken
     * atomically on the build, so that of two exports in {@code parallel} branches exactly one gets it, whatever
     * their timing; {@link #release} gives it back if the export archives nothing.
     *
     * @throws AbortException if this build has claimed or archived its bundle already
     */
    static Location prepare(Run<?, ?> run, FilePath workspace) throws IOException, InterruptedException {
        synchronized (CLAIMS) {
            if (run.getAction(ExportClaim.class) != null
                    || run.getArtifactManager()
                            .root()
                            .child(ARCHIVE_DIR)
                            .child(Bundle.MANIFEST)
                            .exists()) {
                throw new AbortException(Texts.get("Run.SecondExport", ARCHIVE_DIR));
            }
            run.addAction(new ExportClaim());
        }
        String path = ARCHIVE_DIR + "/" + run.getNumber();
        FilePath directory = workspace.child(path);
        directory.deleteRecursive();
        return new Location(directory, path, null);
    }

    /** Gives back the claim of {@link #prepare} after an export that archived nothing (it failed, or a dry run). */
    static void release(Run<?, ?> run, Location bundle) throws IOException {
        if (bundle.getPromoted() == null) {
            synchronized (CLAIMS) {
                ExportClaim claim = run.getAction(ExportClaim.class);
                if (claim != null) {
                    run.removeAction(claim);
                }
            }
        }
    }

    /** The mark of a build whose bundle an export has claimed; kept with the build. */
    static final class ExportClaim extends InvisibleAction {}

    /**
     * The bundle to promote: copied from this build's artifacts if they hold {@code bundle/manifest.json} (without
     * the undo files of earlier pushes), else the workspace folder of that name.
     *
     * @throws AbortException naming the bundle if neither exists
     */
    static Location fetch(Run<?, ?> run, FilePath workspace, String bundle, TaskListener listener)
            throws IOException, InterruptedException {
        VirtualFile archived = run.getArtifactManager().root().child(bundle);
        if (archived.child("manifest.json").exists()) {
            String path = ARCHIVE_DIR + "/" + run.getNumber() + "-promote";
            FilePath directory = workspace.child(path);
            directory.deleteRecursive();
            int files = 0;
            for (String relative : archived.list("**/*", REPLACED + "**", false)) {
                try (InputStream in = archived.child(relative).open()) {
                    directory.child(relative).copyFrom(in);
                }
                files++;
            }
            listener.getLogger().println(Texts.get("Run.BundleFromArchive", bundle, files, path));
            return new Location(directory, path, bundle);
        }
        FilePath local = workspace.child(bundle);
        if (local.child("manifest.json").exists()) {
            listener.getLogger().println(Texts.get("Run.BundleFromWorkspace", bundle));
            return new Location(local, bundle, bundle);
        }
        throw new AbortException(Texts.get("Run.NoBundle", bundle));
    }

    /**
     * Archives the bundle's files (for a promotion only the objects it replaced) under {@value #ARCHIVE_DIR} and
     * records their fingerprints.
     *
     * @param files the bundle's files, relative to its directory, with their MD5 sums
     * @return the bundle's name among the artifacts, or the promoted bundle's name; {@code null} if a new export
     *     wrote nothing (a dry run)
     */
    static String archive(
            Run<?, ?> run,
            FilePath workspace,
            Launcher launcher,
            TaskListener listener,
            Location bundle,
            Map<String, String> files)
            throws IOException, InterruptedException {
        Map<String, String> artifacts = new LinkedHashMap<>();
        Map<String, String> fingerprints = new LinkedHashMap<>();
        for (Map.Entry<String, String> file : files.entrySet()) {
            if (bundle.getPromoted() != null && !file.getKey().startsWith(REPLACED)) {
                continue;
            }
            String archivePath = ARCHIVE_DIR + "/" + file.getKey();
            artifacts.put(archivePath, bundle.getWorkspacePath() + "/" + file.getKey());
            fingerprints.put(archivePath, file.getValue());
        }
        if (artifacts.isEmpty()) {
            return bundle.getPromoted();
        }
        BuildListener buildListener = BuildListenerAdapter.wrap(listener);
        run.pickArtifactManager().archive(workspace, launcher, buildListener, artifacts);
        fingerprint(run, fingerprints);
        listener.getLogger().println(Texts.get("Run.Archived", artifacts.size(), ARCHIVE_DIR));
        return bundle.getPromoted() == null ? ARCHIVE_DIR : bundle.getPromoted();
    }

    private static void fingerprint(Run<?, ?> run, Map<String, String> fingerprints) throws IOException {
        FingerprintMap map = Jenkins.get().getFingerprintMap();
        for (Map.Entry<String, String> file : fingerprints.entrySet()) {
            Fingerprint fingerprint = map.getOrCreate(run, file.getKey(), file.getValue());
            fingerprint.addFor(run);
        }
        Fingerprinter.FingerprintAction action = run.getAction(Fingerprinter.FingerprintAction.class);
        if (action == null) {
            run.addAction(new Fingerprinter.FingerprintAction(run, fingerprints));
        } else {
            action.add(fingerprints);
        }
    }
}
