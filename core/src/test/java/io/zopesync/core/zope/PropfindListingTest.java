package io.zopesync.core.zope;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class PropfindListingTest {
    private static List<String> ids(String xml) throws Exception {
        return PropfindListing.childIds(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    }

    private static String multistatus(String prefix, String... hrefs) {
        StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<" + prefix
                + "multistatus xmlns" + (prefix.isEmpty() ? "" : ":" + prefix.substring(0, prefix.length() - 1))
                + "=\"DAV:\">");
        for (String href : hrefs) {
            xml.append('<').append(prefix).append("response><").append(prefix).append("href>").append(href)
                    .append("</").append(prefix).append("href><").append(prefix).append("propstat/></")
                    .append(prefix).append("response>");
        }
        return xml.append("</").append(prefix).append("multistatus>").toString();
    }

    @Test
    void shouldListDecodedChildIdsWithoutTheFolderItself() throws Exception {
        String xml = multistatus("d:", "/my%20folder/", "/my%20folder/a%20b", "/my%20folder/file.txt/",
                "/my%20folder/c+d", "/my%20folder/%C3%A4");
        assertThat(ids(xml)).containsExactly("a b", "file.txt", "c+d", "ä");
    }

    @Test
    void shouldAcceptFullUrlsAndAnyNamespacePrefix() throws Exception {
        String xml = multistatus("", "http://127.0.0.1:8080/zope/f/", "http://127.0.0.1:8080/zope/f/x.y");
        assertThat(ids(xml)).containsExactly("x.y");
    }

    @Test
    void shouldListNothingForAnEmptyFolder() throws Exception {
        assertThat(ids(multistatus("D:", "/f/"))).isEmpty();
    }

    @Test
    void shouldListTheChildrenOfTheRoot() throws Exception {
        assertThat(ids(multistatus("d:", "/", "/a", "/b/"))).containsExactly("a", "b");
    }

    @Test
    void shouldRefuseADoctypeSoThatNoEntityIsRead() {
        String xml = "<?xml version=\"1.0\"?><!DOCTYPE m [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
                + "<d:multistatus xmlns:d=\"DAV:\"><d:response><d:href>/f/&x;</d:href></d:response>"
                + "</d:multistatus>";
        assertThatThrownBy(() -> ids(xml)).isInstanceOf(PropfindListing.FormatException.class)
                .hasMessageContaining("DOCTYPE");
    }

    @Test
    void shouldRefuseAListingWithoutTheFolderEntry() {
        assertThatThrownBy(() -> ids(multistatus("d:", "/f/a", "/f/b")))
                .isInstanceOf(PropfindListing.FormatException.class).hasMessageContaining("folder itself");
        assertThatThrownBy(() -> ids("<html>not xml")).isInstanceOf(PropfindListing.FormatException.class);
    }
}
