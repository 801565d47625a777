package io.jenkins.plugins.zopesync;

import com.cloudbees.jenkins.plugins.sshcredentials.impl.BasicSSHUserPrivateKey;
import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.SystemCredentialsProvider;
import com.cloudbees.plugins.credentials.impl.UsernamePasswordCredentialsImpl;
import io.zopesync.testkit.Sandbox;
import io.zopesync.testkit.ssh.EmbeddedSshServer;
import java.util.ArrayList;
import java.util.List;

/**
 * The testkit's sandbox (Zope doubles {@code dev}, {@code test}, {@code prod}, the remotes' import directories
 * behind one embedded SSH server) as Jenkins sees it: its logins stored as credentials, its sites configured as
 * Zope environments with the SSH host key pinned.
 */
final class JenkinsSandbox {
    static final String ZOPE_CREDENTIALS = "zope-admin";
    static final String SSH_CREDENTIALS = "zope-ssh";

    private JenkinsSandbox() {}

    /** Stores the sandbox's logins and configures its three sites through the sandbox's SSH server. */
    static void configure(Sandbox sandbox) throws Exception {
        configure(sandbox, sandbox.getSshServer(), sandbox.getPrivateKey(), null);
    }

    /** Stores the logins and configures the sites, their import directories reached through {@code ssh}. */
    static void configure(Sandbox sandbox, EmbeddedSshServer ssh, String privateKey, String passphrase)
            throws Exception {
        SystemCredentialsProvider store = SystemCredentialsProvider.getInstance();
        store.getCredentials()
                .add(new UsernamePasswordCredentialsImpl(
                        CredentialsScope.GLOBAL,
                        ZOPE_CREDENTIALS,
                        "Zope managers of the sandbox",
                        Sandbox.ZOPE_USER,
                        sandbox.getPassword()));
        store.getCredentials()
                .add(new BasicSSHUserPrivateKey(
                        CredentialsScope.GLOBAL,
                        SSH_CREDENTIALS,
                        Sandbox.SSH_USER,
                        new BasicSSHUserPrivateKey.DirectEntryPrivateKeySource(privateKey),
                        passphrase,
                        "SSH login of the sandbox"));
        store.save();
        ZopeSyncConfiguration.get().setEnvironments(environments(sandbox, ssh));
    }

    static List<ZopeEnvironment> environments(Sandbox sandbox, EmbeddedSshServer ssh) {
        List<ZopeEnvironment> environments = new ArrayList<>();
        for (Sandbox.Site site : sandbox.getSites()) {
            ZopeEnvironment environment = new ZopeEnvironment(site.getName(), site.getUrl(), ZOPE_CREDENTIALS);
            if (!site.getName().equals(Sandbox.MASTER)) {
                SshAccess access = new SshAccess(ssh.getHost(), SSH_CREDENTIALS, ssh.remotePath(site.getImportDir()));
                access.setPort(ssh.getPort());
                access.setHostKey(ssh.getHostKey());
                environment.setSsh(access);
            }
            environments.add(environment);
        }
        return environments;
    }
}
