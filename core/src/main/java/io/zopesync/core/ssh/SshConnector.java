package io.zopesync.core.ssh;

import io.zopesync.core.kernel.SyncLog;
import io.zopesync.core.kernel.Timeouts;

/**
 * Opens SSH sessions. {@link JschConnector} is the real one; tests may wrap it to inject faults.
 * Implementations must be thread-safe.
 */
public interface SshConnector {

    /**
     * Connects and authenticates, verifying the host key as the settings say.
     *
     * @param log where connection notes and warnings (e.g. "accepting any host key") go
     * @throws TransferException naming the endpoint and the cause
     */
    RemoteFiles open(SshSettings settings, Timeouts timeouts, SyncLog log);
}
