package io.jenkins.plugins.zopesync.conventions;

import static org.assertj.core.api.Assertions.assertThat;

import hudson.Extension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jenkinsci.Symbol;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * What a release needs: one version for the plugin and the modules it bundles, the hosting conventions in the POM,
 * and names that Pipeline and Configuration as Code can tell apart.
 */
class ReleaseConventionsTest {
    private static final Path PLUGIN_POM = Path.of("pom.xml");
    private static final Path ROOT_POM = Path.of("../pom.xml");

    @Test
    void shouldVersionThePluginWithTheModulesItBundles() throws Exception {
        Document plugin = parse(PLUGIN_POM);
        Document root = parse(ROOT_POM);
        assertThat(text(plugin, "version")).isEqualTo("${revision}${changelist}");
        assertThat(text(root, "version")).isEqualTo("${revision}${changelist}");
        assertThat(property(plugin, "revision")).isNotBlank().isEqualTo(property(root, "revision"));
        assertThat(property(plugin, "changelist")).isEqualTo(property(root, "changelist"));
        assertThat(property(plugin, "zope-sync.version")).isEqualTo("${project.version}");
        for (String module : List.of("core", "testkit", "cli", "benchmarks")) {
            Element parent = (Element) parse(Path.of("..", module, "pom.xml"))
                    .getElementsByTagName("parent")
                    .item(0);
            assertThat(parent.getElementsByTagName("version").item(0).getTextContent())
                    .as(module)
                    .isEqualTo("${revision}${changelist}");
        }
    }

    @Test
    void shouldFollowTheJenkinsHostingConventions() throws Exception {
        Document plugin = parse(PLUGIN_POM);
        assertThat(property(plugin, "gitHubRepo")).startsWith("jenkinsci/").endsWith("-plugin");
        assertThat(text(plugin, "url")).isEqualTo("https://github.com/${gitHubRepo}");
        assertThat(plugin.getElementsByTagName("license").getLength()).isEqualTo(1);
        assertThat(((Element) plugin.getElementsByTagName("scm").item(0))
                        .getElementsByTagName("tag")
                        .item(0)
                        .getTextContent())
                .isEqualTo("${scmTag}");
        assertThat(Files.readString(Path.of("../LICENSE"))).startsWith("MIT License");
        assertThat(Path.of("../.github/dependabot.yml")).isRegularFile();
    }

    @Test
    void shouldGiveEverySurfaceItsOwnName() throws Exception {
        List<String> names = new ArrayList<>();
        for (Path source : PluginFiles.find(PluginFiles.SOURCES, ".java")) {
            String name = PluginFiles.SOURCES.relativize(source).toString();
            Class<?> type = Class.forName(
                    name.substring(0, name.length() - ".java".length()).replace('/', '.'));
            for (Class<?> candidate : withNested(type)) {
                Symbol symbol = candidate.getAnnotation(Symbol.class);
                if (symbol != null && candidate.isAnnotationPresent(Extension.class)) {
                    names.addAll(List.of(symbol.value()));
                }
                if (StepDescriptor.class.isAssignableFrom(candidate) && !candidate.isInterface()) {
                    names.add(
                            ((StepDescriptor) candidate.getDeclaredConstructor().newInstance()).getFunctionName());
                }
            }
        }
        assertThat(names).contains("zopeSync", "zopeSyncBuilder", "zopeEnvironment", "zopeSsh");
        // The global configuration's symbol (zopeSync:) lives in JCasC's unclassified section, the step's function
        // name in Pipeline: the only overlap allowed is that one pair.
        List<String> withoutConfiguration = new ArrayList<>(names);
        withoutConfiguration.remove("zopeSync");
        assertThat(withoutConfiguration).doesNotHaveDuplicates();
    }

    private static List<Class<?>> withNested(Class<?> type) {
        List<Class<?>> types = new ArrayList<>(List.of(type));
        types.addAll(List.of(type.getDeclaredClasses()));
        return types;
    }

    private static Document parse(Path pom) throws Exception {
        return ViewsTest.parse(pom, Files.readString(pom));
    }

    /** A child of the project element (not of its parent or of a dependency). */
    private static String text(Document pom, String tag) {
        for (org.w3c.dom.Node node = pom.getDocumentElement().getFirstChild();
                node != null;
                node = node.getNextSibling()) {
            if (node instanceof Element element && element.getTagName().equals(tag)) {
                return element.getTextContent().strip();
            }
        }
        throw new AssertionError("no <" + tag + "> in the project element");
    }

    private static String property(Document pom, String name) {
        Element properties = (Element)
                pom.getDocumentElement().getElementsByTagName("properties").item(0);
        return properties.getElementsByTagName(name).item(0).getTextContent().strip();
    }
}
