package io.jenkins.plugins.zopesync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.cloudbees.plugins.credentials.Credentials;
import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.SystemCredentialsProvider;
import hudson.model.FreeStyleBuild;
import hudson.model.FreeStyleProject;
import hudson.model.Label;
import hudson.model.Result;
import io.zopesync.testkit.Sandbox;
import java.nio.file.Path;
import java.util.List;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.MockFolder;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/**
 * Who may push where: an environment's allowed jobs and allowed nodes are checked on the controller before any of
 * its credentials is looked up (so none is tracked, none is sent to an agent, nothing is contacted), for freestyle
 * and Pipeline.
 */
@WithJenkins
class EnvironmentAccessITest {
    private static final String PIPELINE = """
            node(%s) {
              zopeSync source: 'dev', targets: ['prod'], objects: [[path: '/ourfolder/obj2']]
            }
            """;

    @TempDir
    Path dir;

    private Sandbox sandbox;

    @BeforeEach
    void startSandbox() {
        sandbox = Sandbox.start(dir);
    }

    @AfterEach
    void stopSandbox() {
        sandbox.close();
    }

    @Test
    void shouldRefuseAFreestyleJobOutsideTheAllowedFoldersBeforeAnyCredentialIsUsed(JenkinsRule j) throws Exception {
        JenkinsSandbox.configure(sandbox);
        restrict("prod", List.of("deploy"), null);
        MockFolder team = j.createFolder("team");
        FreeStyleProject project = freestyle(team.createProject(FreeStyleProject.class, "site"));

        FreeStyleBuild build = j.assertBuildStatus(Result.FAILURE, project.scheduleBuild2(0));

        j.assertLogContains("the job 'team/site' may not use the Zope environment 'prod'", build);
        j.assertLogContains("nothing was contacted", build);
        assertNothingContactedAndNoCredentialUsed();
    }

    @Test
    void shouldLetAFreestyleJobInAnAllowedFolderPush(JenkinsRule j) throws Exception {
        JenkinsSandbox.configure(sandbox);
        restrict("prod", List.of("deploy"), null);
        restrict("dev", List.of("deploy/site/*-push"), null);
        MockFolder deploy = j.createFolder("deploy");
        FreeStyleProject project = freestyle(
                deploy.createProject(MockFolder.class, "site").createProject(FreeStyleProject.class, "prod-push"));

        j.buildAndAssertSuccess(project);

        assertThat(sandbox.getSite("prod").getZope().exists("/ourfolder/obj2")).isTrue();
    }

    @Test
    void shouldRefuseAPipelineBranchThatIsNotAllowed(JenkinsRule j) throws Exception {
        JenkinsSandbox.configure(sandbox);
        restrict("prod", List.of("team/site/main"), null);
        MockFolder site = j.createFolder("team").createProject(MockFolder.class, "site");
        WorkflowJob feature = site.createProject(WorkflowJob.class, "feature-x");
        feature.setDefinition(new CpsFlowDefinition(PIPELINE.formatted("''"), true));
        WorkflowJob main = site.createProject(WorkflowJob.class, "main");
        main.setDefinition(new CpsFlowDefinition(PIPELINE.formatted("''"), true));

        WorkflowRun refused = j.buildAndAssertStatus(Result.FAILURE, feature);

        j.assertLogContains("the job 'team/site/feature-x' may not use the Zope environment 'prod'", refused);
        assertNothingContactedAndNoCredentialUsed();
        j.buildAndAssertSuccess(main);
        assertThat(sandbox.getSite("prod").getZope().exists("/ourfolder/obj2")).isTrue();
    }

