package io.jenkins.plugins.zopesync;

import hudson.AbortException;
import hudson.FilePath;
import hudson.Launcher;
import hudson.model.Run;
import hudson.model.TaskListener;
import io.jenkins.plugins.zopesync.model.EngineMapping;
import io.jenkins.plugins.zopesync.model.EnvironmentValues;
import io.jenkins.plugins.zopesync.model.ResultMap;
import io.jenkins.plugins.zopesync.model.SyncReport;
import io.jenkins.plugins.zopesync.model.SyncStepRequest;
import io.jenkins.plugins.zopesync.model.Texts;
import io.zopesync.core.kernel.InvalidInputException;
import io.zopesync.core.kernel.Timeouts;
import io.zopesync.core.model.Environment;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The one code path of both steps: resolve the environments and their credentials on the controller, run the
 * engine on the agent that holds the workspace, archive and fingerprint the bundle, attach the build summary,
 * and fail the build if anything failed.
 */
final class ZopeSyncRun {
    private ZopeSyncRun() {}

    /**
     * The request the step's fields ask for.
     *
     * @throws AbortException naming the bad value
     */
    static SyncStepRequest toRequest(SyncFields fields) throws AbortException {
        SyncStepRequest.Builder builder = SyncStepRequest.builder()
                .source(fields.getSource())
                .targets(fields.getTargets())
                .bundle(fields.getBundle())
                .onExisting(fields.getOnExisting())
                .dryRun(fields.isDryRun())
                .keepBackups(fields.isKeepBackups())
                .saveReplaced(fields.isSaveReplaced())
                .parallel(fields.getParallel());
        for (ZopeObject object : fields.getObjects()) {
            builder.object(object.getPath(), object.getTarget());
        }
        try {
            return builder.build();
        } catch (InvalidInputException e) {
            throw new AbortException(Texts.get("Run.BadRequest", e.getMessage()));
        }
    }

    /**
     * Runs a sync or a promotion for a build.
     *
     * @return the Pipeline step's map (see {@link ResultMap#of})
     * @throws AbortException if the request cannot run (an unknown environment, a missing credential, no bundle)
     *     or if any target failed; the message names the target, the object and the cause
     */
    static Map<String, Object> perform(
            Run<?, ?> run, FilePath workspace, Launcher launcher, TaskListener listener, SyncStepRequest request)
            throws IOException, InterruptedException {
        ZopeSyncConfiguration configuration = ZopeSyncConfiguration.get();
        Map<String, EnvironmentValues> values = new LinkedHashMap<>();
        for (String name : request.getEnvironmentNames()) {
            ZopeEnvironment environment = configuration
                    .environment(name)
                    .orElseThrow(() -> new AbortException(Texts.get("Run.UnknownEnvironment", name)));
            EnvironmentAccess.check(run, workspace, environment);
            values.put(name, environment.toValues());
        }
        CredentialsResolver credentials = CredentialsResolver.forRun(run);
        Environment source = request.isPromotion() ? null : credentials.source(values.get(request.getSource()));
        List<Environment> targets = new ArrayList<>();
        for (String name : request.getTargets()) {
            targets.add(credentials.environment(values.get(name)));
        }
        Timeouts timeouts = EngineMapping.toTimeouts(values.values());

        listener.getLogger().println(Texts.get("Run.Starting", request));
        BundleArchive.Location bundle = request.isPromotion()
                ? BundleArchive.fetch(run, workspace, request.getBundle(), listener)
                : BundleArchive.prepare(run, workspace);
        AgentSync.Outcome outcome;
        String archived = null;
        try {
            outcome = bundle.getDirectory()
                    .act(new AgentSync(
                            request,
                            source,
                            targets,
                            timeouts,
                            Texts.get("Run.Holder", run.getFullDisplayName()),
                            listener));
            archived = BundleArchive.archive(run, workspace, launcher, listener, bundle, outcome.getFiles());
        } finally {
            if (archived == null) {
                BundleArchive.release(run, bundle);
            }
        }
        SyncReport report = outcome.getReport();
        run.addAction(new ZopeSyncAction(report.getSummary().withBundle(archived)));
        if (report.getFailure().isPresent()) {
            throw new AbortException(report.getFailure().get());
        }
        return report.getResultMap(archived);
    }
}
