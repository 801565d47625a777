package io.jenkins.plugins.zopesync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.SystemCredentialsProvider;
import com.cloudbees.plugins.credentials.domains.Domain;
import com.cloudbees.plugins.credentials.domains.HostnameSpecification;
import com.cloudbees.plugins.credentials.impl.UsernamePasswordCredentialsImpl;
import hudson.model.FreeStyleBuild;
import hudson.model.FreeStyleProject;
import hudson.model.ParametersDefinitionProperty;
import hudson.model.Result;
import hudson.model.StringParameterDefinition;
import hudson.tasks.Fingerprinter;
import io.jenkins.plugins.zopesync.model.SyncSummary;
import io.zopesync.testkit.Sandbox;
import java.nio.file.Path;
import java.util.List;
import org.htmlunit.html.HtmlPage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/** The freestyle build step against the testkit's sandbox: a sync end to end, and the ways a build fails. */
@WithJenkins
class FreestyleSyncITest {
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
    void shouldSyncObjectsArchiveTheBundleAndShowTheSummary(JenkinsRule j) throws Exception {
        JenkinsSandbox.configure(sandbox);
        FreeStyleProject project = project(
                j, "dev", List.of("test"), object("/myfolder/obj1", "/yourfolder"), object("/ourfolder/obj2", null));

        FreeStyleBuild build = j.buildAndAssertSuccess(project);

        assertThat(sandbox.getSite("test").getZope().exists("/yourfolder/obj1")).isTrue();
        assertThat(sandbox.getSite("test").getZope().exists("/ourfolder/obj2")).isTrue();
        j.assertLogContains("[zope-sync] target test synced", build);
        j.assertLogContains("archived", build);
        assertThat(build.getArtifactManager()
                        .root()
                        .child("zope-sync/manifest.json")
                        .exists())
                .isTrue();
        assertThat(build.getAction(Fingerprinter.FingerprintAction.class).getRecords())
                .containsKey("zope-sync/manifest.json");

        SyncSummary summary = build.getAction(ZopeSyncAction.class).getSummary();
        assertThat(summary.isSuccess()).isTrue();
        assertThat(summary.getBundle()).isEqualTo("zope-sync");
        assertThat(summary.getRows())
                .extracting(SyncSummary.Row::getPath)
                .containsExactly("/myfolder/obj1", "/ourfolder/obj2");
        assertThat(summary.getRows().get(0).getCells().get(0).getOutcome()).isEqualTo("imported");

        HtmlPage page = j.createWebClient().getPage(build);
        assertThat(JenkinsSandbox.assertSummaryInTheBuildPageTable(page).asNormalizedText())
                .contains("Zope sync")
                .contains("/myfolder/obj1")
                .contains("imported");
    }

    @Test
    void shouldSyncOnAnAgentAndBringTheResultBackToTheController(JenkinsRule j) throws Exception {
        JenkinsSandbox.assertEngineFromItsJar();
        JenkinsSandbox.configure(sandbox);
        FreeStyleProject project = project(j, "dev", List.of("test", "prod"), object("/ourfolder/obj2", null));
        project.setAssignedNode(j.createOnlineSlave());

        FreeStyleBuild build = j.buildAndAssertSuccess(project);

        assertThat(build.getBuiltOn()).isNotSameAs(j.jenkins);
        j.assertLogContains("[zope-sync] target prod synced", build);
        assertThat(sandbox.getSite("prod").getZope().exists("/ourfolder/obj2")).isTrue();
        assertThat(build.getArtifactManager()
                        .root()
                        .child("zope-sync/manifest.json")
                        .exists())
                .isTrue();
        SyncSummary summary = build.getAction(ZopeSyncAction.class).getSummary();
        assertThat(summary.getTargets())
                .extracting(SyncSummary.TargetStatus::getName, SyncSummary.TargetStatus::getStatus)
                .containsExactly(tuple("test", "synced"), tuple("prod", "synced"));
        JenkinsSandbox.assertSummaryInTheBuildPageTable(j.createWebClient().getPage(build));
    }

    @Test
    void shouldCheckOnlyInADryRunAndArchiveNothing(JenkinsRule j) throws Exception {
        JenkinsSandbox.configure(sandbox);
        FreeStyleProject project = project(j, "dev", List.of("test"), object("/myfolder/obj1", null));
        project.getBuildersList().get(ZopeSyncBuilder.class).setDryRun(true);

        FreeStyleBuild build = j.buildAndAssertSuccess(project);

        assertThat(sandbox.getSite("test").getZope().exists("/myfolder/obj1")).isFalse();
        assertThat(build.getArtifactManager()
                        .root()
                        .child("zope-sync/manifest.json")
                        .exists())
                .isFalse();
        assertThat(build.getAction(ZopeSyncAction.class)
                        .getSummary()
                        .getRows()
                        .get(0)
                        .getCells()
                        .get(0)
                        .getOutcome())
                .isEqualTo("checked");
    }

    @Test
    void shouldFailNamingTheTargetTheObjectAndTheCauseWhenAnImportFails(JenkinsRule j) throws Exception {
        JenkinsSandbox.configure(sandbox);
        sandbox.getSite("prod").getZope().failNext("manage_importObject", 1, 500);
        FreeStyleProject project = project(j, "dev", List.of("prod"), object("/ourfolder/obj2", null));

        FreeStyleBuild build = j.assertBuildStatus(Result.FAILURE, project.scheduleBuild2(0));

        j.assertLogContains("zopeSync failed:", build);
        j.assertLogContains("target prod", build);
        j.assertLogContains("/ourfolder/obj2", build);
        assertThat(sandbox.getSite("prod").getZope().exists("/ourfolder/obj2"))
                .as("the old version is restored")
                .isTrue();
        assertThat(build.getAction(ZopeSyncAction.class).getSummary().isSuccess())
                .isFalse();
    }

