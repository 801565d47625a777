package io.jenkins.plugins.zopesync;

import com.cloudbees.jenkins.plugins.sshcredentials.SSHUserPrivateKey;
import hudson.AbortException;
import hudson.Extension;
import hudson.model.Describable;
import hudson.model.Descriptor;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import io.jenkins.plugins.zopesync.model.Check;
import io.jenkins.plugins.zopesync.model.ConfigChecks;
import io.jenkins.plugins.zopesync.model.ConnectionTests;
import io.jenkins.plugins.zopesync.model.EngineMapping;
import io.jenkins.plugins.zopesync.model.SshLogin;
import io.jenkins.plugins.zopesync.model.SshValues;
import io.jenkins.plugins.zopesync.model.Texts;
import io.zopesync.core.kernel.InvalidInputException;
import io.zopesync.core.kernel.Timeouts;
import io.zopesync.core.ssh.SshSettings;
import java.time.Duration;
import java.util.Locale;
import jenkins.model.Jenkins;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * How a target's import directory is reached over SSH: host, port, the id of an SSH private key credential (its
 * user name is the SSH user), the import directory, and how the host key is verified: a pinned key or
 * fingerprint ({@code hostKey}), a known_hosts file on the agent ({@code knownHostsFile}), or, as an explicit and
 * logged choice, any key ({@code acceptAnyHostKey}).
 */
public class SshAccess implements Describable<SshAccess> {
    private final String host;
    private final String credentialsId;
    private final String importDir;
    private int port = SshValues.DEFAULT_PORT;
    private String hostKey;
    private String knownHostsFile;
    private boolean acceptAnyHostKey;
    private String protocol = "sftp";
    private int connectTimeout = SshValues.DEFAULT_CONNECT_TIMEOUT;
    private int readTimeout = SshValues.DEFAULT_READ_TIMEOUT;

    @DataBoundConstructor
    public SshAccess(String host, String credentialsId, String importDir) {
        this.host = host == null ? null : host.strip();
        this.credentialsId = credentialsId;
        this.importDir = importDir == null ? null : importDir.strip();
    }

    public String getHost() {
        return host;
    }

    public String getCredentialsId() {
        return credentialsId;
    }

    public String getImportDir() {
        return importDir;
    }

    public int getPort() {
        return port;
    }

    @DataBoundSetter
    public void setPort(int port) {
        this.port = port;
    }

    /** The pinned host key ({@code ssh-ed25519 AAAA…}) or fingerprint ({@code SHA256:…}), or {@code null}. */
    public String getHostKey() {
        return hostKey;
    }

    @DataBoundSetter
    public void setHostKey(String hostKey) {
        this.hostKey = blankToNull(hostKey);
    }

    /** A known_hosts file on the agent that runs the transfer, or {@code null}. */
    public String getKnownHostsFile() {
        return knownHostsFile;
    }

    @DataBoundSetter
    public void setKnownHostsFile(String knownHostsFile) {
        this.knownHostsFile = blankToNull(knownHostsFile);
    }

    public boolean isAcceptAnyHostKey() {
        return acceptAnyHostKey;
    }

    @DataBoundSetter
    public void setAcceptAnyHostKey(boolean acceptAnyHostKey) {
        this.acceptAnyHostKey = acceptAnyHostKey;
    }

    /** {@code sftp} (the default) or {@code scp}. */
    public String getProtocol() {
        return protocol;
    }

    @DataBoundSetter
    public void setProtocol(String protocol) {
        this.protocol = protocol == null || protocol.isBlank()
                ? "sftp"
                : protocol.strip().toLowerCase(Locale.ROOT);
    }

    /** Seconds to wait for a connection. */
    public int getConnectTimeout() {
        return connectTimeout;
    }

    @DataBoundSetter
    public void setConnectTimeout(int connectTimeout) {
        this.connectTimeout = connectTimeout;
    }

    /** Seconds to wait for an answer. */
    public int getReadTimeout() {
        return readTimeout;
    }

    @DataBoundSetter
    public void setReadTimeout(int readTimeout) {
        this.readTimeout = readTimeout;
    }

