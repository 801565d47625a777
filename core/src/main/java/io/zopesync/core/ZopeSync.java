package io.zopesync.core;

import io.zopesync.core.internal.Engine;
import io.zopesync.core.kernel.InvalidInputException;
import io.zopesync.core.model.PushRequest;
import io.zopesync.core.model.SyncListener;
import io.zopesync.core.model.SyncRequest;
import io.zopesync.core.result.SyncResult;
import io.zopesync.core.status.StatusResult;
import io.zopesync.core.ssh.JschConnector;
import io.zopesync.core.ssh.SshConnector;
import io.zopesync.core.zope.ZopeConnector;

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

    /** The engine with its real HTTP client and SSH transport. */
    public ZopeSync() {
        this(ZopeConnector.HTTP, new JschConnector());
    }

    /** The engine with other connectors, e.g. ones that inject faults. */
    public ZopeSync(ZopeConnector zopeConnector, SshConnector sshConnector) {
        this.engine = new Engine(java.util.Objects.requireNonNull(zopeConnector, "zopeConnector"),
                java.util.Objects.requireNonNull(sshConnector, "sshConnector"));
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
        return engine.status(request, listener);
    }

    /** Runs a promotion or restore from an existing bundle, verified against its manifest first. */
    public SyncResult push(PushRequest request, SyncListener listener) {
        return engine.push(request, listener);
    }
}
