package io.jenkins.plugins.zopesync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import hudson.model.Descriptor;
import java.util.List;
import net.sf.json.JSONArray;
import net.sf.json.JSONObject;
import org.htmlunit.html.DomElement;
import org.htmlunit.html.HtmlForm;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;
import org.kohsuke.stapler.Stapler;

/**
 * Saving Manage Jenkins → System: deleting the last environment saves an empty list, and a bad list is a form
 * problem of the {@code environments} field that changes nothing.
 */
@WithJenkins
class GlobalConfigurationFormITest {
    /** The form's entry of the environment {@code dev}. */
    private static final String DEV_ENTRY =
            ".//div[contains(concat(' ', @class, ' '), ' repeated-chunk ')][.//input[@name='_.name' and @value='dev']]";

    @Test
    void shouldSaveNoEnvironmentWhenTheLastOneIsDeletedInTheForm(JenkinsRule j) throws Exception {
        ZopeSyncConfiguration.get().setEnvironments(List.of(environment("dev")));
        JenkinsRule.WebClient web = j.createWebClient();
        HtmlForm form = web.goTo("configure").getFormByName("config");
        List<DomElement> chunks = form.getByXPath(DEV_ENTRY);
        assertThat(chunks).as("the form shows the environment 'dev'").hasSize(1);
        chunks.get(0).remove();

        j.submit(form);

        assertThat(ZopeSyncConfiguration.get().getEnvironments()).isEmpty();
        assertThat(new ZopeSyncConfiguration().getEnvironments())
                .as("as saved on disk")
                .isEmpty();
    }

    @Test
    void shouldSaveNoEnvironmentWhenTheFormSendsNone(JenkinsRule j) throws Exception {
        ZopeSyncConfiguration.get().setEnvironments(List.of(environment("dev")));

        boolean saved = j.executeOnServer(
                () -> ZopeSyncConfiguration.get().configure(Stapler.getCurrentRequest2(), new JSONObject()));

        assertThat(saved).isTrue();
        assertThat(ZopeSyncConfiguration.get().getEnvironments()).isEmpty();
        assertThat(new ZopeSyncConfiguration().getEnvironments())
                .as("as saved on disk")
                .isEmpty();
    }

    @Test
    void shouldRefuseADuplicateNameAsAProblemOfTheEnvironmentsField(JenkinsRule j) throws Exception {
        ZopeSyncConfiguration.get().setEnvironments(List.of(environment("dev")));
        JSONArray environments = new JSONArray();
        environments.add(form("test", "https://test1.example.org"));
        environments.add(form("test", "https://test2.example.org"));
        JSONObject json = new JSONObject();
        json.put("environments", environments);

        assertThatThrownBy(() -> j.executeOnServer(
                        () -> ZopeSyncConfiguration.get().configure(Stapler.getCurrentRequest2(), json)))
                .isInstanceOfSatisfying(Descriptor.FormException.class, e -> {
                    assertThat(e.getFormField()).isEqualTo("environments");
                    assertThat(e.getMessage()).contains("not saved").contains("test");
                });
        assertThat(ZopeSyncConfiguration.get().getEnvironmentNames()).containsExactly("dev");
        assertThat(new ZopeSyncConfiguration().getEnvironmentNames())
                .as("as saved on disk")
                .containsExactly("dev");
    }

    private static ZopeEnvironment environment(String name) {
        return new ZopeEnvironment(name, "http://zope-" + name + ".example.org:8080", "zope-" + name + "-admin");
    }

    private static JSONObject form(String name, String url) {
        JSONObject environment = new JSONObject();
        environment.put("name", name);
        environment.put("url", url);
        environment.put("credentialsId", "zope-admin");
        return environment;
    }
}