    @Test
    void shouldFailNamingAnEnvironmentThatIsNotConfigured(JenkinsRule j) throws Exception {
        JenkinsSandbox.configure(sandbox);
        FreeStyleProject project = project(j, "dev", List.of("staging"), object("/myfolder/obj1", null));

        FreeStyleBuild build = j.assertBuildStatus(Result.FAILURE, project.scheduleBuild2(0));

        j.assertLogContains("no Zope environment named 'staging'", build);
    }

    @Test
    void shouldFailNamingACredentialsIdThatDoesNotExist(JenkinsRule j) throws Exception {
        JenkinsSandbox.configure(sandbox);
        List<ZopeEnvironment> environments = JenkinsSandbox.environments(sandbox, sandbox.getSshServer());
        environments.set(1, new ZopeEnvironment("test", sandbox.getSite("test").getUrl(), "no-such-login"));
        ZopeSyncConfiguration.get().setEnvironments(environments);
        FreeStyleProject project = project(j, "dev", List.of("test"), object("/myfolder/obj1", null));

        FreeStyleBuild build = j.assertBuildStatus(Result.FAILURE, project.scheduleBuild2(0));

        j.assertLogContains("'no-such-login' (environment 'test')", build);
    }

    @Test
    void shouldNotUseACredentialRestrictedToTheDomainOfAnotherHost(JenkinsRule j) throws Exception {
        JenkinsSandbox.configure(sandbox);
        Domain elsewhere = new Domain(
                "elsewhere",
                "Zope logins for another host",
                List.of(new HostnameSpecification("zope.example.org", "")));
        SystemCredentialsProvider store = SystemCredentialsProvider.getInstance();
        store.getDomainCredentialsMap()
                .put(
                        elsewhere,
                        List.of(new UsernamePasswordCredentialsImpl(
                                CredentialsScope.GLOBAL,
                                "elsewhere-admin",
                                "for zope.example.org only",
                                Sandbox.ZOPE_USER,
                                sandbox.getPassword())));
        store.save();
        List<ZopeEnvironment> environments = JenkinsSandbox.environments(sandbox, sandbox.getSshServer());
        environments.set(0, new ZopeEnvironment("dev", sandbox.getSite("dev").getUrl(), "elsewhere-admin"));
        ZopeSyncConfiguration.get().setEnvironments(environments);
        FreeStyleProject project = project(j, "dev", List.of("test"), object("/myfolder/obj1", null));

        FreeStyleBuild build = j.assertBuildStatus(Result.FAILURE, project.scheduleBuild2(0));

        j.assertLogContains("'elsewhere-admin' (environment 'dev')", build);
        assertThat(sandbox.getSite("dev").getZope().calls()).isEmpty();
    }

    @Test
    void shouldRefuseACredentialIdThatABuildParameterWouldChoose(JenkinsRule j) throws Exception {
        JenkinsSandbox.configure(sandbox);
        FreeStyleProject project = project(j, "dev", List.of("test"), object("/myfolder/obj1", null));
        project.addProperty(new ParametersDefinitionProperty(
                new StringParameterDefinition(JenkinsSandbox.ZOPE_CREDENTIALS, "someone-elses-login")));

        FreeStyleBuild build = j.assertBuildStatus(Result.FAILURE, project.scheduleBuild2(0));

        j.assertLogContains("would be chosen by the build parameter 'zope-admin'", build);
        assertThat(sandbox.getSite("dev").getZope().calls()).isEmpty();
        assertThat(sandbox.getSite("test").getZope().calls()).isEmpty();
    }

    @Test
    void shouldRefuseACredentialIdThatIsAParameterExpression(JenkinsRule j) throws Exception {
        JenkinsSandbox.configure(sandbox);
        List<ZopeEnvironment> environments = JenkinsSandbox.environments(sandbox, sandbox.getSshServer());
        environments.set(0, new ZopeEnvironment("dev", sandbox.getSite("dev").getUrl(), "${LOGIN}"));
        ZopeSyncConfiguration.get().setEnvironments(environments);
        FreeStyleProject project = project(j, "dev", List.of("test"), object("/myfolder/obj1", null));

        FreeStyleBuild build = j.assertBuildStatus(Result.FAILURE, project.scheduleBuild2(0));

        j.assertLogContains("would be chosen by the build parameter 'LOGIN'", build);
        assertThat(sandbox.getSite("dev").getZope().calls()).isEmpty();
    }

    @Test
    void shouldFailBeforeContactingAnythingWhenAnObjectPathIsBad(JenkinsRule j) throws Exception {
        JenkinsSandbox.configure(sandbox);
        FreeStyleProject project = project(j, "dev", List.of("test"), object("myfolder/obj1", null));

        FreeStyleBuild build = j.assertBuildStatus(Result.FAILURE, project.scheduleBuild2(0));

        j.assertLogContains("myfolder/obj1", build);
        assertThat(sandbox.getSite("dev").getZope().calls()).isEmpty();
    }

    static ZopeObject object(String path, String target) {
        ZopeObject object = new ZopeObject(path);
        object.setTarget(target);
        return object;
    }

    private static FreeStyleProject project(JenkinsRule j, String source, List<String> targets, ZopeObject... objects)
            throws Exception {
        ZopeSyncBuilder builder = new ZopeSyncBuilder();
        builder.setSource(source);
        builder.setTargets(targets);
        builder.setObjects(List.of(objects));
        FreeStyleProject project = j.createFreeStyleProject();
        project.getBuildersList().add(builder);
        return project;
    }
}
