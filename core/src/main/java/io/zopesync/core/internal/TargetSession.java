package io.zopesync.core.internal;

import io.zopesync.core.kernel.ZopeSyncException;
import io.zopesync.core.model.Environment;
import io.zopesync.core.model.SyncListener;
import io.zopesync.core.model.SyncOptions;
import io.zopesync.core.ssh.RemoteFiles;
import io.zopesync.core.ssh.SshSettings;
import io.zopesync.core.ssh.TransferException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * One target job's hold on the target's import directory, from taking its lock to removing it: the turn among
 * this run's targets that share the directory, the lock file with its heartbeat ({@link TargetLock}), SSH
 * operations tried again on a fresh session, and the clean-up.
 *
 * <pre>
 * Opening opening = TargetSession.open(target, feed, run, connections);
 * if (opening instanceof Opening.Held held) {
 *     try (TargetSession session = held.session()) {
 *         session.remote(files -&gt; files.upload(...));   // the files it names are removed on close
 *     }
 * }
 * </pre>
 *
 * <p>{@link #close()} removes the uploaded files (and the temporary file of a cut-off upload), the journal unless
 * {@link #keepJournal()} was called, and the lock, whatever happened, with the thread's interrupt flag held back so
 * that a cancelled run still cleans up. Used by one target job's thread (its journal writes may come from it only).
 */
final class TargetSession implements AutoCloseable, Transaction.Guard {
    /** How often a wait for another target's use of the import directory looks whether the export failed. */
    private static final long WAIT_POLL_MILLIS = 200;

    /** Opening a session: the target is held, or why not. */
    sealed interface Opening permits Opening.Held, Opening.NotHeld {
        /** The lock is taken and its heartbeat runs. */
        record Held(TargetSession session) implements Opening {
        }

        /** The lock was not taken; nothing was left behind. */
        record NotHeld(Stop stop) implements Opening {
        }
    }

    private final Environment target;
    private final String name;
    private final String dir;
    private final RunContext run;
    private final Connections connections;
    private final SyncListener listener;
    private final SyncOptions options;
    private final ReentrantLock directory;
    private final TargetLock lock;
    private final List<String> toRemove = new ArrayList<>();
    private boolean journalWritten;
    private boolean keepJournal;
    /** Set when the thread was interrupted during the clean-up, to keep that for the caller. */
    private boolean lateInterrupt;

    private TargetSession(Environment target, RunContext run, Connections connections, ReentrantLock directory,
            TargetLock lock) {
        this.target = target;
        this.name = target.getName();
        this.dir = target.getSsh().orElseThrow().getImportDir();
        this.run = run;
        this.connections = connections;
        this.listener = run.getListener();
        this.options = run.getOptions();
        this.directory = directory;
        this.lock = lock;
    }

    /**
     * Waits for this run's other targets on the same import directory, then takes the lock, waiting for another
     * run's as the options say. Either wait ends early if the export fails.
     */
    static Opening open(Environment target, ItemFeed feed, RunContext run, Connections connections) {
        SshSettings ssh = target.getSsh().orElseThrow();
        ReentrantLock directory = connections.directoryLock(ssh);
        try {
            while (!directory.tryLock(WAIT_POLL_MILLIS, TimeUnit.MILLISECONDS)) {
                if (feed.isFailed()) {
                    return new Opening.NotHeld(new Stop.NotExported());
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Opening.NotHeld(new Stop.Cancelled());
        }
        SyncOptions options = run.getOptions();
        TargetLock lock = new TargetLock(() -> connections.ssh(target), ssh.getImportDir(), run.getHolder(),
                run.getRunId(), options.getStaleLockAfter(), options.getTimeouts().getRead().plusSeconds(1),
                run.getListener(), target.getName());
        try {
            lock.acquire(options.getTimeouts().getLockWait(), feed::isFailed);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            directory.unlock();
            return notHeld(feed, Failure.ofTarget("cancelled"));
        } catch (RuntimeException e) {
            directory.unlock();
            return notHeld(feed, Failure.ofTarget(Failure.message(e)));
        }
        TargetSession session = new TargetSession(target, run, connections, directory, lock);
        try {
            run.getListener().info("target '" + target.getName() + "': locked " + ssh.getImportDir() + " on "
                    + connections.ssh(target).getEndpoint());
        } catch (RuntimeException e) {
            session.close();
            return notHeld(feed, Failure.ofTarget(Failure.message(e)));
        }
        return new Opening.Held(session);
    }

    private static Opening notHeld(ItemFeed feed, Failure failure) {
        return new Opening.NotHeld(feed.isFailed() ? new Stop.NotExported() : new Stop.Failed(failure));
    }

    /** The target's current SSH session (opened again after a transport failure). */
    RemoteFiles files() {
        return connections.ssh(target);
    }

    String getImportDir() {
        return dir;
    }

    /**
     * Runs an SSH operation on the target's session; a transport failure (dropped, reset, timed out) is tried
     * again on a fresh session, with back-off, up to the run's retries. Only for operations that may run twice.
     *
     * @throws ZopeSyncException the last attempt's failure
     */
    void remote(Consumer<RemoteFiles> operation) {
        for (int attempt = 1;; attempt++) {
            RemoteFiles files = connections.ssh(target);
            try {
                operation.accept(files);
                return;
            } catch (TransferException e) {
                if (e.getKind() != TransferException.Kind.TRANSPORT || attempt >= options.getRetries()
                        || Thread.currentThread().isInterrupted()) {
                    throw e;
                }
                Retry.pause(options, attempt, listener, "target '" + name + "': " + e.getMessage());
                connections.forget(target, files);
            }
        }
    }

    /** The file {@code name} is (about to be) uploaded: it is removed on close. */
    void uploading(String fileName) {
        toRemove.add(fileName);
    }

    /** The upload of {@code name} was cut off: its temporary file, which the transports name so, is removed too. */
    void uploadFailed(String fileName) {
        toRemove.add("." + fileName + ".part");
    }

    @Override
    public void writeJournal(String text) {
        remote(files -> RemoteText.write(files, dir, Journal.fileName(run.getRunId()), text));
        journalWritten = true;
    }

    @Override
    public Optional<String> whyLost() {
        return lock.whyLost();
    }

    /** The target could not be put back: the journal stays for the next run to recover. */
    void keepJournal() {
        keepJournal = true;
    }

    /**
     * Removes the run's files, the journal (unless kept) and the lock, each tried again on a fresh session after a
     * transport failure; failures are warnings (a later run cleans up). Runs with the interrupt flag held back.
     */
    @Override
    public void close() {
        boolean interrupted = Thread.interrupted();
        try {
            List<String> names = new ArrayList<>(toRemove);
            if (journalWritten && !keepJournal) {
                names.add(Journal.fileName(run.getRunId()));
            }
            for (String file : names) {
                try {
                    cleanUpStep(files -> files.remove(dir, file));
                } catch (ZopeSyncException e) {
                    listener.warn("target '" + name + "': cannot remove " + dir + "/" + file + ": " + e.getMessage());
                }
            }
        } finally {
            try {
                lock.stopHeartbeat();
                cleanUpStep(files -> lock.release());
            } catch (ZopeSyncException e) {
                listener.warn("target '" + name + "': cannot remove the lock file " + dir + "/" + TargetLock.FILE
                        + ": " + e.getMessage() + "; a later run takes it over once it has not changed for "
                        + options.getStaleLockAfter().toSeconds() + " s");
            } finally {
                directory.unlock();
                if (interrupted || lateInterrupt) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }

    /**
     * Runs a clean-up step; one cut off by an interrupt that arrived during the clean-up (a cancellation just as
     * the job ended its work) runs once more, the interrupt being kept for afterwards.
     */
    private void cleanUpStep(Consumer<RemoteFiles> step) {
        try {
            remote(step);
        } catch (ZopeSyncException e) {
            if (!Thread.interrupted()) {
                throw e;
            }
            lateInterrupt = true;
            remote(step);
        }
    }
}
