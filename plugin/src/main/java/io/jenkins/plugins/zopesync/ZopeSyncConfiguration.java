package io.jenkins.plugins.zopesync;

import hudson.Extension;
import hudson.ExtensionList;
import io.jenkins.plugins.zopesync.model.ConfigChecks;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import jenkins.model.GlobalConfiguration;
import net.sf.json.JSONObject;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.StaplerRequest2;

/**
 * The "Zope environments" section of Manage Jenkins → System: every Zope installation that jobs may use as a
 * source or target, by name. With Configuration as Code:
 *
 * <pre>
 * unclassified:
 *   zopeSync:
 *     environments:
 *       - name: prod
 *         url: https://www.example.org
 *         credentialsId: zope-prod-admin
 *         ssh:
 *           host: www.example.org
 *           credentialsId: zope-prod-ssh
 *           importDir: /srv/zope/instance/import
 *           hostKey: "SHA256:…"
 * </pre>
 */
@Extension
@Symbol("zopeSync")
public class ZopeSyncConfiguration extends GlobalConfiguration {
    private List<ZopeEnvironment> environments = new ArrayList<>();

    public ZopeSyncConfiguration() {
        load();
    }

    /** The configuration of this Jenkins. */
    public static ZopeSyncConfiguration get() {
        return ExtensionList.lookupSingleton(ZopeSyncConfiguration.class);
    }

    public List<ZopeEnvironment> getEnvironments() {
        return environments == null ? List.of() : Collections.unmodifiableList(environments);
    }

    /**
     * Replaces every environment and saves; Configuration as Code sets them here (the Save button goes through
     * {@link #configure(StaplerRequest2, JSONObject)}). Whether the credential ids exist is not checked here
     * (Configuration as Code may create them later in the same file): the form shows it, and a build names a
     * missing id.
     *
     * @throws IllegalArgumentException naming each bad value and duplicate name; nothing is changed then
     */
    @DataBoundSetter
    public void setEnvironments(List<ZopeEnvironment> environments) {
        List<ZopeEnvironment> checked = environments == null ? new ArrayList<>() : new ArrayList<>(environments);
        Optional<String> problem = savingProblem(checked);
        if (problem.isPresent()) {
            throw new IllegalArgumentException(problem.get());
        }
        this.environments = checked;
        save();
    }

    /**
     * Saves the section from the Save (or Apply) button of Manage Jenkins → System. The form sends no
     * {@code environments} at all once its last entry is deleted, which saves an empty list. The submitted list is
     * bound and checked before anything changes, so a bad value shows as a form problem instead of an error page.
     *
     * @throws FormException of the field {@code environments}, naming each bad value and duplicate name; nothing is
     *     changed then
     */
    @Override
    public boolean configure(StaplerRequest2 req, JSONObject json) throws FormException {
        // Not bindJSON(this, json): that would call setEnvironments, whose check throws IllegalArgumentException
        // (an error page) for Configuration as Code's sake, and it sets nothing when the key is absent.
        List<ZopeEnvironment> submitted =
                new ArrayList<>(req.bindJSONToList(ZopeEnvironment.class, json.opt("environments")));
        Optional<String> problem = savingProblem(submitted);
        if (problem.isPresent()) {
            throw new FormException(problem.get(), "environments");
        }
        this.environments = submitted;
        save();
        return true;
    }

    private static Optional<String> savingProblem(List<ZopeEnvironment> environments) {
        return ConfigChecks.saving(
                environments.stream().map(ZopeEnvironment::toValues).toList(), EnvironmentAccess::nodes);
    }

    /** The environment with this name, if one is configured. */
    public Optional<ZopeEnvironment> environment(String name) {
        return getEnvironments().stream().filter(e -> e.getName().equals(name)).findFirst();
    }

    /** The configured environments' names, in order. */
    public List<String> getEnvironmentNames() {
        return getEnvironments().stream().map(ZopeEnvironment::getName).toList();
    }
}
