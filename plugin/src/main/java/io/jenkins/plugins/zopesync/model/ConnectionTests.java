package io.jenkins.plugins.zopesync.model;

import io.zopesync.core.ZopeSync;
import io.zopesync.core.kernel.Timeouts;
import io.zopesync.core.kernel.ZopeSyncException;
import io.zopesync.core.result.ConnectionCheck;
import io.zopesync.core.result.ConnectionReport;
import io.zopesync.core.ssh.HostKeys;
import io.zopesync.core.ssh.SshConnector;
import io.zopesync.core.ssh.SshSettings;
import io.zopesync.core.zope.ZopeConnector;
import io.zopesync.core.zope.ZopeServer;
import java.util.List;

/**
 * The configuration page's buttons, on the engine's connection check alone: "Test connection" for Zope (a login
 * that may manage the root folder) and for SSH (login with a verified host key, the import directory writable),
 * and "Fetch host key" (what a server offers, for the admin to pin). Each answers with a {@link Check} whose
 * message names the server and the cause; nothing here throws.
 */
public final class ConnectionTests {
    private ConnectionTests() {}

    /** Logs in to Zope once, without retries. */
    public static Check zope(ZopeServer server, Timeouts timeouts) {
        return toCheck(new ZopeSync().checkZope(server, timeouts));
    }

    /** Logs in over SSH with the configured host key verification and checks the import directory. */
    public static Check ssh(SshSettings settings, Timeouts timeouts) {
        return toCheck(new ZopeSync().checkSsh(settings, timeouts));
    }

    /** {@link #ssh(SshSettings, Timeouts)} with another connector (tests inject one). */
    public static Check ssh(SshConnector connector, SshSettings settings, Timeouts timeouts) {
        return toCheck(new ZopeSync(ZopeConnector.HTTP, connector).checkSsh(settings, timeouts));
    }

    /** Connects without logging in and reports the offered host key and its SHA-256 fingerprint. */
    public static Check fetchHostKey(String host, int port, Timeouts timeouts) {
        try {
            HostKeys.Offered offered = ZopeSync.fetchHostKey(host, port, timeouts);
            return Check.ok(Texts.get("Check.OfferedHostKey", host, port, offered.fingerprint(), offered.keyLine()));
        } catch (ZopeSyncException e) {
            return Check.error(e.getMessage());
        }
    }

    /** The first failure as an error, else the warnings as one warning, else OK. */
    static Check toCheck(ConnectionReport report) {
        if (!report.isSuccess()) {
            return Check.error(
                    report.getFailure().map(ConnectionCheck::getMessage).orElseThrow());
        }
        List<String> warnings = report.getWarnings();
        return warnings.isEmpty() ? Check.ok() : Check.warning(String.join(" ", warnings));
    }
}
