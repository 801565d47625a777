package io.zopesync.core.internal;

import io.zopesync.core.bundle.Bundle;
import io.zopesync.core.bundle.Manifest;
import io.zopesync.core.bundle.ManifestEntry;
import io.zopesync.core.kernel.ZopeSyncException;
import io.zopesync.core.model.SyncListener;
import io.zopesync.core.model.SyncListener.TransferKind;
import io.zopesync.core.zexp.ZexpInfo;
import io.zopesync.core.zexp.ZexpReader;
import io.zopesync.core.zope.ExportedFile;
import io.zopesync.core.zope.ZopeApi;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The undo files of one target and run: each object a transaction replaces is first exported into the bundle's
 * {@code replaced/<target>/<run>/}, and a manifest lists them, so that {@code restore} can put them back later.
 * Used by one target job's thread.
 */
final class UndoFiles {
    private final String target;
    private final RunContext run;
    private final SyncListener listener;
    private final List<ManifestEntry> saved = new ArrayList<>();

    UndoFiles(String target, RunContext run) {
        this.target = target;
        this.run = run;
        this.listener = run.getListener();
    }

    /** The directory the files go to. */
    Path dir() {
        return Bundle.replacedDir(run.getBundleDir(), target, run.getRunId());
    }

    /**
     * Exports the object that {@code item} replaces into the bundle.
     *
     * @throws ZopeSyncException if the export fails or is not a valid .zexp file
     */
    void save(ZopeApi zope, PushItem item) {
        Path dir = dir();
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new ZopeSyncException("cannot create " + dir + ": " + e.getMessage(), e);
        }
        String fileName = Bundle.fileName(saved.size() + 1, item.id());
        Throttle progress = new Throttle(listener, target, TransferKind.SAVE_REPLACED, item.label(), -1);
        ExportedFile file = zope.export(item.destination(), dir.resolve(fileName), progress);
        progress.finish(file.size());
        ZexpInfo info = ZexpReader.read(file.file());
        saved.add(new ManifestEntry(item.destination().toString(), item.targetFolder().toString(), item.id(),
                info.className(), fileName, file.size(), file.sha256()));
    }

    /** The files saved so far. */
    List<ManifestEntry> saved() {
        return List.copyOf(saved);
    }

    /** Writes the manifest of the saved files, if any; {@code url} is the target's Zope. */
    void writeManifest(String url) {
        if (!saved.isEmpty()) {
            Bundle.writeManifest(dir(), new Manifest(Manifest.FORMAT_VERSION, target, url, Instant.now().toString(),
                    run.getRunId(), saved, run.undoneRun(target).orElse(null)));
        }
    }
}
