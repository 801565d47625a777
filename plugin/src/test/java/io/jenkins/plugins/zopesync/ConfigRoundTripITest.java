package io.jenkins.plugins.zopesync;

import static org.assertj.core.api.Assertions.assertThat;

import hudson.model.FreeStyleProject;
import java.util.List;
import org.jenkinsci.plugins.workflow.steps.StepConfigTester;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/** Every field of the build step, the Pipeline step and the environments survives its form unchanged. */
@WithJenkins
class ConfigRoundTripITest {
    private static final String FINGERPRINT = "SHA256:47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU";

    @Test
    void shouldKeepEveryFieldOfTheBuildStep(JenkinsRule j) throws Exception {
        ZopeSyncBuilder builder = new ZopeSyncBuilder();
        builder.setSource("dev");
        builder.setTargets(List.of("test", "prod"));
        builder.setObjects(List.of(object("/myfolder/obj1", "/yourfolder"), object("/ourfolder/obj2", null)));
        builder.setOnExisting("skip");
        builder.setDryRun(true);
        builder.setKeepBackups(true);
        builder.setSaveReplaced(false);
        builder.setParallel(2);
        FreeStyleProject project = j.createFreeStyleProject();
        project.getBuildersList().add(builder);

        j.configRoundtrip(project);

        ZopeSyncBuilder after = project.getBuildersList().get(ZopeSyncBuilder.class);
        j.assertEqualDataBoundBeans(builder, after);
        assertThat(after.getTargets()).containsExactly("test", "prod");
    }

    @Test
    void shouldKeepAPromotionOfTheBuildStep(JenkinsRule j) throws Exception {
        ZopeSyncBuilder builder = new ZopeSyncBuilder();
        builder.setBundle("zope-sync");
        builder.setTargets(List.of("prod"));
        FreeStyleProject project = j.createFreeStyleProject();
        project.getBuildersList().add(builder);

        j.configRoundtrip(project);

        j.assertEqualDataBoundBeans(builder, project.getBuildersList().get(ZopeSyncBuilder.class));
    }

    @Test
    void shouldKeepEveryFieldOfThePipelineStep(JenkinsRule j) throws Exception {
        ZopeSyncStep step = new ZopeSyncStep();
        step.setSource("dev");
        step.setTargets(List.of("test"));
        step.setObjects(List.of(object("/myfolder/obj1", "/yourfolder")));
        step.setOnExisting("fail");
        step.setDryRun(true);
        step.setKeepBackups(true);
        step.setSaveReplaced(false);
        step.setParallel(8);

        j.assertEqualDataBoundBeans(step, new StepConfigTester(j).configRoundTrip(step));

        ZopeSyncStep promotion = new ZopeSyncStep();
        promotion.setBundle("zope-sync");
        promotion.setTargets(List.of("prod"));
        j.assertEqualDataBoundBeans(promotion, new StepConfigTester(j).configRoundTrip(promotion));
    }

    @Test
    void shouldShowTheBuildStepsHelpInTheSnippetGenerator(JenkinsRule j) throws Exception {
        ZopeSyncStep.DescriptorImpl step = j.jenkins.getDescriptorByType(ZopeSyncStep.DescriptorImpl.class);
        String builderId = j.jenkins
                .getDescriptorByType(ZopeSyncBuilder.DescriptorImpl.class)
                .getId();
        for (String field : List.of(
                "source",
                "targets",
                "objects",
                "bundle",
                "onExisting",
                "dryRun",
                "keepBackups",
                "saveReplaced",
                "parallel")) {
            String help = j.executeOnServer(() -> step.getHelpFile(field));
            assertThat(help).as(field).isEqualTo("/descriptor/" + builderId + "/help/" + field);
            try (JenkinsRule.WebClient web = j.createWebClient()) {
                String text = web.goTo(help.substring(1), null).getWebResponse().getContentAsString();
                assertThat(text).as(field).startsWith("<div>");
            }
        }
    }

    @Test
    void shouldKeepEveryFieldOfTheEnvironments(JenkinsRule j) throws Exception {
        ZopeEnvironment dev = new ZopeEnvironment("dev", "http://zope-dev.example.org:8080", "zope-dev-admin");
        ZopeEnvironment prod = new ZopeEnvironment("prod", "https://www.example.org", "zope-prod-admin");
        SshAccess ssh = new SshAccess("www.example.org", "zope-prod-ssh", "/srv/zope/instance/import");
        ssh.setPort(2222);
        ssh.setHostKey(FINGERPRINT);
        ssh.setProtocol("scp");
        ssh.setConnectTimeout(20);
        ssh.setReadTimeout(300);
        prod.setSsh(ssh);
        prod.setAllowedJobs(List.of("deploy", "team/site/main"));
        prod.setAllowedNodes("zope-deploy && linux");
        ZopeEnvironment test = new ZopeEnvironment("test", "https://test.example.org", "zope-test-admin");
        SshAccess testSsh = new SshAccess("test.example.org", "zope-test-ssh", "/srv/zope/import");
        testSsh.setKnownHostsFile("/home/jenkins/.ssh/known_hosts");
        test.setSsh(testSsh);
        ZopeSyncConfiguration.get().setEnvironments(List.of(dev, prod, test));

        j.configRoundtrip();

        List<ZopeEnvironment> after = ZopeSyncConfiguration.get().getEnvironments();
        assertThat(after).hasSize(3);
        j.assertEqualDataBoundBeans(dev, after.get(0));
        j.assertEqualDataBoundBeans(prod, after.get(1));
        j.assertEqualDataBoundBeans(test, after.get(2));
        assertThat(after.get(1).getAllowedJobs()).containsExactly("deploy", "team/site/main");
        assertThat(after.get(1).getAllowedNodes()).isEqualTo("zope-deploy && linux");
        assertThat(after.get(0).getAllowedJobs()).isEmpty();
        assertThat(after.get(0).getAllowedNodes()).isNull();
    }

    private static ZopeObject object(String path, String target) {
        ZopeObject object = new ZopeObject(path);
        object.setTarget(target);
        return object;
    }
}
