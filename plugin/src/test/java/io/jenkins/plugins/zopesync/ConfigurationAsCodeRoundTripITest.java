package io.jenkins.plugins.zopesync;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.casc.misc.junit.jupiter.AbstractRoundTripTest;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/** Configuration as Code's own round trip: apply the YAML, export it, apply the export, compare. */
@WithJenkins
class ConfigurationAsCodeRoundTripITest extends AbstractRoundTripTest {

    @Override
    protected String configResource() {
        return "configuration-as-code.yml";
    }

    @Override
    protected void assertConfiguredAsExpected(JenkinsRule j, String configContent) {
        assertThat(ZopeSyncConfiguration.get().getEnvironmentNames()).containsExactly("dev", "prod");
        assertThat(ZopeSyncConfiguration.get()
                        .environment("prod")
                        .orElseThrow()
                        .getSsh()
                        .getImportDir())
                .isEqualTo("/srv/zope/instance/import");
        assertThat(ZopeSyncConfiguration.get().environment("prod").orElseThrow().getAllowedJobs())
                .containsExactly("deploy", "team/site/main");
    }

    @Override
    protected String stringInLogExpected() {
        return "ZopeSyncConfiguration";
    }
}