    @Test
    void shouldRefuseAPipelineOnANodeTheEnvironmentDoesNotAllow(JenkinsRule j) throws Exception {
        JenkinsSandbox.configure(sandbox);
        restrict("prod", List.of(), "zope-deploy");
        j.createOnlineSlave(Label.get("builds"));
        j.createOnlineSlave(Label.get("zope-deploy"));
        WorkflowJob anywhere = j.createProject(WorkflowJob.class, "anywhere");
        anywhere.setDefinition(new CpsFlowDefinition(PIPELINE.formatted("'builds'"), true));
        WorkflowJob deploy = j.createProject(WorkflowJob.class, "deploy");
        deploy.setDefinition(new CpsFlowDefinition(PIPELINE.formatted("'zope-deploy'"), true));

        WorkflowRun refused = j.buildAndAssertStatus(Result.FAILURE, anywhere);

        j.assertLogContains("the Zope environment 'prod' may not be used on the node", refused);
        j.assertLogContains("(job 'anywhere'): it allows only nodes matching 'zope-deploy'", refused);
        assertNothingContactedAndNoCredentialUsed();
        j.buildAndAssertSuccess(deploy);
        assertThat(sandbox.getSite("prod").getZope().exists("/ourfolder/obj2")).isTrue();
    }

    @Test
    void shouldKeepAControllerOnlyEnvironmentOffTheAgents(JenkinsRule j) throws Exception {
        JenkinsSandbox.configure(sandbox);
        restrict("prod", List.of(), "built-in");
        FreeStyleProject onAgent = freestyle(j.createFreeStyleProject("on-agent"));
        onAgent.setAssignedNode(j.createOnlineSlave());
        FreeStyleProject onController = freestyle(j.createFreeStyleProject("on-controller"));
        onController.setAssignedLabel(Label.get("built-in"));

        FreeStyleBuild refused = j.assertBuildStatus(Result.FAILURE, onAgent.scheduleBuild2(0));

        j.assertLogContains("it allows only nodes matching 'built-in'", refused);
        assertNothingContactedAndNoCredentialUsed();
        j.buildAndAssertSuccess(onController);
        assertThat(sandbox.getSite("prod").getZope().exists("/ourfolder/obj2")).isTrue();
    }

    @Test
    void shouldRefuseToSaveABadAllowedJobOrLabelExpression(JenkinsRule j) {
        List<ZopeEnvironment> environments = JenkinsSandbox.environments(sandbox, sandbox.getSshServer());
        environments.get(2).setAllowedJobs(List.of("deploy//prod"));
        environments.get(1).setAllowedNodes("zope-deploy &&");

        assertThat(catchThrowable(() -> ZopeSyncConfiguration.get().setEnvironments(environments)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("environment prod, allowedJobs: 'deploy//prod'")
                .hasMessageContaining("environment test, allowedNodes: 'zope-deploy &&'");
    }

    private void assertNothingContactedAndNoCredentialUsed() throws Exception {
        for (String site : List.of("dev", "test", "prod")) {
            assertThat(sandbox.getSite(site).getZope().calls()).as(site).isEmpty();
        }
        for (Credentials credential : SystemCredentialsProvider.getInstance().getCredentials()) {
            assertThat(CredentialsProvider.getFingerprintOf(credential))
                    .as("no build used a credential")
                    .isNull();
        }
    }

    private static void restrict(String name, List<String> jobs, String nodes) {
        List<ZopeEnvironment> environments = ZopeSyncConfiguration.get().getEnvironments();
        for (ZopeEnvironment environment : environments) {
            if (environment.getName().equals(name)) {
                environment.setAllowedJobs(jobs);
                environment.setAllowedNodes(nodes);
            }
        }
        ZopeSyncConfiguration.get().setEnvironments(environments);
    }

    private static FreeStyleProject freestyle(FreeStyleProject project) throws Exception {
        ZopeSyncBuilder builder = new ZopeSyncBuilder();
        builder.setSource("dev");
        builder.setTargets(List.of("prod"));
        builder.setObjects(List.of(FreestyleSyncITest.object("/ourfolder/obj2", null)));
        project.getBuildersList().add(builder);
        return project;
    }
}
