package io.jenkins.plugins.zopesync;

import static io.jenkins.plugins.casc.misc.Util.getUnclassifiedRoot;
import static io.jenkins.plugins.casc.misc.Util.toYamlString;
import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.casc.ConfigurationContext;
import io.jenkins.plugins.casc.ConfiguratorRegistry;
import io.jenkins.plugins.casc.misc.ConfiguredWithCode;
import io.jenkins.plugins.casc.misc.JenkinsConfiguredWithCodeRule;
import io.jenkins.plugins.casc.misc.junit.jupiter.WithJenkinsConfiguredWithCode;
import io.jenkins.plugins.casc.model.CNode;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The environments read from and written as Configuration as Code YAML, with the names DESIGN.md shows. */
@WithJenkinsConfiguredWithCode
class ConfigurationAsCodeITest {

    @Test
    @ConfiguredWithCode("configuration-as-code.yml")
    void shouldReadEnvironmentsFromYaml(JenkinsConfiguredWithCodeRule j) {
        List<ZopeEnvironment> environments = ZopeSyncConfiguration.get().getEnvironments();

        assertThat(environments).extracting(ZopeEnvironment::getName).containsExactly("dev", "prod");
        assertThat(environments.get(0).getSsh()).isNull();
        ZopeEnvironment prod = environments.get(1);
        assertThat(prod.getUrl()).isEqualTo("https://www.example.org");
        assertThat(prod.getCredentialsId()).isEqualTo("zope-prod-admin");
        assertThat(prod.getAllowedJobs()).containsExactly("deploy", "team/site/main");
        assertThat(prod.getAllowedNodes()).isEqualTo("zope-deploy");
        assertThat(environments.get(0).getAllowedJobs()).isEmpty();
        SshAccess ssh = prod.getSsh();
        assertThat(ssh.getHost()).isEqualTo("www.example.org");
        assertThat(ssh.getPort()).isEqualTo(2222);
        assertThat(ssh.getCredentialsId()).isEqualTo("zope-prod-ssh");
        assertThat(ssh.getImportDir()).isEqualTo("/srv/zope/instance/import");
        assertThat(ssh.getHostKey()).isEqualTo("SHA256:47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU");
        assertThat(ssh.getProtocol()).isEqualTo("scp");
        assertThat(ssh.getReadTimeout()).isEqualTo(300);
        assertThat(ssh.getConnectTimeout()).isEqualTo(10);
        assertThat(ssh.isAcceptAnyHostKey()).isFalse();
    }

    @Test
    @ConfiguredWithCode("configuration-as-code.yml")
    void shouldWriteEnvironmentsAsYaml(JenkinsConfiguredWithCodeRule j) throws Exception {
        ConfigurationContext context = new ConfigurationContext(ConfiguratorRegistry.get());
        CNode zopeSync = getUnclassifiedRoot(context).get("zopeSync");

        String yaml = toYamlString(zopeSync);

        assertThat(yaml)
                .contains("environments:")
                .contains("name: \"prod\"")
                .contains("url: \"https://www.example.org\"")
                .contains("credentialsId: \"zope-prod-ssh\"")
                .contains("importDir: \"/srv/zope/instance/import\"")
                .contains("hostKey: \"SHA256:47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU\"")
                .contains("port: 2222")
                .contains("- \"team/site/main\"")
                .contains("allowedNodes: \"zope-deploy\"")
                .doesNotContain("acceptAnyHostKey: true");
    }
}
