package io.zopesync.core.internal;

import io.zopesync.core.internal.Journal.Entry;
import io.zopesync.core.internal.Journal.State;
import io.zopesync.core.kernel.ObjectPath;
import io.zopesync.core.kernel.SyncLog;
import io.zopesync.core.kernel.ZopeSyncException;
import io.zopesync.core.ssh.RemoteFiles;
import io.zopesync.core.zope.ZopeApi;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Puts a target back after a run that died in the middle of it (killed, crashed, its machine gone), from that
 * run's {@link Journal}. Runs while the recovering run holds the target's lock, so every other run's journal and
 * uploaded file in the import directory belongs to a dead run.
 *
 * <p>For each dead run's journal:
 * <ul>
 * <li>committed: the run had put every object in place; it is finished forward: the backups it meant to delete
 * are deleted;</li>
 * <li>not committed: it is rolled back, last object first: an object whose import was answered is deleted; one
 * whose import was under way when the run died may or may not be the run's work, so it is not deleted but renamed
 * aside to {@code <id>.zope-sync-crashed-<run>} for a person to look at; then the backup, if there is one, is
 * renamed back to the object's id.</li>
 * </ul>
 * Then the journal and the dead run's uploaded and temporary files are removed. Every step first looks at what is
 * there, so a recovery that is itself interrupted can simply run again. If something cannot be put back (an
 * object stands in the way of a backup, a Zope call fails), the journal stays, so that the next run tries again,
 * and {@link Result.NotRecovered} says what is left.
 */
final class Recovery {
    private static final Pattern LEFTOVER = Pattern.compile("\\.?zope-sync-(" + Journal.RUN_ID
            + ")(-\\d+\\.zexp|\\.journal)(\\.part)?");

    /**
     * What recovering the dead runs did. Messages name a few steps and count the rest; {@link #steps()} has them
     * all, for the result.
     */
    sealed interface Result permits Result.Recovered, Result.NotRecovered {
        /** Every step done, in full, each naming its dead run. */
        List<String> steps();

        /**
         * Every dead run found was recovered (or there was none).
         *
         * @param notes one sentence per dead run, for the target's message; empty if there was nothing to do
         */
        record Recovered(List<String> notes, List<String> steps) implements Result {
        }

        /**
         * A dead run's changes could not all be undone: its journal stays for the next run.
         *
         * @param message what is left on the target, in one sentence
         */
        record NotRecovered(String message, List<String> steps) implements Result {
        }
    }

    private final RemoteFiles files;
    private final String dir;
    private final ZopeApi zope;
    private final String ownRun;
    private final SyncLog log;
    private final String target;

    Recovery(RemoteFiles files, String dir, ZopeApi zope, String ownRun, SyncLog log, String target) {
        this.files = files;
        this.dir = dir;
        this.zope = zope;
        this.ownRun = ownRun;
        this.log = log;
        this.target = target;
    }

    /**
     * Recovers every dead run found in the import directory.
     *
     * @throws ZopeSyncException if the directory cannot be listed, a journal cannot be read, or a file cannot be
     *     removed (nothing of a journal that cannot be read is undone)
     */
    Result recoverAll() {
        List<String> notes = new ArrayList<>();
        List<String> steps = new ArrayList<>();
        List<String> names = files.list(dir);
        for (String name : names) {
            String run = Journal.runOf(name);
            if (run != null && !run.equals(ownRun)) {
                Optional<String> failed = recover(run, notes, steps);
                if (failed.isPresent()) {
                    return new Result.NotRecovered(failed.get(), steps);
                }
            }
        }
        int removed = 0;
        for (String name : names) {
            Matcher matcher = LEFTOVER.matcher(name);
            if (matcher.matches() && !matcher.group(1).equals(ownRun)
                    && !name.equals(Journal.fileName(matcher.group(1)))) {
                files.remove(dir, name);
                removed++;
            }
        }
        if (removed > 0) {
            String note = "removed " + removed + " file(s) left by dead runs in " + dir;
            log.warn("target '" + target + "': " + note);
            steps.add(note);
            if (notes.isEmpty()) {
                notes.add(note);
            }
        }
        return new Result.Recovered(notes, steps);
    }

    /** Recovers one dead run; returns what is left if its changes cannot all be undone. */
    private Optional<String> recover(String run, List<String> notes, List<String> steps) {
        String name = Journal.fileName(run);
        String text = RemoteText.read(files, dir, name);
        if (text == null) {
            notes.add("run " + run + " left nothing to recover");
            return Optional.empty();
        }
        Journal journal = Journal.parse(run, text);
        List<String> done = new ArrayList<>();
        try {
            if (journal.isCommitted()) {
                finish(journal, done);
            } else {
                List<Entry> entries = journal.getEntries();
                for (int i = entries.size() - 1; i >= 0; i--) {
                    rollBack(run, entries.get(i), done);
                }
            }
        } catch (ZopeSyncException e) {
            done.forEach(step -> steps.add("dead run " + run + ": " + step));
            return Optional.of("run " + run + " died while changing this target, and putting it back failed: "
                    + e.getMessage() + (done.isEmpty() ? "" : "; done so far: " + few(done))
                    + "; its journal " + dir + "/" + name + " stays for the next run");
        }
        files.remove(dir, name);
        done.forEach(step -> steps.add("dead run " + run + ": " + step));
        String note = "recovered dead run " + run + (journal.isCommitted() ? " (it had finished its changes)"
                : " (rolled back)") + ": " + (done.isEmpty() ? "nothing had been changed" : few(done));
        log.warn("target '" + target + "': " + note);
        notes.add(note);
        return Optional.empty();
    }

    /** A few steps and the count of the rest: a dead run may have touched hundreds of objects. */
    private static String few(List<String> done) {
        return Listing.few(done, Listing.FEW, ", ") + (done.size() > Listing.FEW ? " (" + done.size()
                + " steps, all in the target's result)" : "");
    }

    private void finish(Journal journal, List<String> done) {
        if (!journal.isDeleteBackups()) {
            return;
        }
        for (Entry entry : journal.getEntries()) {
            if (entry.backupId != null && zope.exists(entry.folder.child(entry.backupId))) {
                zope.delete(entry.folder, entry.backupId);
                done.add("deleted the backup " + entry.folder.child(entry.backupId));
            }
        }
    }

    private void rollBack(String run, Entry entry, List<String> done) {
        ObjectPath destination = entry.destination();
        boolean occupied = zope.exists(destination);
        if (occupied && entry.state == State.IMPORTED) {
            zope.delete(entry.folder, entry.id);
            done.add("deleted " + destination + " (imported by the dead run)");
            occupied = false;
        } else if (occupied && (entry.state == State.IMPORTING || entry.backupId != null
                && zope.exists(entry.folder.child(entry.backupId)))) {
            String aside = entry.id + ".zope-sync-crashed-" + run;
            zope.rename(entry.folder, entry.id, aside);
            done.add("renamed " + destination + " to " + aside + " (it may be the dead run's import or somebody"
                    + " else's object: check it)");
            occupied = false;
        }
        if (entry.backupId != null && zope.exists(entry.folder.child(entry.backupId))) {
            if (occupied) {
                throw new ZopeSyncException("the backup " + entry.folder.child(entry.backupId) + " cannot be renamed"
                        + " back: " + destination + " exists");
            }
            zope.rename(entry.folder, entry.backupId, entry.id);
            done.add("put " + destination + " back from its backup " + entry.backupId);
        }
    }
}
