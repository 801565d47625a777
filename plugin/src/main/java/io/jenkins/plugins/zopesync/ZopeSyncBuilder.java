package io.jenkins.plugins.zopesync;

import hudson.EnvVars;
import hudson.Extension;
import hudson.FilePath;
import hudson.Launcher;
import hudson.model.AbstractProject;
import hudson.model.Item;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.tasks.BuildStepDescriptor;
import hudson.tasks.Builder;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import io.jenkins.plugins.zopesync.model.SyncStepRequest;
import io.jenkins.plugins.zopesync.model.Texts;
import io.zopesync.core.model.OnExisting;
import io.zopesync.core.model.SyncOptions;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import jenkins.tasks.SimpleBuildStep;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.AncestorInPath;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * The freestyle build step "Sync Zope objects": the same work as the Pipeline step {@code zopeSync}, through the
 * same {@link ZopeSyncRun#perform}. It has no symbol on purpose: a {@link SimpleBuildStep} with a symbol would be
 * callable from Pipeline too, beside (and clashing with) the real step.
 */
public class ZopeSyncBuilder extends Builder implements SimpleBuildStep, SyncFields {
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
    public ZopeSyncBuilder() {
        // every field is optional in the form; the request checks the combination when the step runs
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
        return targets == null ? List.of() : List.copyOf(targets);
    }

    /** Sets the targets; an entry may hold several names separated by commas or spaces (the form's text field). */
    @DataBoundSetter
    public void setTargets(List<String> targets) {
        this.targets = new ArrayList<>();
        if (targets != null) {
            targets.forEach(entry -> this.targets.addAll(SyncStepRequest.splitNames(entry)));
        }
    }

    /** The targets as one line for the form's text field: {@code test, prod}. */
    public String getTargetsText() {
        return JobFormChecks.join(targets);
    }

    @Override
    public List<ZopeObject> getObjects() {
        return objects == null ? List.of() : List.copyOf(objects);
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
    public void perform(Run<?, ?> run, FilePath workspace, EnvVars env, Launcher launcher, TaskListener listener)
            throws InterruptedException, IOException {
        ZopeSyncRun.perform(run, workspace, launcher, listener, ZopeSyncRun.toRequest(this));
    }

    /** The build step's form and its checks. */
    /** Its symbol differs from the Pipeline step's function name, {@code zopeSync}, which Pipeline would prefer. */
    @Extension
    @Symbol("zopeSyncBuilder")
    public static class DescriptorImpl extends BuildStepDescriptor<Builder> {

        @Override
        @SuppressWarnings("rawtypes") // the raw type is in Jenkins' signature
        public boolean isApplicable(Class<? extends AbstractProject> jobType) {
            return true;
        }

        @Override
        public String getDisplayName() {
            return Texts.get("ZopeSyncBuilder.DisplayName");
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
