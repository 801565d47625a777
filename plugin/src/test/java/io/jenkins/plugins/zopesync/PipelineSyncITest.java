package io.jenkins.plugins.zopesync;

import static org.assertj.core.api.Assertions.assertThat;

import hudson.model.Label;
import hudson.model.Result;
import io.jenkins.plugins.zopesync.model.SyncSummary;
import io.zopesync.testkit.Sandbox;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import org.htmlunit.html.HtmlPage;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.jenkinsci.plugins.workflow.support.steps.input.InputAction;
import org.jenkinsci.plugins.workflow.support.steps.input.InputStepExecution;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/** The Pipeline step against the testkit's sandbox, on an agent: the returned map, and an approval-gated push. */
@WithJenkins
class PipelineSyncITest {
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
    void shouldRunOnAnAgentAndReturnAMapThePipelineCanRead(JenkinsRule j) throws Exception {
        JenkinsSandbox.assertEngineFromItsJar();
        JenkinsSandbox.configure(sandbox);
        j.createOnlineSlave(Label.get("zope"));
        WorkflowJob job = j.createProject(WorkflowJob.class, "sync");
        job.setDefinition(new CpsFlowDefinition("""
                node('zope') {
                  def pushed = zopeSync source: 'dev', targets: ['test'],
                                        objects: [[path: '/myfolder/obj1', target: '/yourfolder'],
                                                  [path: '/ourfolder/obj2']]
                  echo "bundle=${pushed.bundle} success=${pushed.success} test=${pushed.targets.test.outcome}"
                  def objects = pushed.targets.test.objects
                  echo "obj1=${objects['/myfolder/obj1']} obj2=${objects['/ourfolder/obj2']}"
                }
                """, true));

        WorkflowRun run = j.buildAndAssertSuccess(job);

        j.assertLogContains("bundle=zope-sync success=true test=synced", run);
        j.assertLogContains("obj1=imported obj2=imported", run);
        assertThat(sandbox.getSite("test").getZope().exists("/yourfolder/obj1")).isTrue();
        assertThat(run.getArtifactManager()
                        .root()
                        .child("zope-sync/manifest.json")
                        .exists())
                .isTrue();
        assertThat(run.getAction(ZopeSyncAction.class).getSummary().getTargets())
                .hasSize(1);
        assertThat(JenkinsSandbox.assertSummaryInTheBuildPageTable(
                                j.createWebClient().getPage(run))
                        .asNormalizedText())
                .contains("/myfolder/obj1");
    }

