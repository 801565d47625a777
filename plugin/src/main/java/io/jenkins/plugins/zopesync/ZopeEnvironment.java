package io.jenkins.plugins.zopesync;

import com.cloudbees.plugins.credentials.common.StandardUsernamePasswordCredentials;
import hudson.AbortException;
import hudson.Extension;
import hudson.model.Describable;
import hudson.model.Descriptor;
import hudson.model.labels.LabelExpression;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import io.jenkins.plugins.zopesync.model.AllowedJobs;
import io.jenkins.plugins.zopesync.model.Check;
import io.jenkins.plugins.zopesync.model.ConfigChecks;
import io.jenkins.plugins.zopesync.model.ConnectionTests;
import io.jenkins.plugins.zopesync.model.EnvironmentValues;
import io.jenkins.plugins.zopesync.model.SshValues;
import io.jenkins.plugins.zopesync.model.Texts;
import io.jenkins.plugins.zopesync.model.ZopeLogin;
import io.zopesync.core.kernel.InvalidInputException;
import io.zopesync.core.kernel.Timeouts;
import io.zopesync.core.zope.ZopeServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import jenkins.model.Jenkins;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * One Zope installation: a name that jobs use, the Zope URL, the id of a username/password credential for
 * Zope's management interface, an optional extra CA certificate, and for a target an {@link SshAccess} block
 * that reaches its import directory. Only credential ids are stored.
 */
public class ZopeEnvironment implements Describable<ZopeEnvironment> {
    private final String name;
    private final String url;
    private final String credentialsId;
    private String caCertificate;
    private SshAccess ssh;
    private List<String> allowedJobs = new ArrayList<>();
    private String allowedNodes;

    @DataBoundConstructor
    public ZopeEnvironment(String name, String url, String credentialsId) {
        this.name = name == null ? null : name.strip();
        this.url = url == null ? null : url.strip();
        this.credentialsId = credentialsId;
    }

    public String getName() {
        return name;
    }

    public String getUrl() {
        return url;
    }

    public String getCredentialsId() {
        return credentialsId;
    }

    /** An extra CA certificate (PEM) trusted besides the JVM's, or {@code null}. */
    public String getCaCertificate() {
        return caCertificate;
    }

    @DataBoundSetter
    public void setCaCertificate(String caCertificate) {
        this.caCertificate = caCertificate == null || caCertificate.isBlank() ? null : caCertificate.strip();
    }

    /** The SSH access to the import directory, or {@code null} for an environment that is only a source. */
    public SshAccess getSsh() {
        return ssh;
    }

    @DataBoundSetter
    public void setSsh(SshAccess ssh) {
        this.ssh = ssh;
    }

    /**
     * The jobs allowed to use this environment ({@link AllowedJobs}): full names of jobs or folders, {@code *}
     * within a name; empty for every job.
     */
    public List<String> getAllowedJobs() {
        return allowedJobs == null ? List.of() : List.copyOf(allowedJobs);
    }

    /** Sets the allowed jobs; an entry may hold several separated by line breaks, commas or spaces (the form). */
    @DataBoundSetter
    public void setAllowedJobs(List<String> allowedJobs) {
        this.allowedJobs = new ArrayList<>(AllowedJobs.split(allowedJobs));
    }

    /** The allowed jobs one per line, for the form's text area. */
    public String getAllowedJobsText() {
        return String.join("\n", getAllowedJobs());
    }

    /**
     * The label expression that the node running a step with this environment must match ({@code zope-deploy},
     * {@code built-in} for the controller only), or {@code null} for any node.
     */
    public String getAllowedNodes() {
        return allowedNodes;
    }

    @DataBoundSetter
    public void setAllowedNodes(String allowedNodes) {
        this.allowedNodes = allowedNodes == null || allowedNodes.isBlank() ? null : allowedNodes.strip();
    }

    /** Who may use this environment, checked on the controller before any of its credentials is looked up. */
    AllowedJobs allowedJobs() {
        return AllowedJobs.of(getAllowedJobs());
    }

    /** The values as typed, for the checks and the engine mapping. */
    public EnvironmentValues toValues() {
        return EnvironmentValues.of(name, url, credentialsId, caCertificate, ssh == null ? null : ssh.toValues())
                .withAccess(getAllowedJobs(), allowedNodes);
    }

    /** The form of an environment, its checks and its "Test connection" button. */
    @Extension
    @Symbol("zopeEnvironment")
    public static class DescriptorImpl extends Descriptor<ZopeEnvironment> {

        @Override
        public String getDisplayName() {
            return Texts.get("ZopeEnvironment.DisplayName");
        }

        @POST
        public FormValidation doCheckName(@QueryParameter String value) {
            return FormChecks.forAdministrators(() -> ConfigChecks.name(value));
        }

        @POST
        public FormValidation doCheckUrl(@QueryParameter String value, @QueryParameter String name) {
            return FormChecks.forAdministrators(() -> ConfigChecks.url(name, value));
        }

        @POST
        public FormValidation doCheckCredentialsId(@QueryParameter String value) {
            return FormChecks.credentialsId(value, StandardUsernamePasswordCredentials.class);
        }

        @POST
        public FormValidation doCheckAllowedJobs(@QueryParameter String value) {
            return FormChecks.forAdministrators(() -> AllowedJobs.check(List.of(value)));
        }

        @POST
        public FormValidation doCheckAllowedNodes(@QueryParameter String value) {
            return Jenkins.get().hasPermission(Jenkins.ADMINISTER)
                    ? LabelExpression.validate(value)
                    : FormValidation.ok();
        }

        @POST
        public FormValidation doCheckCaCertificate(@QueryParameter String value) {
            return FormChecks.forAdministrators(() -> ConfigChecks.caCertificate(value));
        }

        /** The username/password credentials an administrator may pick; nobody else sees any id. */
        @POST
        public ListBoxModel doFillCredentialsIdItems(@QueryParameter String url, @QueryParameter String credentialsId) {
            return FormChecks.credentialsItems(StandardUsernamePasswordCredentials.class, url, credentialsId);
        }

        /** Logs in to Zope with the form's values, from the controller. */
        @POST
        public FormValidation doTestConnection(
                @QueryParameter String name,
                @QueryParameter String url,
                @QueryParameter String credentialsId,
                @QueryParameter String caCertificate) {
            Jenkins.get().checkPermission(Jenkins.ADMINISTER);
            String label = name == null || name.isBlank() ? "test" : name.strip();
            try {
                ZopeLogin login = CredentialsResolver.global().zopeLogin(label, credentialsId, url);
                ZopeServer server = ZopeServer.of(label, url, login.username(), login.password(), caCertificate);
                Check check = ConnectionTests.zope(
                        server,
                        Timeouts.defaults()
                                .withConnect(Duration.ofSeconds(SshValues.DEFAULT_CONNECT_TIMEOUT))
                                .withRead(Duration.ofSeconds(SshValues.DEFAULT_CONNECT_TIMEOUT)));
                return check.isError()
                        ? FormChecks.toForm(check)
                        : FormValidation.ok(Texts.get("ZopeEnvironment.Connected", server.getUrl()));
            } catch (AbortException | InvalidInputException e) {
                return FormValidation.error(e.getMessage());
            }
        }
    }
}
