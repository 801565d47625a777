package io.zopesync.core.bundle;

import io.zopesync.core.kernel.ZopeSyncException;

/** A bundle is missing, unreadable, or does not match its manifest; the message names the file and why. */
public class BundleException extends ZopeSyncException {
    private static final long serialVersionUID = 1L;

    public BundleException(String message) {
        super(message);
    }

    public BundleException(String message, Throwable cause) {
        super(message, cause);
    }
}
