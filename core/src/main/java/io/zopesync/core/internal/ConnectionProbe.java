package io.zopesync.core.internal;

import io.zopesync.core.kernel.SyncLog;
import io.zopesync.core.kernel.Timeouts;
import io.zopesync.core.kernel.ZopeSyncException;
import io.zopesync.core.result.ConnectionCheck;
import io.zopesync.core.result.ConnectionCheck.Step;
import io.zopesync.core.result.ConnectionReport;
import io.zopesync.core.ssh.RemoteFiles;
import io.zopesync.core.ssh.SshConnector;
import io.zopesync.core.ssh.SshSettings;
import io.zopesync.core.ssh.TransferException;
import io.zopesync.core.zope.ZopeApi;
import io.zopesync.core.zope.ZopeConnector;
import io.zopesync.core.zope.ZopeServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The connection check behind {@code ZopeSync.checkConnection}: the steps a preflight takes for one environment,
 * each turned into a {@link ConnectionCheck} instead of a problem, so that a front end can show which step failed.
 * Nothing here throws for a server that cannot be reached or refuses: that is a failed step. Thread-safe.
 */
public final class ConnectionProbe {
    private final ZopeConnector zopeConnector;
    private final SshConnector sshConnector;

    public ConnectionProbe(ZopeConnector zopeConnector, SshConnector sshConnector) {
        this.zopeConnector = zopeConnector;
        this.sshConnector = sshConnector;
    }

    /** Logs in to Zope once, without retries. */
    public ConnectionReport zope(ZopeServer server, Timeouts timeouts) {
        try (ZopeApi api = zopeConnector.open(server, timeouts, 1, Duration.ZERO, 1, SyncLog.NONE)) {
            api.checkLogin();
            return ConnectionReport.of(List.of(ConnectionCheck.passed(Step.ZOPE_LOGIN)));
        } catch (ZopeSyncException e) {
            return ConnectionReport.of(List.of(ConnectionCheck.failed(Step.ZOPE_LOGIN, e.getMessage())));
        }
    }

    /**
     * Connects over SSH with the settings' host key verification, logs in and checks that the import directory is
     * writable. Warnings logged while connecting (host key checking off) are the host key step's.
     */
    public ConnectionReport ssh(SshSettings settings, Timeouts timeouts) {
        List<String> warnings = new ArrayList<>();
        SyncLog log = (level, message) -> {
            if (level == SyncLog.Level.WARNING) {
                synchronized (warnings) {
                    warnings.add(message);
                }
            }
        };
        RemoteFiles files;
        try {
            files = sshConnector.open(settings, timeouts, log);
        } catch (TransferException e) {
            return failedAt(failedStep(e.getKind()), e.getMessage());
        } catch (ZopeSyncException e) {
            // The key cannot be read or decrypted: nothing was sent yet.
            return failedAt(Step.SSH_LOGIN, e.getMessage(), Step.SSH_CONNECT, Step.SSH_HOST_KEY);
        }
        List<ConnectionCheck> checks = new ArrayList<>();
        checks.add(ConnectionCheck.passed(Step.SSH_CONNECT));
        checks.add(withWarnings(Step.SSH_HOST_KEY, drain(warnings)));
        checks.add(ConnectionCheck.passed(Step.SSH_LOGIN));
        try (RemoteFiles session = files) {
            session.checkWritableDirectory(settings.getImportDir());
        } catch (ZopeSyncException e) {
            checks.add(ConnectionCheck.failed(Step.IMPORT_DIRECTORY, e.getMessage()));
            return ConnectionReport.of(checks);
        }
        checks.add(withWarnings(Step.IMPORT_DIRECTORY, drain(warnings)));
        return ConnectionReport.of(checks);
    }

    private static List<String> drain(List<String> warnings) {
        synchronized (warnings) {
            List<String> drained = List.copyOf(warnings);
            warnings.clear();
            return drained;
        }
    }

    private static ConnectionCheck withWarnings(Step step, List<String> warnings) {
        return warnings.isEmpty() ? ConnectionCheck.passed(step)
                : ConnectionCheck.warning(step, String.join(" ", warnings));
    }

    private static Step failedStep(TransferException.Kind kind) {
        switch (kind) {
            case HOST_KEY:
                return Step.SSH_HOST_KEY;
            case AUTHENTICATION:
                return Step.SSH_LOGIN;
            case FILE:
                return Step.IMPORT_DIRECTORY;
            default:
                return Step.SSH_CONNECT;
        }
    }

    /** The SSH steps with {@code failed} failed, those before it passed and those after it not run. */
    private static ConnectionReport failedAt(Step failed, String message, Step... notRunBefore) {
        List<ConnectionCheck> checks = new ArrayList<>();
        boolean after = false;
        for (Step step : List.of(Step.SSH_CONNECT, Step.SSH_HOST_KEY, Step.SSH_LOGIN, Step.IMPORT_DIRECTORY)) {
            if (step == failed) {
                checks.add(ConnectionCheck.failed(step, message));
                after = true;
            } else if (after || List.of(notRunBefore).contains(step)) {
                checks.add(ConnectionCheck.notRun(step));
            } else {
                checks.add(ConnectionCheck.passed(step));
            }
        }
        return ConnectionReport.of(checks);
    }
}
