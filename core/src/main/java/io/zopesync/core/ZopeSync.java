package io.zopesync.core;

import io.zopesync.core.internal.ConnectionProbe;
import io.zopesync.core.internal.Engine;
import io.zopesync.core.kernel.InvalidInputException;
import io.zopesync.core.kernel.Timeouts;
import io.zopesync.core.model.Environment;
import io.zopesync.core.model.PushRequest;
import io.zopesync.core.model.SyncListener;
import io.zopesync.core.model.SyncRequest;
import io.zopesync.core.result.ConnectionCheck;
import io.zopesync.core.result.ConnectionReport;
import io.zopesync.core.result.SyncResult;
import io.zopesync.core.ssh.HostKeys;
import io.zopesync.core.ssh.JschConnector;
import io.zopesync.core.ssh.SshConnector;
import io.zopesync.core.ssh.SshSettings;
import io.zopesync.core.status.StatusResult;
import io.zopesync.core.zope.ZopeConnector;
import io.zopesync.core.zope.ZopeServer;
import java.util.Objects;

/**
 * The engine's entry point: a sync (export, then push to every target) or a push from an existing bundle
 * (promotion, restore).
 *
 * <pre>{@code
 * SyncResult result = new ZopeSync().sync(request, listener);
 * if (!result.isSuccess()) { ... }
 * }</pre>
 *
 * A run never throws for a failed target or server: the failure is in the result, per target, or in
 * {@link SyncResult#problems()} for what stopped the run before any target was touched (a preflight problem, a
 * failed export, a bundle that does not match its manifest). It throws {@link InvalidInputException} for bad
 * input, before anything is contacted. Thread-safe: one instance may run several requests at once.
 */
public final class ZopeSync {

    private final Engine engine;
    private final ConnectionProbe probe;

    /** The engine with its real HTTP client and SSH transport. */
    public ZopeSync() {
        this(ZopeConnector.HTTP, new JschConnector());
    }

    /** The engine with other connectors, e.g. ones that inject faults. */
    public ZopeSync(ZopeConnector zopeConnector, SshConnector sshConnector) {
        this.engine = new Engine(Objects.requireNonNull(zopeConnector, "zopeConnector"),
                Objects.requireNonNull(sshConnector, "sshConnector"));
        this.probe = new ConnectionProbe(zopeConnector, sshConnector);
    }

    /**
     * Runs a sync: plan, preflight, export into the bundle, then every target.
     *
     * @param listener told of progress; must be thread-safe
     */
    public SyncResult sync(SyncRequest request, SyncListener listener) {
        return engine.sync(request, listener);
    }

    /**
     * Exports objects from a source into a new bundle, with no target: the bundle can be verified, inspected
     * and promoted later. {@code request}'s targets are ignored; build it with none.
     *
     * <pre>{@code
     * SyncResult result = new ZopeSync().export(SyncRequest.builder(dev, bundleDir)
     *         .object(ObjectSpec.of("/site/page")), listener);
     * }</pre>
     *
     * @throws InvalidInputException if the request breaks a rule (a target given, no object, ...)
     */
    public SyncResult export(SyncRequest.Builder request, SyncListener listener) {
        return engine.sync(request.buildExport(), listener);
    }

    /**
     * Finds out, per target and object, whether the target holds what the source has ({@code in sync}), whether
     * the source or the target changed since zope-sync last pushed there, or whether the object is missing.
     * Changes nothing anywhere and writes no bundle: {@code request}'s bundle directory is not used.
     *
     * <pre>{@code
     * StatusResult status = new ZopeSync().status(request, SyncListener.NONE);
     * if (status.hasDrift()) { ... }
     * }</pre>
     */
    public StatusResult status(SyncRequest request, SyncListener listener) {
        return engine.status(request, false, listener);
    }

    /**
     * {@link #status(SyncRequest, SyncListener)}, and with {@code compare} each object that is not in sync on a
     * target (and is there) is also exported from the target and compared with the source's export: the differences
     * per object of its tree ({@link io.zopesync.core.status.ObjectStatus#differences()}), a unified diff for text. For
     * an object zope-sync has no record of ({@code unknown}) that says whether the target holds the same. Still
     * changes nothing; the target's exports go to a temporary directory and are removed.
     */
    public StatusResult status(SyncRequest request, boolean compare, SyncListener listener) {
        return engine.status(request, compare, listener);
    }

    /** Runs a promotion or restore from an existing bundle, verified against its manifest first. */
    public SyncResult push(PushRequest request, SyncListener listener) {
        return engine.push(request, listener);
    }

    /**
     * Checks that an environment can be reached as a sync would reach it, and changes nothing: the Zope login,
     * and for an environment with SSH settings the SSH connection, the host key, the SSH login and the import
     * directory. Each step is a {@link ConnectionCheck}; a step runs only if the ones before it passed.
     *
     * <pre>{@code
     * ConnectionReport report = new ZopeSync().checkConnection(prod, Timeouts.defaults());
     * if (!report.isSuccess()) { System.err.println(report.getFailure().get().getMessage()); }
     * }</pre>
     *
     * Never throws for a server that cannot be reached or refuses: that is a failed step.
     */
    public ConnectionReport checkConnection(Environment environment, Timeouts timeouts) {
        ConnectionReport zope = checkZope(environment.getZope(), timeouts);
        return environment.getSsh().map(ssh -> zope.and(checkSsh(ssh, timeouts))).orElse(zope);
    }

    /** {@link #checkConnection(Environment, Timeouts)} with the default timeouts. */
    public ConnectionReport checkConnection(Environment environment) {
        return checkConnection(environment, Timeouts.defaults());
    }

    /** The Zope step of {@link #checkConnection(Environment, Timeouts)} alone: one login, without retries. */
    public ConnectionReport checkZope(ZopeServer server, Timeouts timeouts) {
        return probe.zope(Objects.requireNonNull(server, "server"), Objects.requireNonNull(timeouts, "timeouts"));
    }

    /** The SSH steps of {@link #checkConnection(Environment, Timeouts)} alone. */
    public ConnectionReport checkSsh(SshSettings settings, Timeouts timeouts) {
        return probe.ssh(Objects.requireNonNull(settings, "settings"), Objects.requireNonNull(timeouts, "timeouts"));
    }

    /**
     * The host key a server offers and its fingerprint, for an administrator to compare and pin; no login is
     * attempted.
     *
     * @throws InvalidInputException naming a bad host or port
     * @throws io.zopesync.core.ssh.TransferException naming {@code host:port} if no key exchange took place
     */
    public static HostKeys.Offered fetchHostKey(String host, int port, Timeouts timeouts) {
        return HostKeys.fetch(host, port, timeouts);
    }
}
