package io.zopesync.core.ssh;

import io.zopesync.core.SyncLog;
import io.zopesync.core.Timeouts;

/**
 * Opens SSH sessions with JSch.
 */
public final class JschConnector implements SshConnector {

    @Override
    public RemoteFiles open(SshSettings settings, Timeouts timeouts, SyncLog log) {
        throw new UnsupportedOperationException("not implemented yet");
    }
}