    @Test
    void shouldLetOnlyOneOfTwoParallelExportsHaveTheBuildsBundle(JenkinsRule j) throws Exception {
        JenkinsSandbox.configure(sandbox);
        // every call to the source takes a while, so that both exports are under way at the same time
        sandbox.getSite("dev").getZope().delay(Duration.ofMillis(300));
        WorkflowJob job = j.createProject(WorkflowJob.class, "parallel");
        job.setDefinition(new CpsFlowDefinition("""
                parallel one: {
                  node { zopeSync source: 'dev', objects: [[path: '/myfolder/obj1']] }
                }, two: {
                  node { zopeSync source: 'dev', objects: [[path: '/ourfolder/obj2']] }
                }
                """, true));

        WorkflowRun run = j.buildAndAssertStatus(Result.FAILURE, job);

        j.assertLogContains("another export of this build has its bundle 'zope-sync' already", run);
        String manifest;
        try (InputStream in =
                run.getArtifactManager().root().child("zope-sync/manifest.json").open()) {
            manifest = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertThat(manifest.contains("/myfolder/obj1") ^ manifest.contains("/ourfolder/obj2"))
                .as("the archived bundle holds the objects of exactly one export: %s", manifest)
                .isTrue();
        assertThat(run.getArtifactManager().root().child("zope-sync").list("**/*.zexp", null, false))
                .hasSize(1);
    }

    @Test
    void shouldExportThenWaitForApprovalThenPromoteTheArchivedBundle(JenkinsRule j) throws Exception {
        JenkinsSandbox.configure(sandbox);
        WorkflowJob job = j.createProject(WorkflowJob.class, "promote");
        job.setDefinition(new CpsFlowDefinition("""
                stage('Test') {
                  node {
                    def tested = zopeSync source: 'dev', targets: ['test'], objects: [[path: '/myfolder/obj1']]
                    echo "tested=${tested.targets.test.outcome}"
                  }
                }
                stage('Production') {
                  input id: 'Prod', message: 'Push the tested objects to production?'
                  milestone()
                  lock('zope-prod') {
                    node {
                      def promoted = zopeSync bundle: 'zope-sync', targets: ['prod']
                      def prod = promoted.targets.prod
                      echo "promoted=${prod.outcome} obj1=${prod.objects['/myfolder/obj1']}"
                    }
                  }
                }
                """, true));

        WorkflowRun run = job.scheduleBuild2(0).waitForStart();
        j.waitForMessage("Push the tested objects to production?", run);
        assertThat(sandbox.getSite("test").getZope().exists("/myfolder/obj1")).isTrue();
        assertThat(sandbox.getSite("prod").getZope().exists("/myfolder/obj1"))
                .as("nothing before approval")
                .isFalse();

        InputAction input = run.getAction(InputAction.class);
        InputStepExecution execution = input.getExecution("Prod");
        HtmlPage page = j.createWebClient().getPage(run, input.getUrlName());
        j.submit(page.getFormByName(execution.getId()), "proceed");
        j.assertBuildStatusSuccess(j.waitForCompletion(run));

        j.assertLogContains("tested=synced", run);
        j.assertLogContains("promoting the archived bundle 'zope-sync'", run);
        j.assertLogContains("promoted=synced obj1=imported", run);
        assertThat(sandbox.getSite("prod").getZope().exists("/myfolder/obj1")).isTrue();
        assertThat(run.getActions(ZopeSyncAction.class))
                .extracting(a -> a.getSummary().getKind())
                .containsExactly("sync", "promote");
    }

    @Test
    void shouldExportOnlyThenPromoteTheBundleToTwoTargets(JenkinsRule j) throws Exception {
        JenkinsSandbox.configure(sandbox);
        WorkflowJob job = j.createProject(WorkflowJob.class, "export");
        job.setDefinition(new CpsFlowDefinition("""
                node {
                  def exported = zopeSync source: 'dev', objects: [[path: '/site/index.html']]
                  echo "exported=${exported.success} bundle=${exported.bundle} targets=${exported.targets.size()}"
                }
                node {
                  def promoted = zopeSync bundle: 'zope-sync', targets: ['test', 'prod'], parallel: 2
                  echo "test=${promoted.targets.test.outcome} prod=${promoted.targets.prod.outcome}"
                }
                """, true));

        WorkflowRun run = j.buildAndAssertSuccess(job);

        j.assertLogContains("exported=true bundle=zope-sync targets=0", run);
        j.assertLogContains("test=synced prod=synced", run);
        assertThat(sandbox.getSite("test").getZope().exists("/site/index.html")).isTrue();
        assertThat(sandbox.getSite("prod").getZope().exists("/site/index.html")).isTrue();
        SyncSummary export = run.getActions(ZopeSyncAction.class).get(0).getSummary();
        assertThat(export.getKind()).isEqualTo("export");
        assertThat(export.getRows()).isEmpty();
        assertThat(export.getExported())
                .extracting(SyncSummary.ExportedObject::getPath)
                .containsExactly("/site/index.html");
        assertThat(j.createWebClient().getPage(run).asNormalizedText())
                .as("the build page lists the exported object with its short SHA-256")
                .contains(export.getExported().get(0).getSha256Short());
    }

    @Test
    void shouldRefuseToPromoteABundleThisBuildDoesNotHave(JenkinsRule j) throws Exception {
        JenkinsSandbox.configure(sandbox);
        WorkflowJob job = j.createProject(WorkflowJob.class, "nothing");
        job.setDefinition(new CpsFlowDefinition("node { zopeSync bundle: 'zope-sync', targets: ['prod'] }", true));

        WorkflowRun run = j.buildAndAssertStatus(Result.FAILURE, job);

        j.assertLogContains("no bundle 'zope-sync' in this build's artifacts or in the workspace", run);
    }
}
