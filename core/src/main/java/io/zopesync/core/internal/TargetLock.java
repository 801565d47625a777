package io.zopesync.core.internal;

import io.zopesync.core.kernel.SyncLog;
import io.zopesync.core.kernel.ZopeSyncException;
import io.zopesync.core.ssh.RemoteFiles;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * The exclusive lock file {@code zope-sync.lock} in a target's import directory, with a heartbeat.
 *
 * <p><b>Taking it.</b> The file is created atomically ({@link RemoteFiles#createExclusive}) and names the holder,
 * the run and the time, so that a second run waits and then fails naming the holder.
 *
 * <p><b>Heartbeat.</b> While it works, the holder rewrites the file every sixth of
 * {@link io.zopesync.core.model.SyncOptions#getStaleLockAfter() the stale-lock time} with a growing {@code beat:}
 * count, after checking that the file still holds its own last beat. A holder that finds its lock changed or
 * gone, or that could not write a beat for two thirds of the stale-lock time, has lost the lock: {@link #whyLost()}
 * then says so, so it makes no further change to the target (it still puts back what it changed).
 *
 * <p><b>Waiting.</b> A run that finds the lock taken says at once whom it waits for and how long: up to the lock
 * wait for a holder whose heartbeat moves, up to the stale-lock time for one whose heartbeat has stopped.
 *
 * <p><b>Dead holders.</b> A waiting run judges by its own clock, not by times written in the file (the machines'
 * clocks may differ): a lock that carries beats and has not changed for the whole stale-lock time belongs to a
 * dead run. The waiter then takes it over (one waiter only, see {@link #takeOver(String)}), and reports the dead
 * run's id ({@link #getDeadRun()}), whose journal it then recovers (see {@link Recovery}). While the lock stays unchanged
 * the waiter waits for that, even beyond its lock wait; as soon as it sees a beat it knows the holder is alive and
 * fails at the end of the lock wait as usual. A lock file without beats (written by hand, or by an older version)
 * is never taken over.
 *
 * <p>Removed by {@link #release()} when the target's work ends, whatever happened, after the heartbeat stopped, and
 * only if it is still this run's.
 */
final class TargetLock {
    static final String FILE = "zope-sync.lock";
    private static final long POLL_MILLIS = 200;
    private static final String BEAT = "beat: ";

    private final Supplier<RemoteFiles> files;
    private final String dir;
    private final String holder;
    private final String runId;
    private final Duration staleAfter;
    private final Duration stopWait;
    private final SyncLog log;
    private final String target;
    private final String since = Instant.now().toString();
    private ScheduledExecutorService heartbeat;
    private volatile String written;
    private volatile long lastBeat;
    private volatile String lost;
    private int beats;
    private String deadRun;

    /**
     * @param files the target's current SSH session (it may be replaced after a transport failure)
     * @param stopWait how long {@link #release()} waits for a heartbeat in flight
     */
    TargetLock(Supplier<RemoteFiles> files, String dir, String holder, String runId, Duration staleAfter,
            Duration stopWait, SyncLog log, String target) {
        this.files = files;
        this.dir = dir;
        this.holder = holder;
        this.runId = runId;
        this.staleAfter = staleAfter;
        this.stopWait = stopWait;
        this.log = log;
        this.target = target;
    }

    /**
     * Takes the lock, waiting up to {@code wait} for another holder to release it (longer for a holder that looks
     * dead, see the class notes), then starts the heartbeat.
     *
     * @param stop says when to give up waiting (the run's export failed)
     * @throws ZopeSyncException naming the holder if the wait ran out, or saying that it was stopped
     * @throws InterruptedException if the run is cancelled while waiting
     */
    void acquire(Duration wait, BooleanSupplier stop) throws InterruptedException {
        String content = content(0);
        long started = System.nanoTime();
        long deadline = started + wait.toNanos();
        String seen = null;
        long seenSince = started;
        boolean changed = false;
        boolean toldWaiting = false;
        boolean toldAlive = false;
        boolean toldBeyondWait = false;
        while (!create(content)) {
            String current = RemoteText.read(files.get(), dir, FILE);
            long now = System.nanoTime();
            // Whatever the server does, the wait ends: a dead holder's lock is taken over long before this.
            if (now - deadline - 2 * staleAfter.toNanos() >= 0) {
                throw new ZopeSyncException("the lock file " + dir + "/" + FILE + " on " + files.get().getEndpoint()
                        + " could not be created within " + wait.plus(staleAfter.multipliedBy(2)).toSeconds()
                        + " s although it"
                        + (current == null ? " does not exist" : " is " + describe(current))
                        + takeoverNote(current));
            }
            if (current == null) {
                continue;
            }
            if (!current.equals(seen)) {
                changed |= seen != null;
                seen = current;
                seenSince = now;
            }
            boolean beating = current.contains("\n" + BEAT);
            if (!toldWaiting) {
                toldWaiting = true;
                log.info("target '" + target + "': the import directory " + dir + " is locked by " + describe(current)
                        + (beating ? "; waiting up to " + seconds(wait) + " for it to be released, or taking it over"
                        + " once it has shown no heartbeat for " + seconds(staleAfter) + " (its run is dead then)"
                        : "; it has no heartbeat (written by hand or by an older version), so it is never taken"
                        + " over: waiting up to " + seconds(wait) + " for it to be removed"));
            }
            if (changed && !toldAlive) {
                toldAlive = true;
                log.info("target '" + target + "': the lock's heartbeat moves, its run is alive; waiting until "
                        + seconds(wait) + " have passed");
            }
            if (beating && now - seenSince >= staleAfter.toNanos()) {
                if (takeOver(current)) {
                    return;
                }
                Thread.sleep(POLL_MILLIS);
                continue;
            }
            boolean mayBeDead = beating && !changed;
            if (now - deadline >= 0 && !mayBeDead) {
                throw new ZopeSyncException("the import directory is locked by another run (" + describe(current)
                        + "); waited " + wait.toSeconds() + " s. The lock file is " + dir + "/" + FILE + " on "
                        + files.get().getEndpoint() + ": remove it only if that run is no longer running");
            }
            if (now - deadline >= 0 && !toldBeyondWait) {
                toldBeyondWait = true;
                log.info("target '" + target + "': the lock has shown no heartbeat for "
                        + (now - seenSince) / 1_000_000_000L + " s; waiting beyond the lock wait, up to "
                        + seconds(staleAfter) + " without one, to take it over");
            }
            if (stop.getAsBoolean()) {
                throw new ZopeSyncException("stopped waiting for the lock in " + dir);
            }
            Thread.sleep(POLL_MILLIS);
        }
        startHeartbeat(content);
    }

    /**
     * Takes over the lock of a dead run, {@code dead} being the lock file's content that has not changed for the
     * stale-lock time. Two runs may judge the same lock dead at once; only the one that creates the marker file
     * {@code zope-sync.lock.takeover-<hash of dead>} exclusively goes on, checks that the lock still holds
     * {@code dead}, removes it and creates its own, then removes the marker. The other finds the marker, or a
     * lock with other content, and keeps waiting; without the marker it could remove the lock the first had just
     * created, and both would work on the target at once.
     *
     * @return whether this run now holds the lock (its heartbeat started)
     */
    private boolean takeOver(String dead) {
        String marker = takeoverMarker(dead);
        if (!files.get().createExclusive(dir, marker, content(0).getBytes(StandardCharsets.UTF_8))) {
            log.debug("target '" + target + "': another run is taking over the dead lock in " + dir + " (" + marker
                    + ")");
            return false;
        }
        try {
            if (!dead.equals(RemoteText.read(files.get(), dir, FILE))) {
                return false;
            }
            log.warn("target '" + target + "': the lock in " + dir + " (" + describe(dead) + ") has not changed for "
                    + staleAfter.toSeconds() + " s: its run is dead; taking it over");
            files.get().remove(dir, FILE);
            String content = content(0);
            if (!create(content)) {
                // A run that was only waiting created it first: it holds the lock now, this run waits for it.
                return false;
            }
            deadRun = field(dead, "run");
            startHeartbeat(content);
            return true;
        } finally {
            files.get().remove(dir, marker);
        }
    }

    /** The marker's name for taking over the lock {@code dead}: unique to that content, so never reused. */
    static String takeoverMarker(String dead) {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JVM has no SHA-256", e);
        }
        byte[] hash = digest.digest(dead.getBytes(StandardCharsets.UTF_8));
        return FILE + ".takeover-" + HexFormat.of().formatHex(hash, 0, 8);
    }

    /** What to tell about a lock whose take-over did not finish: a run that died while taking it over. */
    private String takeoverNote(String current) {
        if (current == null) {
            return "";
        }
        String marker = takeoverMarker(current);
        return RemoteText.read(files.get(), dir, marker) == null ? "" : "; " + dir + "/" + marker + " says that a run"
                + " began to take it over (" + describe(RemoteText.read(files.get(), dir, marker)) + ") and did not"
                + " finish: if no zope-sync run is working on this target, remove both files";
    }

    private static String seconds(Duration duration) {
        return duration.toMillis() % 1000 == 0 ? duration.toSeconds() + " s" : duration.toMillis() + " ms";
    }

    private void startHeartbeat(String content) {
        written = content;
        lastBeat = System.nanoTime();
        long interval = Math.max(20, staleAfter.toMillis() / 6);
        heartbeat = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "zope-sync heartbeat " + target);
            thread.setDaemon(true);
            return thread;
        });
        heartbeat.scheduleWithFixedDelay(this::beat, interval, interval, TimeUnit.MILLISECONDS);
    }

    /**
     * Creates the lock file unless it exists. A call cut off (cancelled, or the connection lost) may have created it
     * all the same: then it is removed again if it holds this run's content, so that no lock is left behind by a
     * run that never knew it held it.
     */
    private boolean create(String content) {
        try {
            return files.get().createExclusive(dir, FILE, content.getBytes(StandardCharsets.UTF_8));
        } catch (ZopeSyncException e) {
            boolean interrupted = Thread.interrupted();
            try {
                if (content.equals(RemoteText.read(files.get(), dir, FILE))) {
                    files.get().remove(dir, FILE);
                }
            } catch (ZopeSyncException again) {
                e.addSuppressed(again);
            } finally {
                if (interrupted) {
                    Thread.currentThread().interrupt();
                }
            }
            throw e;
        }
    }

    /** The id of the dead run whose lock was taken over, or {@code null}. */
    String getDeadRun() {
        return deadRun;
    }

    /**
     * Why this run may no longer change the target, if it may not; asked before every change to the target.
     *
     * @return empty while the lock is held, else {@code "lost the lock on <dir> (<reason>); ..."}
     */
    Optional<String> whyLost() {
        String reason = lost;
        if (reason == null && System.nanoTime() - lastBeat > lostAfterNanos()) {
            reason = "no heartbeat could be written for " + lostAfterNanos() / 1_000_000_000L + " s";
        }
        return Optional.ofNullable(reason).map(why -> "lost the lock on " + dir + " (" + why + "); stopped before"
                + " changing anything more");
    }

    private void beat() {
        if (lost != null || Thread.currentThread().isInterrupted()) {
            return;
        }
        if (System.nanoTime() - lastBeat > lostAfterNanos()) {
            lost = "no heartbeat could be written for " + lostAfterNanos() / 1_000_000_000L + " s";
            return;
        }
        try {
            RemoteFiles remote = files.get();
            String current = RemoteText.read(remote, dir, FILE);
            if (!written.equals(current)) {
                lost = current == null ? "the lock file was removed" : "another run took it over: " + describe(current);
                log.warn("target '" + target + "': " + lost);
                return;
            }
            String next = content(++beats);
            RemoteText.write(remote, dir, FILE, next);
            written = next;
            lastBeat = System.nanoTime();
        } catch (ZopeSyncException e) {
            log.debug("target '" + target + "': heartbeat of the lock failed: " + e.getMessage());
        }
    }

    /** Stops the heartbeat and removes the lock if it is still this run's. */
    void release() {
        stopHeartbeat();
        String current = RemoteText.read(files.get(), dir, FILE);
        if (current != null && !current.equals(written)) {
            log.warn("target '" + target + "': the lock file " + dir + "/" + FILE + " is no longer this run's ("
                    + describe(current) + "); left in place");
            return;
        }
        files.get().remove(dir, FILE);
    }

    /** Stops the heartbeat, waiting for one in flight; the lock file stays. */
    void stopHeartbeat() {
        if (heartbeat == null) {
            return;
        }
        // A beat under way is let finish, not interrupted: cut off after its rename, it would leave a lock file
        // that this run no longer recognises as its own, and release() would leave it in place.
        heartbeat.shutdown();
        boolean interrupted = Thread.interrupted();
        try {
            if (!heartbeat.awaitTermination(stopWait.toMillis(), TimeUnit.MILLISECONDS)) {
                heartbeat.shutdownNow();
                log.warn("target '" + target + "': the lock's heartbeat did not stop within " + stopWait.toSeconds()
                        + " s");
            }
        } catch (InterruptedException e) {
            interrupted = true;
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * Two thirds of the stale-lock time: a holder that could not beat for this long stops changing the target, a
     * third of the stale-lock time (at least a read timeout, see {@link io.zopesync.core.model.SyncOptions}) before a
     * waiter may take the lock over, so that a Zope call already under way ends first.
     */
    private long lostAfterNanos() {
        return staleAfter.toNanos() / 3 * 2;
    }

    private String content(int beat) {
        return "holder: " + holder + "\nrun: " + runId + "\nsince: " + since + "\n" + BEAT + beat + "\n";
    }

    private static String field(String content, String name) {
        for (String line : content.split("\n")) {
            if (line.startsWith(name + ": ")) {
                return line.substring(name.length() + 2).strip();
            }
        }
        return null;
    }

    private static String describe(String content) {
        StringBuilder text = new StringBuilder();
        for (String line : content.strip().split("\n")) {
            if (line.startsWith("holder: ") || line.startsWith("run: ")) {
                text.append(text.length() == 0 ? "" : ", ").append(line.strip());
            }
        }
        String result = text.length() == 0 ? content.strip().replace('\n', ' ') : text.toString();
        return result.length() > 300 ? result.substring(0, 300) + "…" : result;
    }
}
