package io.zopesync.core.internal;

import io.zopesync.core.model.SyncListener;
import io.zopesync.core.model.SyncOptions;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** What every part of one run shares: its id, who runs it, its options, its listener and its bundle. */
final class RunContext {
    private static final DateTimeFormatter RUN_TIME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");
    private static final SecureRandom RANDOM = new SecureRandom();

    private final String runId;
    private final String holder;
    private final SyncOptions options;
    private final SyncListener listener;
    private final Path bundleDir;
    /** For a restore: per target, the run whose replaced objects it puts back. Set before the targets start. */
    private final Map<String, String> undone = new ConcurrentHashMap<>();

    RunContext(String holder, SyncOptions options, SyncListener listener, Path bundleDir) {
        this.runId = newRunId();
        this.holder = holder;
        this.options = options;
        this.listener = listener;
        this.bundleDir = bundleDir;
    }

    /** A new run id: UTC time and 4 random hex digits, e.g. {@code 20261125-103000-9f3a}; safe in file names. */
    static String newRunId() {
        byte[] random = new byte[2];
        RANDOM.nextBytes(random);
        return RUN_TIME.format(ZonedDateTime.now(ZoneOffset.UTC)) + "-" + HexFormat.of().formatHex(random);
    }

    String getRunId() {
        return runId;
    }

    String getHolder() {
        return holder;
    }

    SyncOptions getOptions() {
        return options;
    }

    SyncListener getListener() {
        return listener;
    }

    Path getBundleDir() {
        return bundleDir;
    }

    /** Records that this restore puts back on {@code target} what run {@code runId} replaced there. */
    void undoing(String target, String runId) {
        undone.put(target, runId);
    }

    /** For a restore: the run whose replaced objects it puts back on {@code target}. */
    Optional<String> undoneRun(String target) {
        return Optional.ofNullable(undone.get(target));
    }

    /** The generated name of the {@code n}-th uploaded file (from 1). */
    String remoteName(int n) {
        return "zope-sync-" + runId + "-" + n + ".zexp";
    }
}
