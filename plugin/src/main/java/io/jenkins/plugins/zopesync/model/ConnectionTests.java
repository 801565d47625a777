package io.jenkins.plugins.zopesync.model;

import io.zopesync.core.kernel.SyncLog;
import io.zopesync.core.kernel.Timeouts;
import io.zopesync.core.kernel.ZopeSyncException;
import io.zopesync.core.ssh.HostKeys;
import io.zopesync.core.ssh.JschConnector;
import io.zopesync.core.ssh.RemoteFiles;
import io.zopesync.core.ssh.SshConnector;
import io.zopesync.core.ssh.SshSettings;
import io.zopesync.core.zope.ZopeApi;
import io.zopesync.core.zope.ZopeClient;
import io.zopesync.core.zope.ZopeServer;
import java.time.Duration;

/**
 * The configuration page's buttons, on the engine alone: "Test connection" for Zope (a login that may manage the
 * root folder) and for SSH (login with a verified host key, the import directory writable), and "Fetch host key"
 * (what a server offers, for the admin to pin). Each answers with a {@link Check} whose message names the
 * server and the cause; nothing here throws.
 */
public final class ConnectionTests {
    private ConnectionTests() {}

    /** Logs in to Zope once, without retries. */
    public static Check zope(ZopeServer server, Timeouts timeouts) {
        try (ZopeApi api = ZopeClient.create(server, timeouts, 1, Duration.ZERO, 1, SyncLog.NONE)) {
            api.checkLogin();
            return Check.ok();
        } catch (ZopeSyncException e) {
            return Check.error(e.getMessage());
        }
    }

    /** Logs in over SSH with the configured host key verification and checks the import directory. */
    public static Check ssh(SshSettings settings, Timeouts timeouts) {
        return ssh(new JschConnector(), settings, timeouts);
    }

    /** {@link #ssh(SshSettings, Timeouts)} with another connector (tests inject one). */
    public static Check ssh(SshConnector connector, SshSettings settings, Timeouts timeouts) {
        StringBuilder warnings = new StringBuilder();
        SyncLog log = (level, message) -> {
            if (level == SyncLog.Level.WARNING) {
                warnings.append(message).append(' ');
            }
        };
        try (RemoteFiles files = connector.open(settings, timeouts, log)) {
            files.checkWritableDirectory(settings.getImportDir());
        } catch (ZopeSyncException e) {
            return Check.error(e.getMessage());
        }
        return warnings.length() == 0
                ? Check.ok()
                : Check.warning(warnings.toString().strip());
    }

    /** Connects without logging in and reports the offered host key and its SHA-256 fingerprint. */
    public static Check fetchHostKey(String host, int port, Timeouts timeouts) {
        try {
            HostKeys.Offered offered = HostKeys.fetch(host, port, timeouts);
            return Check.ok(Texts.get("Check.OfferedHostKey", host, port, offered.fingerprint(), offered.keyLine()));
        } catch (ZopeSyncException e) {
            return Check.error(e.getMessage());
        }
    }
}
