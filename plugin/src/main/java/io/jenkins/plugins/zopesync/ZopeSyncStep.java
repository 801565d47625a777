package io.jenkins.plugins.zopesync;

import hudson.Extension;
import hudson.FilePath;
import hudson.Launcher;
import hudson.model.Item;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import io.jenkins.plugins.zopesync.model.SyncStepRequest;
import io.jenkins.plugins.zopesync.model.Texts;
import io.zopesync.core.model.OnExisting;
import io.zopesync.core.model.SyncOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jenkinsci.plugins.structs.describable.DescribableModel;
import org.jenkinsci.plugins.structs.describable.DescribableParameter;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.jenkinsci.plugins.workflow.steps.SynchronousNonBlockingStepExecution;
import org.kohsuke.stapler.AncestorInPath;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * The Pipeline step {@code zopeSync}: a sync, or the promotion of an archived bundle, on the agent of the
 * enclosing {@code node}. It returns a plain map of what happened:
 *
 * <pre>{@code
 * node {
 *   def pushed = zopeSync source: 'dev', targets: ['test'],
 *                         objects: [[path: '/myfolder/obj1', target: '/yourfolder'], [path: '/ourfolder/obj2']]
 *   echo "bundle ${pushed.bundle}: ${pushed.targets.test.outcome}"
 * }
 * node { zopeSync bundle: 'zope-sync', targets: ['prod'] }
 * }</pre>
 *
 * The step runs on a thread of its own while the Pipeline waits; it cannot resume after a controller restart (the
 * build then fails, and the targets are left as the engine's safe per-target work leaves them: synced, or
 * restored).
 */
public class ZopeSyncStep extends Step implements SyncFields {
    private String source;
    private List<String> targets = new ArrayList<>();
    private List<ZopeObject> objects = new ArrayList<>();
    private String bundle;
    private String onExisting = OnExisting.REPLACE.getKeyword();
    private boolean dryRun;
    private boolean keepBackups;
    private boolean saveReplaced = true;
    private int parallel = SyncOptions.defaults().getParallelism();

    @DataBoundConstructor
    public ZopeSyncStep() {
        // every argument is named; the request checks the combination when the step starts
    }

    @Override
    public String getSource() {
        return source;
    }

    @DataBoundSetter
    public void setSource(String source) {
        this.source = source == null || source.isBlank() ? null : source.strip();
    }

    @Override
    public List<String> getTargets() {
        return List.copyOf(targets);
    }

    /** Sets the targets; an entry may hold several names separated by commas or spaces (the form's text field). */
    @DataBoundSetter
    public void setTargets(List<String> targets) {
        this.targets = new ArrayList<>();
        if (targets != null) {
            targets.forEach(entry -> this.targets.addAll(SyncStepRequest.splitNames(entry)));
        }
    }

    /** The targets as one line for the snippet generator's text field: {@code test, prod}. */
    public String getTargetsText() {
        return JobFormChecks.join(targets);
    }

    @Override
    public List<ZopeObject> getObjects() {
        return List.copyOf(objects);
    }

    @DataBoundSetter
    public void setObjects(List<ZopeObject> objects) {
        this.objects = objects == null ? new ArrayList<>() : new ArrayList<>(objects);
    }

    @Override
    public String getBundle() {
        return bundle;
    }

    @DataBoundSetter
    public void setBundle(String bundle) {
        this.bundle = bundle == null || bundle.isBlank() ? null : bundle.strip();
    }

    @Override
    public String getOnExisting() {
        return onExisting;
    }

    @DataBoundSetter
    public void setOnExisting(String onExisting) {
        this.onExisting = onExisting;
    }

    @Override
    public boolean isDryRun() {
        return dryRun;
    }

    @DataBoundSetter
    public void setDryRun(boolean dryRun) {
        this.dryRun = dryRun;
    }

    @Override
    public boolean isKeepBackups() {
        return keepBackups;
    }

    @DataBoundSetter
    public void setKeepBackups(boolean keepBackups) {
        this.keepBackups = keepBackups;
    }

    @Override
    public boolean isSaveReplaced() {
        return saveReplaced;
    }

    @DataBoundSetter
    public void setSaveReplaced(boolean saveReplaced) {
        this.saveReplaced = saveReplaced;
    }

    @Override
    public int getParallel() {
        return parallel;
    }

    @DataBoundSetter
    public void setParallel(int parallel) {
        this.parallel = parallel;
    }

    @Override
    public StepExecution start(StepContext context) throws Exception {
        return new Execution(context, ZopeSyncRun.toRequest(this));
    }

    /** Runs {@link ZopeSyncRun#perform} off the Pipeline's thread and returns its map. */
    private static final class Execution extends SynchronousNonBlockingStepExecution<Map<String, Object>> {
        private static final long serialVersionUID = 1L;

        private final SyncStepRequest request;

        Execution(StepContext context, SyncStepRequest request) {
            super(context);
            this.request = request;
        }

        @Override
        protected Map<String, Object> run() throws Exception {
            StepContext context = getContext();
            return ZopeSyncRun.perform(
                    context.get(Run.class),
                    context.get(FilePath.class),
                    context.get(Launcher.class),
                    context.get(TaskListener.class),
                    request);
        }
    }

    /** The step's name, its required context, and the snippet generator's checks. */
    @Extension
    public static class DescriptorImpl extends StepDescriptor {

        /** The snippet generator shows the build step's form: its help files are the build step's too. */
        public DescriptorImpl() {
            for (DescribableParameter parameter :
                    DescribableModel.of(ZopeSyncStep.class).getParameters()) {
                addHelpFileRedirect(parameter.getName(), ZopeSyncBuilder.class, parameter.getName());
            }
        }

        @Override
        public String getFunctionName() {
            return "zopeSync";
        }

        @Override
        public String getDisplayName() {
            return Texts.get("ZopeSyncStep.DisplayName");
        }

        @Override
        public Set<? extends Class<?>> getRequiredContext() {
            return Set.of(Run.class, FilePath.class, Launcher.class, TaskListener.class);
        }

        @POST
        public FormValidation doCheckSource(
                @AncestorInPath Item item, @QueryParameter String value, @QueryParameter String bundle) {
            return JobFormChecks.source(item, value, bundle);
        }

        @POST
        public FormValidation doCheckTargets(
                @AncestorInPath Item item, @QueryParameter String value, @QueryParameter String bundle) {
            return JobFormChecks.targets(item, value, bundle);
        }

        @POST
        public FormValidation doCheckBundle(
                @AncestorInPath Item item, @QueryParameter String value, @QueryParameter String source) {
            return JobFormChecks.bundle(item, value, source);
        }

        @POST
        public FormValidation doCheckParallel(@AncestorInPath Item item, @QueryParameter int value) {
            return JobFormChecks.parallel(item, value);
        }

        @POST
        public FormValidation doCheckOnExisting(@AncestorInPath Item item, @QueryParameter String value) {
            return JobFormChecks.onExisting(item, value);
        }

        @POST
        public ListBoxModel doFillOnExistingItems() {
            return JobFormChecks.onExistingItems();
        }
    }
}
