package io.zopesync.core.internal;

import io.zopesync.core.kernel.InvalidInputException;
import io.zopesync.core.kernel.ObjectPath;
import io.zopesync.core.kernel.ZopeIds;
import io.zopesync.core.kernel.ZopeSyncException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a run is changing on one target, written to {@code zope-sync-<run>.journal} in the import directory
 * <em>before</em> each change, so that a later run can put the target back if this one dies (see
 * {@link Recovery}). One line per object touched, rewritten whole and atomically each time:
 *
 * <pre>
 * zope-sync journal 1
 * run: 20261125-103000-9f3a
 * imported	/yourfolder	obj1	-
 * backing-up	/ourfolder	obj2	obj2.zope-sync-backup-20261125-103000-9f3a
 * commit	delete-backups
 * </pre>
 *
 * States: {@code backing-up} (about to rename the existing object to its backup id, then to import the new one),
 * {@code importing} (about to import an object that did not exist), {@code imported} (Zope answered the import;
 * whether the object is there is checked for all objects together before the commit).
 * {@code commit} is written once every object of the target is in place, before the backups are deleted: from
 * then on the run is finished forward, never rolled back. Fields are separated by tabs, which no Zope id holds.
 * The journal holds no secret. Not thread-safe: one per target job.
 */
final class Journal {
    static final String HEADER = "zope-sync journal 1";
    /** A run id as {@link RunContext#newRunId()} makes them. */
    static final String RUN_ID = "\\d{8}-\\d{6}-[0-9a-f]{4}";
    private static final Pattern FILE = Pattern.compile("zope-sync-(" + RUN_ID + ")\\.journal");

    /** Where one object stands. */
    enum State {
        BACKING_UP("backing-up"), IMPORTING("importing"), IMPORTED("imported");

        private final String word;

        State(String word) {
            this.word = word;
        }

        static State of(String word) {
            for (State state : values()) {
                if (state.word.equals(word)) {
                    return state;
                }
            }
            return null;
        }
    }

    /** One object touched: its folder, id, backup id ({@code null} if it did not exist) and state. */
    static final class Entry {
        final ObjectPath folder;
        final String id;
        final String backupId;
        State state;

        Entry(ObjectPath folder, String id, String backupId, State state) {
            this.folder = folder;
            this.id = id;
            this.backupId = backupId;
            this.state = state;
        }

        ObjectPath destination() {
            return folder.child(id);
        }
    }

    private final String runId;
    private final List<Entry> entries = new ArrayList<>();
    private Boolean deleteBackups;

    Journal(String runId) {
        this.runId = runId;
    }

    /** {@code zope-sync-<run>.journal}. */
    static String fileName(String runId) {
        return "zope-sync-" + runId + ".journal";
    }

    /** The run id of a journal file's name, or {@code null} if the name is not a journal's. */
    static String runOf(String fileName) {
        Matcher matcher = FILE.matcher(fileName);
        return matcher.matches() ? matcher.group(1) : null;
    }

    String getRunId() {
        return runId;
    }

    List<Entry> getEntries() {
        return entries;
    }

    /** Whether the run committed; then {@link #isDeleteBackups()} says what it meant to do with the backups. */
    boolean isCommitted() {
        return deleteBackups != null;
    }

    boolean isDeleteBackups() {
        return Boolean.TRUE.equals(deleteBackups);
    }

    /** Starts an object's entry. */
    Entry add(ObjectPath folder, String id, String backupId, State state) {
        Entry entry = new Entry(folder, id, backupId, state);
        entries.add(entry);
        return entry;
    }

    void commit(boolean deleteTheBackups) {
        this.deleteBackups = deleteTheBackups;
    }

    String text() {
        StringBuilder text = new StringBuilder(HEADER).append("\nrun: ").append(runId).append('\n');
        for (Entry entry : entries) {
            text.append(entry.state.word).append('\t').append(entry.folder).append('\t').append(entry.id)
                    .append('\t').append(entry.backupId == null ? "-" : entry.backupId).append('\n');
        }
        if (deleteBackups != null) {
            text.append("commit\t").append(deleteBackups ? "delete-backups" : "keep-backups").append('\n');
        }
        return text.toString();
    }

    /**
     * Reads a journal's text.
     *
     * @throws ZopeSyncException naming the file and the line that cannot be read
     */
    static Journal parse(String runId, String text) {
        String[] lines = text.split("\n");
        String name = fileName(runId);
        if (lines.length < 2 || !lines[0].equals(HEADER) || !lines[1].equals("run: " + runId)) {
            throw new ZopeSyncException("the journal " + name + " is not one this version can read (it starts with '"
                    + (lines.length == 0 ? "" : lines[0]) + "')");
        }
        Journal journal = new Journal(runId);
        for (int i = 2; i < lines.length; i++) {
            String[] fields = lines[i].split("\t", -1);
            try {
                if (fields.length == 2 && fields[0].equals("commit")) {
                    journal.commit(fields[1].equals("delete-backups"));
                } else if (fields.length == 4 && State.of(fields[0]) != null) {
                    journal.add(ObjectPath.parse("journal folder", fields[1]), checkId(fields[2]),
                            fields[3].equals("-") ? null : checkId(fields[3]), State.of(fields[0]));
                } else {
                    throw new InvalidInputException("unknown entry");
                }
            } catch (InvalidInputException e) {
                throw new ZopeSyncException("the journal " + name + " has a line that cannot be read (line " + (i + 1)
                        + ": " + e.getMessage() + ")", e);
            }
        }
        return journal;
    }

    private static String checkId(String id) {
        ZopeIds.check("journal id", id, id);
        return id;
    }
}
