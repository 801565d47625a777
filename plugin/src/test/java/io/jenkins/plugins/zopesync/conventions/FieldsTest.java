package io.jenkins.plugins.zopesync.conventions;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.kohsuke.stapler.verb.POST;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The forms against the classes they bind to: every {@code field=} names a property (a
 * {@code @DataBoundConstructor} parameter or a {@code @DataBoundSetter}), every property has a form field and a help
 * file, and every web method of a descriptor is {@code @POST}.
 */
class FieldsTest {
    private static final List<String> FIELD_ELEMENTS = List.of(
            "f:entry",
            "f:textbox",
            "f:textarea",
            "f:checkbox",
            "f:select",
            "f:number",
            "f:repeatableProperty",
            "f:optionalProperty",
            "c:select");

    @Test
    void shouldBindEveryFormFieldToAProperty() throws Exception {
        for (Path view : PluginFiles.find(PluginFiles.VIEWS, "config.jelly")) {
            Set<String> properties = ClassModel.properties(ClassModel.classOf(view));
            assertThat(properties).as(view.toString()).isNotEmpty();
            for (String field : fields(form(view))) {
                assertThat(properties).as(view + ": field=\"" + field + "\"").contains(field);
            }
        }
    }

    @Test
    void shouldShowEveryPropertyInTheForm() throws Exception {
        for (Path view : PluginFiles.find(PluginFiles.VIEWS, "config.jelly")) {
            List<String> fields = fields(form(view));
            for (String property : ClassModel.properties(ClassModel.classOf(view))) {
                assertThat(fields)
                        .as(view + " has no field for property " + property)
                        .contains(property);
            }
        }
    }

    @Test
    void shouldHaveAHelpFileForEveryProperty() throws Exception {
        for (Path view : PluginFiles.find(PluginFiles.VIEWS, "config.jelly")) {
            for (String property : ClassModel.properties(ClassModel.classOf(view))) {
                Path help = form(view).resolveSibling("help-" + property + ".html");
                assertThat(ViewsTest.exists(help)).as("missing " + help).isTrue();
            }
        }
    }

    @Test
    void shouldHaveNoHelpFileForAPropertyThatDoesNotExist() throws Exception {
        for (Path help : PluginFiles.find(PluginFiles.VIEWS, ".html")) {
            String name = help.getFileName().toString();
            if (name.startsWith("help-")) {
                String property = name.substring("help-".length(), name.length() - ".html".length());
                Class<?> type = ClassModel.classOf(help);
                assertThat(ClassModel.properties(type)).as(help.toString()).contains(property);
            }
        }
    }

    @Test
    void shouldGiveBothStepsTheSameProperties() throws Exception {
        Class<?> builder = Class.forName(PluginFiles.PACKAGE + ".ZopeSyncBuilder");
        Class<?> step = Class.forName(PluginFiles.PACKAGE + ".ZopeSyncStep");
        assertThat(ClassModel.properties(builder)).containsExactlyInAnyOrderElementsOf(ClassModel.properties(step));
    }

    @Test
    void shouldShowTheStepTheBuildersFormAndItsChecks() throws Exception {
        Path step = PluginFiles.VIEWS.resolve("ZopeSyncStep/config.jelly");
        assertThat(form(step)).isEqualTo(PluginFiles.VIEWS.resolve("ZopeSyncBuilder/config.jelly"));
        assertThat(fields(step)).as("the step's own view holds no field").isEmpty();
        assertThat(ViewsTest.exists(step.resolveSibling("help-source.html"))).isFalse();
        // the included form asks the step's descriptor for its checks and lists: both descriptors answer the same
        assertThat(methodNames(ClassModel.webMethods(stepClass())))
                .containsExactlyInAnyOrderElementsOf(methodNames(ClassModel.webMethods(builderClass())));
    }

    @Test
    void shouldProtectEveryWebMethodOfEveryDescriptorWithPost() throws Exception {
        int checked = 0;
        for (Path view : PluginFiles.find(PluginFiles.VIEWS, "config.jelly")) {
            for (Method method : ClassModel.webMethods(ClassModel.classOf(view))) {
                assertThat(method.isAnnotationPresent(POST.class))
                        .as(method.toString())
                        .isTrue();
                checked++;
            }
        }
        assertThat(checked).isGreaterThan(20);
    }

    /**
     * The form a view shows: its own, or the one it includes whole ({@code <st:include page="config.jelly"
     * class="…"/>}), whose folder also holds the help files.
     */
    static Path form(Path view) throws Exception {
        NodeList includes = ViewsTest.parse(view, PluginFiles.read(view))
                .getDocumentElement()
                .getElementsByTagName("st:include");
        for (int i = 0; i < includes.getLength(); i++) {
            Element include = (Element) includes.item(i);
            String type = include.getAttribute("class");
            if ("config.jelly".equals(include.getAttribute("page")) && type.startsWith(PluginFiles.PACKAGE + ".")) {
                return PluginFiles.VIEWS
                        .resolve(type.substring(PluginFiles.PACKAGE.length() + 1))
                        .resolve("config.jelly");
            }
        }
        return view;
    }

    private static Class<?> stepClass() throws ClassNotFoundException {
        return Class.forName(PluginFiles.PACKAGE + ".ZopeSyncStep");
    }

    private static Class<?> builderClass() throws ClassNotFoundException {
        return Class.forName(PluginFiles.PACKAGE + ".ZopeSyncBuilder");
    }

    private static List<String> methodNames(List<Method> methods) {
        return methods.stream().map(Method::getName).toList();
    }

    private static List<String> fields(Path view) throws Exception {
        Element root = ViewsTest.parse(view, PluginFiles.read(view)).getDocumentElement();
        List<String> fields = new java.util.ArrayList<>();
        for (String tag : FIELD_ELEMENTS) {
            NodeList elements = root.getElementsByTagName(tag);
            for (int i = 0; i < elements.getLength(); i++) {
                String field = ((Element) elements.item(i)).getAttribute("field");
                if (!field.isEmpty()) {
                    fields.add(field);
                }
            }
        }
        return fields;
    }
}
