package io.zopesync.core.internal;

import io.zopesync.core.kernel.ZopeSyncException;
import io.zopesync.core.model.Environment;
import io.zopesync.core.model.SyncListener;
import io.zopesync.core.model.SyncOptions;
import io.zopesync.core.ssh.RemoteFiles;
import io.zopesync.core.ssh.SshConnector;
import io.zopesync.core.ssh.SshSettings;
import io.zopesync.core.ssh.TransferException;
import io.zopesync.core.zope.ZopeApi;
import io.zopesync.core.zope.ZopeConnector;
import java.io.Closeable;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The connections of one run: one {@link ZopeApi} per environment and one SSH session per endpoint
 * ({@code user@host:port}), shared by every target on it, as zupdate.py asked for a password once per server.
 * A failed SSH connection is remembered, so that every target on that endpoint reports it without trying again.
 * Thread-safe; {@link #close()} ends everything.
 */
final class Connections implements Closeable {
    private final ZopeConnector zopeConnector;
    private final SshConnector sshConnector;
    private final SyncOptions options;
    private final SyncListener listener;
    private final Map<String, ZopeApi> zopes = new LinkedHashMap<>();
    private final Map<String, Object> sessions = new LinkedHashMap<>();
    private final Map<String, Object> endpointMonitors = new LinkedHashMap<>();
    private final Map<String, ReentrantLock> directoryLocks = new LinkedHashMap<>();

    Connections(ZopeConnector zopeConnector, SshConnector sshConnector, SyncOptions options,
            SyncListener listener) {
        this.zopeConnector = zopeConnector;
        this.sshConnector = sshConnector;
        this.options = options;
        this.listener = listener;
    }

    /** The environment's Zope client, opened on first use. */
    synchronized ZopeApi zope(Environment environment) {
        return zopes.computeIfAbsent(environment.getName(),
                name -> zopeConnector.open(environment.getZope(), options.getTimeouts(), options.getRetries(),
                        options.getRetryBackoff(), options.getParallelism() + 2, listener));
    }

    /**
     * The SSH session of the environment's endpoint, opened on first use. A connection that fails for a transport
     * reason (refused, reset, timed out) is tried again with the run's retries and back-off; a refused host key or
     * login is not.
     *
     * @throws ZopeSyncException the failure of the first attempt, for every caller
     */
    RemoteFiles ssh(Environment environment) {
        SshSettings settings = environment.getSsh().orElseThrow();
        String endpoint = settings.getEndpoint();
        synchronized (endpointLock(endpoint)) {
            Object session;
            synchronized (this) {
                session = sessions.get(endpoint);
            }
            if (session == null) {
                try {
                    session = open(settings);
                    listener.debug("SSH session to " + endpoint + " opened");
                } catch (ZopeSyncException e) {
                    session = e;
                }
                synchronized (this) {
                    sessions.put(endpoint, session);
                }
            }
            if (session instanceof ZopeSyncException) {
                throw (ZopeSyncException) session;
            }
            return (RemoteFiles) session;
        }
    }

    private RemoteFiles open(SshSettings settings) {
        for (int attempt = 1;; attempt++) {
            try {
                return sshConnector.open(settings, options.getTimeouts(), listener);
            } catch (TransferException e) {
                if (e.getKind() != TransferException.Kind.TRANSPORT || attempt >= options.getRetries()) {
                    throw e;
                }
                Retry.pause(options, attempt, listener, e.getMessage());
            }
        }
    }

    /**
     * Forgets a session that failed (or a remembered failure to open one) so that the next {@link #ssh} opens a
     * fresh one; closes it. Does nothing if another caller has already replaced it.
     */
    void forget(Environment environment, RemoteFiles broken) {
        String endpoint = environment.getSsh().orElseThrow().getEndpoint();
        synchronized (endpointLock(endpoint)) {
            Object session;
            synchronized (this) {
                session = sessions.get(endpoint);
                if (session == broken || session instanceof ZopeSyncException) {
                    sessions.remove(endpoint);
                } else {
                    return;
                }
            }
            if (session instanceof RemoteFiles) {
                ((RemoteFiles) session).close();
            }
        }
    }

    private synchronized Object endpointLock(String endpoint) {
        return endpointMonitors.computeIfAbsent(endpoint, k -> new Object());
    }

    /**
     * A lock for one import directory on one endpoint: targets of the same run that share it take turns, so
     * that they never wait on each other's lock file.
     */
    synchronized ReentrantLock directoryLock(SshSettings settings) {
        return directoryLocks.computeIfAbsent(settings.getEndpoint() + ":" + settings.getImportDir(),
                k -> new ReentrantLock());
    }

    @Override
    public void close() {
        Map<String, ZopeApi> openZopes;
        Map<String, Object> openSessions;
        synchronized (this) {
            openZopes = new LinkedHashMap<>(zopes);
            openSessions = new LinkedHashMap<>(sessions);
            zopes.clear();
            sessions.clear();
        }
        openZopes.values().forEach(ZopeApi::close);
        for (Object session : openSessions.values()) {
            if (session instanceof RemoteFiles) {
                ((RemoteFiles) session).close();
            }
        }
    }
}
