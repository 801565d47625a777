package io.zopesync.cli;

import io.zopesync.core.kernel.InvalidInputException;
import java.nio.file.Path;

/**
 * A task file is not acceptable: the message starts with the file, the line and the key, e.g.
 * {@code task.yaml:12: environments.test.ssh.port: SSH port of environment 'test' must be 1 to 65535: 0}.
 * Thrown before anything is contacted.
 */
final class TaskFileException extends InvalidInputException {
    private static final long serialVersionUID = 1L;

    /**
     * @param line the line, from 1; 0 if unknown
     * @param key the key path, empty for the whole file
     */
    TaskFileException(Path file, int line, String key, String message) {
        super(file + (line > 0 ? ":" + line : "") + ": " + (key.isEmpty() ? "" : key + ": ") + message);
    }
}
