package io.zopesync.core.kernel;

/**
 * Where the engine's log lines go. The command-line tool prints them; the Jenkins plugin copies them to the
 * build log. Lines never contain a secret. Implementations must be thread-safe.
 */
@FunctionalInterface
public interface SyncLog {
    /** Drops every line. */
    SyncLog NONE = (level, message) -> { };

    /** The importance of a line. */
    enum Level {
        /** Each HTTP and SSH step; shown with {@code --verbose}. */
        DEBUG,
        /** What is being done. */
        INFO,
        /** Something the user should look at, e.g. host key checking switched off. */
        WARNING,
        /** Something failed. */
        ERROR
    }

    void log(Level level, String message);

    default void debug(String message) {
        log(Level.DEBUG, message);
    }

    default void info(String message) {
        log(Level.INFO, message);
    }

    default void warn(String message) {
        log(Level.WARNING, message);
    }
}
