package io.jenkins.plugins.zopesync;

import hudson.Extension;
import hudson.ExtensionList;
import io.jenkins.plugins.zopesync.model.ConfigChecks;
import io.jenkins.plugins.zopesync.model.Texts;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import jenkins.model.GlobalConfiguration;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.DataBoundSetter;

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
     * Replaces every environment and saves; the Save button and Configuration as Code both set them here.
     * Whether the credential ids exist is not checked here (Configuration as Code may create them later in the
     * same file): the form shows it, and a build names a missing id.
     *
     * @throws IllegalArgumentException naming each bad value and duplicate name; nothing is changed then
     */
    @DataBoundSetter
    public void setEnvironments(List<ZopeEnvironment> environments) {
        List<ZopeEnvironment> checked = environments == null ? new ArrayList<>() : new ArrayList<>(environments);
        List<String> problems = ConfigChecks.environments(
                checked.stream().map(ZopeEnvironment::toValues).toList(), id -> true, id -> true);
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(Texts.get("Configuration.Invalid", String.join("; ", problems)));
        }
        this.environments = checked;
        save();
    }

    /** The environment with this name, if one is configured. */
    public Optional<ZopeEnvironment> find(String name) {
        return getEnvironments().stream().filter(e -> e.getName().equals(name)).findFirst();
    }

    /** The configured environments' names, in order. */
    public List<String> getEnvironmentNames() {
        return getEnvironments().stream().map(ZopeEnvironment::getName).toList();
    }
}