    /** The values as typed, for the checks and the engine mapping. */
    public SshValues toValues() {
        return SshValues.builder(host, credentialsId, importDir)
                .port(port)
                .hostKey(hostKey)
                .knownHostsFile(knownHostsFile)
                .acceptAnyHostKey(acceptAnyHostKey)
                .protocol(protocol)
                .connectTimeout(connectTimeout)
                .readTimeout(readTimeout)
                .build();
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    /** The form of the SSH block, its checks, "Test connection" and "Fetch host key". */
    @Extension
    @Symbol("zopeSsh")
    public static class DescriptorImpl extends Descriptor<SshAccess> {

        @Override
        public String getDisplayName() {
            return Texts.get("SshAccess.DisplayName");
        }

        @POST
        public FormValidation doCheckHost(@QueryParameter String value) {
            return FormChecks.forAdministrators(() -> ConfigChecks.host(value));
        }

        @POST
        public FormValidation doCheckPort(@QueryParameter int value) {
            return FormChecks.forAdministrators(() -> ConfigChecks.port(value));
        }

        @POST
        public FormValidation doCheckImportDir(@QueryParameter String value) {
            return FormChecks.forAdministrators(() -> ConfigChecks.importDir(null, value));
        }

        @POST
        public FormValidation doCheckHostKey(
                @QueryParameter String value,
                @QueryParameter String knownHostsFile,
                @QueryParameter boolean acceptAnyHostKey) {
            return FormChecks.forAdministrators(() -> ConfigChecks.hostKey(value, knownHostsFile, acceptAnyHostKey));
        }

        @POST
        public FormValidation doCheckAcceptAnyHostKey(@QueryParameter boolean value) {
            return FormChecks.forAdministrators(
                    () -> value ? Check.warning(Texts.get("Check.AcceptAnyHostKey")) : Check.ok());
        }

        @POST
        public FormValidation doCheckProtocol(@QueryParameter String value) {
            return FormChecks.forAdministrators(() -> ConfigChecks.protocol(value));
        }

        @POST
        public FormValidation doCheckConnectTimeout(@QueryParameter int value) {
            return FormChecks.forAdministrators(() -> ConfigChecks.timeout(value));
        }

        @POST
        public FormValidation doCheckReadTimeout(@QueryParameter int value) {
            return FormChecks.forAdministrators(() -> ConfigChecks.timeout(value));
        }

        @POST
        public FormValidation doCheckCredentialsId(@QueryParameter String value) {
            return FormChecks.credentialsId(value, SSHUserPrivateKey.class);
        }

        /** The SSH key credentials an administrator may pick; nobody else sees any id. */
        @POST
        public ListBoxModel doFillCredentialsIdItems(
                @QueryParameter String host, @QueryParameter int port, @QueryParameter String credentialsId) {
            String uri = host == null || host.isBlank() ? null : "ssh://" + host.strip() + ":" + port;
            return FormChecks.credentialsItems(SSHUserPrivateKey.class, uri, credentialsId);
        }

        /** The protocols; a fixed list. */
        @POST
        public ListBoxModel doFillProtocolItems() {
            ListBoxModel items = new ListBoxModel();
            items.add(Texts.get("SshAccess.Sftp"), "sftp");
            items.add(Texts.get("SshAccess.Scp"), "scp");
            return items;
        }

        /**
         * Logs in over SSH from the controller with the form's values, verifying the host key as configured, and
         * checks that the import directory is writable.
         */
        @POST
        public FormValidation doTestConnection(
                @QueryParameter String host,
                @QueryParameter int port,
                @QueryParameter String credentialsId,
                @QueryParameter String importDir,
                @QueryParameter String hostKey,
                @QueryParameter String knownHostsFile,
                @QueryParameter boolean acceptAnyHostKey,
                @QueryParameter String protocol,
                @QueryParameter int connectTimeout,
                @QueryParameter int readTimeout) {
            Jenkins.get().checkPermission(Jenkins.ADMINISTER);
            SshValues values = SshValues.builder(host, credentialsId, importDir)
                    .port(port)
                    .hostKey(hostKey)
                    .knownHostsFile(knownHostsFile)
                    .acceptAnyHostKey(acceptAnyHostKey)
                    .protocol(protocol)
                    .connectTimeout(connectTimeout)
                    .readTimeout(readTimeout)
                    .build();
            try {
                SshLogin login = CredentialsResolver.global()
                        .sshLogin("test", credentialsId, values.getHost(), values.getPort());
                SshSettings settings = EngineMapping.toSshSettings("test", values, login);
                Check check = ConnectionTests.ssh(settings, timeouts(connectTimeout, readTimeout));
                return check.getKind() == Check.Kind.OK
                        ? FormValidation.ok(
                                Texts.get("SshAccess.Connected", settings.getEndpoint(), settings.getImportDir()))
                        : FormChecks.toForm(check);
            } catch (AbortException | InvalidInputException e) {
                return FormValidation.error(e.getMessage());
            }
        }

        /** Shows the host key the server offers and its fingerprint, for the administrator to compare and pin. */
        @POST
        public FormValidation doFetchHostKey(
                @QueryParameter String host,
                @QueryParameter int port,
                @QueryParameter int connectTimeout,
                @QueryParameter int readTimeout) {
            Jenkins.get().checkPermission(Jenkins.ADMINISTER);
            return FormChecks.toForm(ConnectionTests.fetchHostKey(host, port, timeouts(connectTimeout, readTimeout)));
        }

        private static Timeouts timeouts(int connectSeconds, int readSeconds) {
            int connect =
                    ConfigChecks.timeout(connectSeconds).isError() ? SshValues.DEFAULT_CONNECT_TIMEOUT : connectSeconds;
            int read = ConfigChecks.timeout(readSeconds).isError() ? SshValues.DEFAULT_READ_TIMEOUT : readSeconds;
            return Timeouts.defaults().withConnect(Duration.ofSeconds(connect)).withRead(Duration.ofSeconds(read));
        }
    }
}
