package io.zopesync.cli;

/**
 * The command's exit codes, as documented in {@code --help} and docs/cli.md. The {@code *_HELP} constants are
 * their help lines (picocli's {@code key:description} form).
 */
final class ExitCodes {
    /** Everything succeeded: every target synced (or, for a dry run, checked). */
    static final int OK = 0;
    /** A target failed (and was restored), the run could not go on, or a file did not check out. */
    static final int FAILED = 1;
    /** A usage or configuration error: bad option, bad task file, missing secret. Nothing was contacted. */
    static final int USAGE = 2;
    /** The preflight found problems, or the export from the source failed: no target was changed. */
    static final int PREFLIGHT = 3;
    /** Interrupted (Ctrl-C): the run stopped and cleaned up after itself. */
    static final int INTERRUPTED = 130;

    static final String OK_HELP = "0:all targets synced (or checked in a dry run); the command succeeded";
    static final String FAILED_HELP = "1:a target failed (and was put back as it was), or the run failed";
    static final String USAGE_HELP = "2:usage or configuration error (bad option, task file or secret); nothing"
            + " was contacted";
    static final String PREFLIGHT_HELP = "3:the preflight (or the export from the source) failed; no target was"
            + " changed";
    static final String INTERRUPTED_HELP = "130:interrupted";

    private ExitCodes() {
    }
}
