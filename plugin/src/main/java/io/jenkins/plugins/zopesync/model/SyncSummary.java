package io.jenkins.plugins.zopesync.model;

import io.zopesync.core.bundle.ManifestEntry;
import io.zopesync.core.result.ObjectResult;
import io.zopesync.core.result.SyncResult;
import io.zopesync.core.result.TargetResult;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * What a build page shows about one {@code zopeSync} call: a table of objects (rows) by targets (columns), each
 * cell the object's outcome on that target with its size and time, one status line per target, and the archived
 * bundle. An export with no target has no such table; it lists the exported objects from the bundle's manifest
 * instead ({@link #getExported()}). The view only prints these values.
 *
 * <p>{@code SyncSummary.of(result, "zope-sync")}, or {@code SyncSummary.of(result, "zope-sync",
 * SyncSummary.exported(manifest))} for an export. It is stored with the build, so it keeps plain values (no
 * engine records, no JDK immutable collections, which Jenkins' XML persistence cannot read back).
 */
public final class SyncSummary implements Serializable {
    private static final long serialVersionUID = 1L;

    private final String kind;
    private final String source;
    private final String bundle;
    private final boolean dryRun;
    private final boolean success;
    private final String started;
    private final ArrayList<String> problems;
    private final ArrayList<TargetStatus> targets;
    private final ArrayList<Row> rows;
    private final ArrayList<ExportedObject> exported;

    private SyncSummary(SyncResult result, String bundle, List<ExportedObject> exported) {
        this.kind = result.kind();
        this.source = result.source();
        this.bundle = bundle;
        this.dryRun = result.dryRun();
        this.success = result.isSuccess();
        this.started = result.started();
        this.problems = new ArrayList<>(result.problems());
        this.targets = new ArrayList<>();
        Set<String> paths = new LinkedHashSet<>();
        for (TargetResult target : result.targets()) {
            targets.add(new TargetStatus(target));
            target.objects().forEach(object -> paths.add(object.path()));
        }
        this.rows = new ArrayList<>();
        for (String path : paths) {
            List<Cell> cells = new ArrayList<>();
            for (TargetResult target : result.targets()) {
                cells.add(target.objects().stream()
                        .filter(o -> o.path().equals(path))
                        .findFirst()
                        .map(Cell::new)
                        .orElse(Cell.EMPTY));
            }
            rows.add(new Row(path, cells));
        }
        this.exported = new ArrayList<>(exported);
    }

    private SyncSummary(SyncSummary summary, String bundle) {
        this.kind = summary.kind;
        this.source = summary.source;
        this.bundle = bundle;
        this.dryRun = summary.dryRun;
        this.success = summary.success;
        this.started = summary.started;
        this.problems = summary.problems;
        this.targets = summary.targets;
        this.rows = summary.rows;
        this.exported = summary.exported;
    }

    /**
     * This summary with the bundle's place among the build's artifacts, known only once the controller has archived
     * what the agent wrote.
     *
     * @param bundle as for {@link #of(SyncResult, String)}
     */
    public SyncSummary withBundle(String bundle) {
        return new SyncSummary(this, bundle);
    }

    /**
     * @param bundle where the bundle is archived with the build (e.g. {@code zope-sync}), or {@code null} when
     *     nothing was archived (a dry run)
     */
    public static SyncSummary of(SyncResult result, String bundle) {
        return new SyncSummary(result, bundle, List.of());
    }

    /**
     * The summary of a run that also lists what its bundle holds; used for an export, whose result names no target
     * and so no object.
     *
     * @param bundle as for {@link #of(SyncResult, String)}
     * @param exported the objects of the bundle's manifest (see {@link #exported(List)}), in manifest order
     */
    public static SyncSummary of(SyncResult result, String bundle, List<ExportedObject> exported) {
        return new SyncSummary(result, bundle, exported);
    }

    /** A manifest's objects as the build page shows them, in manifest order. */
    public static ArrayList<ExportedObject> exported(List<ManifestEntry> manifestObjects) {
        ArrayList<ExportedObject> objects = new ArrayList<>();
        manifestObjects.forEach(entry -> objects.add(new ExportedObject(entry)));
        return objects;
    }

    /** {@code sync}, {@code promote} or {@code restore}. */
    public String getKind() {
        return kind;
    }

    public String getSource() {
        return source;
    }

    /** The archived bundle's path among the build's artifacts, or {@code null}. */
    public String getBundle() {
        return bundle;
    }

    public boolean isDryRun() {
        return dryRun;
    }

    public boolean isSuccess() {
        return success;
    }

    public String getStarted() {
        return started;
    }

    /** What the preflight found; empty if it passed. */
    public List<String> getProblems() {
        return Collections.unmodifiableList(problems);
    }

    /** The columns: one per target, in request order. */
    public List<TargetStatus> getTargets() {
        return Collections.unmodifiableList(targets);
    }

    /** The rows: one per object, in request order. */
    public List<Row> getRows() {
        return Collections.unmodifiableList(rows);
    }

    /** The objects the bundle holds, as its manifest lists them; empty unless the run was an export. */
    public List<ExportedObject> getExported() {
        return Collections.unmodifiableList(exported);
    }

    /** {@code 999 B}, {@code 1.5 KiB}, {@code 12.0 MiB}, {@code 2.1 GiB}. */
    public static String formatBytes(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        String[] units = {"KiB", "MiB", "GiB", "TiB"};
        double value = bytes;
        int unit = -1;
        while (value >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        return String.format(Locale.ROOT, "%.1f %s", value, units[unit]);
    }

    /** {@code 850 ms}, {@code 2.3 s}, {@code 4 min 05 s}. */
    public static String formatMillis(long millis) {
        if (millis < 1000) {
            return millis + " ms";
        }
        if (millis < 60_000) {
            return String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
        }
        long seconds = millis / 1000;
        return String.format(Locale.ROOT, "%d min %02d s", seconds / 60, seconds % 60);
    }

    /** A column head: a target and how it went. */
    public static final class TargetStatus implements Serializable {
        private static final long serialVersionUID = 1L;

        private final String name;
        private final String status;
        private final boolean success;
        private final String message;
        private final String time;

        TargetStatus(TargetResult target) {
            this.name = target.target();
            this.status = target.status().name().toLowerCase(Locale.ROOT).replace('_', ' ');
            this.success = target.isSuccess();
            this.message = target.message();
            this.time = formatMillis(target.millis());
        }

        public String getName() {
            return name;
        }

        /** {@code synced}, {@code checked}, {@code failed} or {@code not restored}. */
        public String getStatus() {
            return status;
        }

        public boolean isSuccess() {
            return success;
        }

        /** Why the target failed, or {@code null}. */
        public String getMessage() {
            return message;
        }

        public String getTime() {
            return time;
        }
    }

    /** A row: one object and its cells, one per target. */
    public static final class Row implements Serializable {
        private static final long serialVersionUID = 1L;

        private final String path;
        private final ArrayList<Cell> cells;

        Row(String path, List<Cell> cells) {
            this.path = path;
            this.cells = new ArrayList<>(cells);
        }

        public String getPath() {
            return path;
        }

        public List<Cell> getCells() {
            return Collections.unmodifiableList(cells);
        }
    }

    /** One object on one target. */
    public static final class Cell implements Serializable {
        private static final long serialVersionUID = 1L;
        static final Cell EMPTY = new Cell();

        private final String outcome;
        private final boolean success;
        private final String fileSize;
        private final String time;
        private final String message;

        private Cell() {
            this.outcome = "";
            this.success = false;
            this.fileSize = "";
            this.time = "";
            this.message = null;
        }

        Cell(ObjectResult object) {
            this.outcome = object.outcome().name().toLowerCase(Locale.ROOT).replace('_', ' ');
            this.success = object.outcome().isSuccess();
            this.fileSize = formatBytes(object.bytes());
            this.time = formatMillis(object.millis());
            this.message = object.message();
        }

        /** {@code imported}, {@code replaced}, {@code skipped}, {@code checked}, {@code failed}, … or empty. */
        public String getOutcome() {
            return outcome;
        }

        public boolean isSuccess() {
            return success;
        }

        public String getFileSize() {
            return fileSize;
        }

        public String getTime() {
            return time;
        }

        /** Why the object failed or was skipped, or {@code null}. */
        public String getMessage() {
            return message;
        }
    }

    /** One exported object: what the bundle's manifest says about it. */
    public static final class ExportedObject implements Serializable {
        private static final long serialVersionUID = 1L;
        /** Hex digits of the SHA-256 shown in the table; enough to tell files apart at a glance. */
        static final int SHORT_SHA256_LENGTH = 12;

        private final String path;
        private final String id;
        private final String className;
        private final String fileSize;
        private final String sha256;

        ExportedObject(ManifestEntry entry) {
            this.path = entry.path();
            this.id = entry.id();
            this.className = entry.className();
            this.fileSize = formatBytes(entry.size());
            this.sha256 = entry.sha256();
        }

        /** The object's path on the source, e.g. {@code /myfolder/obj1}. */
        public String getPath() {
            return path;
        }

        public String getId() {
            return id;
        }

        /** The root object's class, e.g. {@code OFS.Folder.Folder}. */
        public String getClassName() {
            return className;
        }

        /** The .zexp file's size for people, e.g. {@code 1.5 KiB}. */
        public String getFileSize() {
            return fileSize;
        }

        /** The .zexp file's SHA-256, lower-case hex. */
        public String getSha256() {
            return sha256;
        }

        /** The first {@value #SHORT_SHA256_LENGTH} hex digits of {@link #getSha256()}. */
        public String getSha256Short() {
            return sha256.length() <= SHORT_SHA256_LENGTH ? sha256 : sha256.substring(0, SHORT_SHA256_LENGTH);
        }
    }
}
