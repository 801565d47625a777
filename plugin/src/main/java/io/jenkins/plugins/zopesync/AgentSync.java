package io.jenkins.plugins.zopesync;

import hudson.AbortException;
import hudson.model.TaskListener;
import hudson.remoting.VirtualChannel;
import io.jenkins.plugins.zopesync.model.EngineRun;
import io.jenkins.plugins.zopesync.model.LogSyncListener;
import io.jenkins.plugins.zopesync.model.MaskedLog;
import io.jenkins.plugins.zopesync.model.SyncReport;
import io.jenkins.plugins.zopesync.model.SyncStepRequest;
import io.jenkins.plugins.zopesync.model.Texts;
import io.zopesync.core.ZopeSync;
import io.zopesync.core.kernel.Timeouts;
import io.zopesync.core.kernel.ZopeSyncException;
import io.zopesync.core.model.Environment;
import io.zopesync.core.result.SyncResult;
import java.io.File;
import java.io.IOException;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jenkins.MasterToSlaveFileCallable;

/**
 * The engine's run on the agent that holds the bundle directory ({@link EngineRun}). It carries only serializable
 * engine values (the environments with their secret material, which never print themselves), the request and the
 * build log, and returns a {@link SyncReport} of the result with the bundle's files and their MD5 sums (for Jenkins'
 * fingerprints). Nothing of the engine's own comes back, not even an exception: remoting's class filter would
 * reject it on the controller (see {@link SyncReport}).
 */
final class AgentSync extends MasterToSlaveFileCallable<AgentSync.Outcome> {
    private static final long serialVersionUID = 1L;

    private final SyncStepRequest request;
    private final Environment source;
    private final ArrayList<Environment> targets;
    private final Timeouts timeouts;
    private final String holder;
    private final TaskListener listener;

    /**
     * @param source the source, or {@code null} for a promotion
     * @param holder who runs it, written into the targets' locks
     */
    AgentSync(
            SyncStepRequest request,
            Environment source,
            List<Environment> targets,
            Timeouts timeouts,
            String holder,
            TaskListener listener) {
        this.request = request;
        this.source = source;
        this.targets = new ArrayList<>(targets);
        this.timeouts = timeouts;
        this.holder = holder;
        this.listener = listener;
    }

    @Override
    public Outcome invoke(File directory, VirtualChannel channel) throws IOException, InterruptedException {
        List<Environment> environments = new ArrayList<>(targets);
        if (source != null) {
            environments.add(source);
        }
        MaskedLog masked = new MaskedLog(listener.getLogger(), MaskedLog.secretsOf(environments));
        LogSyncListener log = new LogSyncListener(masked.printStream(), System::nanoTime);
        SyncResult result;
        try {
            result = EngineRun.run(new ZopeSync(), request, source, targets, timeouts, holder, directory.toPath(), log);
        } catch (ZopeSyncException e) {
            throw new AbortException(masked.mask(Texts.get("Run.Stopped", e.getMessage())));
        } finally {
            masked.finish();
        }
        SyncReport report;
        try {
            report = SyncReport.of(result, EngineRun.exported(result, directory.toPath()));
        } catch (ZopeSyncException e) {
            throw new AbortException(masked.mask(Texts.get("Run.Stopped", e.getMessage())));
        }
        return new Outcome(report, EngineRun.files(directory.toPath()));
    }

    /** What comes back to the controller: only the plugin's and the JDK's classes. */
    static final class Outcome implements Serializable {
        private static final long serialVersionUID = 1L;

        private final SyncReport report;
        private final LinkedHashMap<String, String> files;

        Outcome(SyncReport report, LinkedHashMap<String, String> files) {
            this.report = report;
            this.files = files;
        }

        SyncReport getReport() {
            return report;
        }

        /** The bundle's files (relative, {@code /}-separated) and their MD5 sums. */
        Map<String, String> getFiles() {
            return files;
        }
    }
}
