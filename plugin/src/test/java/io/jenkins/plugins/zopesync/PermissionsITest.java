package io.jenkins.plugins.zopesync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.cloudbees.jenkins.plugins.sshcredentials.impl.BasicSSHUserPrivateKey;
import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.SystemCredentialsProvider;
import com.cloudbees.plugins.credentials.impl.UsernamePasswordCredentialsImpl;
import hudson.model.User;
import hudson.security.ACL;
import hudson.security.ACLContext;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import java.util.List;
import jenkins.model.Jenkins;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.MockAuthorizationStrategy;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;
import org.springframework.security.access.AccessDeniedException;

/**
 * A user with Overall/Read can neither list credential ids nor make Jenkins connect anywhere with stored
 * credentials; an administrator can.
 */
@WithJenkins
class PermissionsITest {
    private static final String KEY = "-----BEGIN OPENSSH PRIVATE KEY-----\nAAAA\n-----END OPENSSH PRIVATE KEY-----";
    private JenkinsRule j;

    @BeforeEach
    void secure(JenkinsRule rule) throws Exception {
        j = rule;
        j.jenkins.setSecurityRealm(j.createDummySecurityRealm());
        j.jenkins.setAuthorizationStrategy(new MockAuthorizationStrategy()
                .grant(Jenkins.READ)
                .everywhere()
                .to("reader")
                .grant(Jenkins.ADMINISTER)
                .everywhere()
                .to("admin"));
        SystemCredentialsProvider store = SystemCredentialsProvider.getInstance();
        store.getCredentials()
                .add(new UsernamePasswordCredentialsImpl(
                        CredentialsScope.GLOBAL, "zope-prod-admin", "", "adm", "sentinel-password"));
        store.getCredentials()
                .add(new BasicSSHUserPrivateKey(
                        CredentialsScope.GLOBAL,
                        "zope-prod-ssh",
                        "zope",
                        new BasicSSHUserPrivateKey.DirectEntryPrivateKeySource(KEY),
                        null,
                        ""));
        store.save();
    }

    @Test
    void shouldListNoCredentialIdsToAReader() {
        ZopeEnvironment.DescriptorImpl environment =
                j.jenkins.getDescriptorByType(ZopeEnvironment.DescriptorImpl.class);
        SshAccess.DescriptorImpl ssh = j.jenkins.getDescriptorByType(SshAccess.DescriptorImpl.class);

        try (ACLContext ignored = ACL.as(User.getById("reader", true))) {
            assertThat(values(environment.doFillCredentialsIdItems("https://www.example.org", "")))
                    .doesNotContain("zope-prod-admin");
            assertThat(values(ssh.doFillCredentialsIdItems("www.example.org", 22, "")))
                    .doesNotContain("zope-prod-ssh");
            assertThat(environment.doCheckCredentialsId("no-such-id").kind).isEqualTo(FormValidation.Kind.OK);
        }
        try (ACLContext ignored = ACL.as(User.getById("admin", true))) {
            assertThat(values(environment.doFillCredentialsIdItems("https://www.example.org", "")))
                    .contains("zope-prod-admin")
                    .doesNotContain("zope-prod-ssh");
            assertThat(values(ssh.doFillCredentialsIdItems("www.example.org", 22, "")))
                    .contains("zope-prod-ssh");
            assertThat(environment.doCheckCredentialsId("no-such-id").kind).isEqualTo(FormValidation.Kind.ERROR);
        }
    }

    @Test
    void shouldNotLetAReaderTestAConnectionOrFetchAHostKey() {
        ZopeEnvironment.DescriptorImpl environment =
                j.jenkins.getDescriptorByType(ZopeEnvironment.DescriptorImpl.class);
        SshAccess.DescriptorImpl ssh = j.jenkins.getDescriptorByType(SshAccess.DescriptorImpl.class);

        try (ACLContext ignored = ACL.as(User.getById("reader", true))) {
            assertThatThrownBy(
                            () -> environment.doTestConnection("prod", "http://127.0.0.1:9", "zope-prod-admin", null))
                    .isInstanceOf(AccessDeniedException.class);
            assertThatThrownBy(() -> ssh.doTestConnection(
                            "127.0.0.1", 9, "zope-prod-ssh", "/srv/import", null, null, true, "sftp", 5, 5))
                    .isInstanceOf(AccessDeniedException.class);
            assertThatThrownBy(() -> ssh.doFetchHostKey("127.0.0.1", 9, 5, 5))
                    .isInstanceOf(AccessDeniedException.class);
        }
    }

    @Test
    void shouldLetAnAdministratorTestAConnectionAndNameTheServer() {
        ZopeEnvironment.DescriptorImpl environment =
                j.jenkins.getDescriptorByType(ZopeEnvironment.DescriptorImpl.class);

        try (ACLContext ignored = ACL.as(User.getById("admin", true))) {
            FormValidation result = environment.doTestConnection("prod", "http://127.0.0.1:9", "zope-prod-admin", null);
            assertThat(result.kind).isEqualTo(FormValidation.Kind.ERROR);
            assertThat(result.getMessage()).contains("prod").doesNotContain("sentinel-password");
        }
    }

    private static List<String> values(ListBoxModel model) {
        return model.stream().map(option -> option.value).toList();
    }
}
