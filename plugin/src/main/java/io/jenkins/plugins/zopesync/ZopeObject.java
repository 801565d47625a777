package io.jenkins.plugins.zopesync;

import hudson.Extension;
import hudson.model.Describable;
import hudson.model.Descriptor;
import hudson.model.Item;
import hudson.util.FormValidation;
import io.jenkins.plugins.zopesync.model.ConfigChecks;
import io.jenkins.plugins.zopesync.model.Texts;
import org.kohsuke.stapler.AncestorInPath;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * One object to sync: its path on the source and, optionally, another folder on the targets. In a Jenkinsfile
 * {@code [path: '/myfolder/obj1', target: '/yourfolder']}: no symbol, so that the snippet generator writes that
 * plain map, as the documentation does.
 */
public class ZopeObject implements Describable<ZopeObject> {
    private final String path;
    private String target;

    @DataBoundConstructor
    public ZopeObject(String path) {
        this.path = path == null ? null : path.strip();
    }

    public String getPath() {
        return path;
    }

    /** The folder on the targets, or {@code null} for the folder the object has on the source. */
    public String getTarget() {
        return target;
    }

    @DataBoundSetter
    public void setTarget(String target) {
        this.target = target == null || target.isBlank() ? null : target.strip();
    }

    /** The form of one object and its checks. */
    @Extension
    public static class DescriptorImpl extends Descriptor<ZopeObject> {

        @Override
        public String getDisplayName() {
            return Texts.get("ZopeObject.DisplayName");
        }

        @POST
        public FormValidation doCheckPath(@AncestorInPath Item item, @QueryParameter String value) {
            if (!FormChecks.canConfigure(item)) {
                return FormValidation.ok();
            }
            return FormChecks.toForm(ConfigChecks.objectPath(value));
        }

        @POST
        public FormValidation doCheckTarget(@AncestorInPath Item item, @QueryParameter String value) {
            if (!FormChecks.canConfigure(item)) {
                return FormValidation.ok();
            }
            return FormChecks.toForm(ConfigChecks.targetFolder(value));
        }
    }
}
