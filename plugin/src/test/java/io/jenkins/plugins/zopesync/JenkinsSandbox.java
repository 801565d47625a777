package io.jenkins.plugins.zopesync;

import static org.assertj.core.api.Assertions.assertThat;

import com.cloudbees.jenkins.plugins.sshcredentials.impl.BasicSSHUserPrivateKey;
import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.SystemCredentialsProvider;
import com.cloudbees.plugins.credentials.impl.UsernamePasswordCredentialsImpl;
import io.zopesync.testkit.Sandbox;
import io.zopesync.testkit.ssh.EmbeddedSshServer;
import java.net.URL;
import java.util.ArrayList;
import java.util.List;
import jenkins.model.Jenkins;
import org.htmlunit.html.DomElement;
import org.htmlunit.html.DomNode;
import org.htmlunit.html.HtmlPage;

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

    /**
     * Checks that the plugin runs the engine from the jar the reactor built, as an installed plugin does: remoting's
     * class filter accepts a build's {@code target/classes} directories but not a library jar, so a test on an agent
     * proves nothing about a real installation unless the engine comes from its jar.
     */
    static void assertEngineFromItsJar() throws Exception {
        ClassLoader plugin = Jenkins.get().getPluginManager().getPlugin("zope-sync").classLoader;
        URL engine = plugin.loadClass("io.zopesync.core.ZopeSync")
                .getProtectionDomain()
                .getCodeSource()
                .getLocation();
        assertThat(engine.getPath())
                .as("the engine's classes must come from zope-sync-core's jar (run the plugin's tests with"
                        + " `verify`, in the reactor, not `test`)")
                .endsWith(".jar");
    }

    /**
     * Checks that the build page shows the zope-sync summary as a row of the build's summary table, as core's
     * {@code t:summary} makes it: a {@code <div>} placed directly into that table would be moved out of it by the
     * browser's (and HtmlUnit's) HTML parser.
     *
     * @return the summary's element
     */
    static DomElement assertSummaryInTheBuildPageTable(HtmlPage page) {
        DomElement summary = page.querySelector(".zope-sync-summary");
        assertThat(summary).as("the zope-sync summary on the build page").isNotNull();
        DomNode cell = summary.getParentNode();
        assertThat(cell.getNodeName()).isEqualTo("td");
        DomNode row = cell.getParentNode();
        assertThat(row.getNodeName()).isEqualTo("tr");
        assertThat(((DomElement) row).getAttribute("class")).contains("app-summary");
        DomNode table = row.getParentNode();
        while (table != null && !table.getNodeName().equals("table")) {
            table = table.getParentNode();
        }
        assertThat(table).as("the row's table").isNotNull();
        return summary;
    }
}
