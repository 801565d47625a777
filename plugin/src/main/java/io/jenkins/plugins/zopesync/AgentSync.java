package io.jenkins.plugins.zopesync;

import hudson.AbortException;
import hudson.model.TaskListener;
import hudson.remoting.VirtualChannel;
import io.jenkins.plugins.zopesync.model.EngineRun;
import io.jenkins.plugins.zopesync.model.LogSyncListener;
import io.jenkins.plugins.zopesync.model.SyncStepRequest;
import io.jenkins.plugins.zopesync.model.SyncSummary;
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
 * build log, and returns the result with the bundle's files and their MD5 sums (for Jenkins' fingerprints) and,
 * for an export, the objects of the bundle's manifest (for the build page).
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
        LogSyncListener log = new LogSyncListener(listener.getLogger(), System::nanoTime);
        SyncResult result;
        try {
            result = EngineRun.run(new ZopeSync(), request, source, targets, timeouts, holder, directory.toPath(), log);
        } catch (ZopeSyncException e) {
            throw new AbortException(Texts.get("Run.Stopped", e.getMessage()));
        }
        return new Outcome(result, EngineRun.files(directory.toPath()), EngineRun.exported(result, directory.toPath()));
    }

    /** What comes back to the controller. */
    static final class Outcome implements Serializable {
        private static final long serialVersionUID = 1L;

        private final SyncResult result;
        private final LinkedHashMap<String, String> files;
        private final ArrayList<SyncSummary.ExportedObject> exported;

        Outcome(
                SyncResult result,
                LinkedHashMap<String, String> files,
                ArrayList<SyncSummary.ExportedObject> exported) {
            this.result = result;
            this.files = files;
            this.exported = exported;
        }

        SyncResult getResult() {
            return result;
        }

        /** The bundle's files (relative, {@code /}-separated) and their MD5 sums. */
        Map<String, String> getFiles() {
            return files;
        }

        /** What an export put into the bundle; empty for any other run. */
        List<SyncSummary.ExportedObject> getExported() {
            return exported;
        }
    }
}
