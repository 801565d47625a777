package io.jenkins.plugins.zopesync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import hudson.model.Result;
import io.zopesync.testkit.Sandbox;
import io.zopesync.testkit.ssh.EmbeddedSshServer;
import io.zopesync.testkit.ssh.TestKeys;
import java.nio.file.Path;
import java.util.List;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/**
 * No build log ever shows the Zope password, the SSH private key or its passphrase: checked with sentinel secrets
 * on a successful sync, on a failing one and on a dry run.
 */
@WithJenkins
class SecretsITest {
    private static final String PASSPHRASE = "sentinel-passphrase-3c9f1e";

    @TempDir
    Path dir;

    @Test
    void shouldKeepEverySecretOutOfTheBuildLog(JenkinsRule j) throws Exception {
        assumeTrue(TestKeys.isAvailable(), TestKeys::unavailableReason);
        TestKeys.KeyPairText key =
                TestKeys.generate(dir.resolve("keys"), TestKeys.Type.ED25519, TestKeys.Format.OPENSSH, PASSPHRASE);
        try (Sandbox sandbox = Sandbox.start(dir.resolve("sandbox"));
                EmbeddedSshServer ssh = EmbeddedSshServer.builder(sandbox.getDirectory())
                        .authorize(Sandbox.SSH_USER, key.getPublicKey())
                        .start()) {
            JenkinsSandbox.configure(sandbox, ssh, key.getPrivateKey(), PASSPHRASE);
            sandbox.getSite("prod").getZope().failNext("manage_importObject", 1, 500);
            WorkflowJob job = j.createProject(WorkflowJob.class, "secrets");
            job.setDefinition(new CpsFlowDefinition("""
                    node {
                      zopeSync source: 'dev', targets: ['test'], objects: [[path: '/myfolder/obj1']], dryRun: true
                      zopeSync source: 'dev', targets: ['test', 'prod'], objects: [[path: '/ourfolder/obj2']]
                    }
                    """, true));

            WorkflowRun run = j.buildAndAssertStatus(Result.FAILURE, job);

            j.assertLogContains("target test synced", run);
            j.assertLogContains("target prod", run);
            String log = JenkinsRule.getLog(run);
            assertThat(log).doesNotContain(sandbox.getPassword()).doesNotContain(PASSPHRASE);
            for (String line : secretLines(key.getPrivateKey())) {
                assertThat(log).doesNotContain(line);
            }
        }
    }

    /** The key's base64 lines: any of them in the log would be a leak. */
    private static List<String> secretLines(String privateKey) {
        return privateKey
                .lines()
                .filter(line -> !line.startsWith("-----") && line.length() > 20)
                .toList();
    }
}
