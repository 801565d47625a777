package io.zopesync.core.zexp;

import io.zopesync.core.kernel.ZopeSyncException;

/**
 * A file is not a valid .zexp export. The message starts with the reason Zope itself would give where it has
 * one ({@code Invalid export header}, {@code Truncated export file}) and names the file and the offset.
 */
public class ZexpFormatException extends ZopeSyncException {
    private static final long serialVersionUID = 1L;

    public ZexpFormatException(String message) {
        super(message);
    }

    public ZexpFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
