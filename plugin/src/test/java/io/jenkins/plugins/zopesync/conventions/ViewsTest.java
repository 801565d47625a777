package io.jenkins.plugins.zopesync.conventions;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** The plugin's views and help files, checked as files: well-formed, escaping by default, nothing unsafe. */
class ViewsTest {

    @Test
    void shouldFindTheViewsOfEveryConfigurableClass() {
        List<String> folders = new ArrayList<>();
        for (Path view : PluginFiles.find(PluginFiles.VIEWS, ".jelly")) {
            folders.add(view.getParent().getFileName() + "/" + view.getFileName());
        }
        assertThat(folders)
                .contains(
                        "ZopeSyncConfiguration/config.jelly",
                        "ZopeEnvironment/config.jelly",
                        "SshAccess/config.jelly",
                        "ZopeObject/config.jelly",
                        "ZopeSyncBuilder/config.jelly",
                        "ZopeSyncStep/config.jelly",
                        "ZopeSyncAction/summary.jelly");
    }

    @Test
    void shouldParseEveryJellyFileAsXmlWithEscapeByDefault() throws Exception {
        List<Path> views = PluginFiles.find(PluginFiles.RESOURCES, ".jelly");
        assertThat(views).isNotEmpty();
        for (Path view : views) {
            String text = PluginFiles.read(view);
            assertThat(text).as(view.toString()).startsWith("<?jelly escape-by-default='true'?>");
            parse(view, text);
        }
    }

    @Test
    void shouldNeverSwitchEscapingOffOrWriteRawHtml() {
        for (Path view : PluginFiles.find(PluginFiles.RESOURCES, ".jelly")) {
            String text = PluginFiles.read(view);
            assertThat(text)
                    .as(view.toString())
                    .doesNotContain("escape-by-default='false'")
                    .doesNotContain("escapeText=\"false\"")
                    .doesNotContain("<j:out");
        }
    }

    @Test
    void shouldNotPutParenthesesOrCommasIntoLocalizedTexts() {
        // Jelly reads ${%Text(a,b)} as a text with arguments: a literal parenthesis or comma breaks the view
        for (Path view : PluginFiles.find(PluginFiles.RESOURCES, ".jelly")) {
            String text = PluginFiles.read(view);
            int at = text.indexOf("${%");
            while (at >= 0) {
                String key = text.substring(at + 3, text.indexOf('}', at));
                assertThat(key).as(view + ": ${%" + key + "}").doesNotContain("(", ")", ",");
                at = text.indexOf("${%", at + 3);
            }
        }
    }

    @Test
    void shouldNotReadAPropertyCalledSizeWhichJexlReserves() {
        // JEXL reads "size" as its size() function: ${cell.size} breaks the whole page at run time
        Pattern sizeProperty = Pattern.compile("\\$\\{[^}]*\\.size\\b(?!\\s*\\()");
        for (Path view : PluginFiles.find(PluginFiles.RESOURCES, ".jelly")) {
            assertThat(sizeProperty.matcher(PluginFiles.read(view)).find())
                    .as(view + " reads a property called size")
                    .isFalse();
        }
    }

    @Test
    void shouldParseEveryHelpFileAsOneXmlElement() throws Exception {
        List<Path> helps = PluginFiles.find(PluginFiles.VIEWS, ".html");
        assertThat(helps).hasSizeGreaterThan(25);
        for (Path help : helps) {
            Document document = parse(help, PluginFiles.read(help));
            assertThat(document.getDocumentElement().getTagName())
                    .as(help.toString())
                    .isEqualTo("div");
            assertThat(document.getDocumentElement().getTextContent().strip())
                    .as(help.toString())
                    .isNotEmpty();
        }
    }

    @Test
    void shouldNameEveryValidateButtonMethodAfterAPostMethodOfTheDescriptor() throws Exception {
        for (Path view : PluginFiles.find(PluginFiles.VIEWS, "config.jelly")) {
            Class<?> describable = ClassModel.classOf(view);
            NodeList buttons = parse(view, PluginFiles.read(view)).getElementsByTagName("f:validateButton");
            for (int i = 0; i < buttons.getLength(); i++) {
                Element button = (Element) buttons.item(i);
                String method = "do"
                        + Character.toUpperCase(button.getAttribute("method").charAt(0))
                        + button.getAttribute("method").substring(1);
                assertThat(ClassModel.postMethods(describable))
                        .as(view + " " + method)
                        .contains(method);
                for (String with : button.getAttribute("with").split(",")) {
                    assertThat(ClassModel.properties(describable))
                            .as(view + " with=" + with)
                            .contains(with);
                }
            }
        }
    }

    static Document parse(Path file, String text) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        factory.setNamespaceAware(false);
        DocumentBuilder builder = factory.newDocumentBuilder();
        builder.setErrorHandler(null);
        try {
            return builder.parse(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
        } catch (org.xml.sax.SAXException e) {
            throw new AssertionError(file + " is not well-formed XML: " + e.getMessage(), e);
        }
    }

    static boolean exists(Path file) {
        return Files.isRegularFile(file);
    }
}
