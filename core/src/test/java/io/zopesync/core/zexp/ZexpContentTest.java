package io.zopesync.core.zexp;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URISyntaxException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** {@link ZexpContent} on exports written by a real Zope 5.13. */
class ZexpContentTest {

    private static Path sample(String name) {
        try {
            return Path.of(ZexpContentTest.class.getResource("/zexp/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void shouldReadEveryObjectOfATreeWithItsTextAndChildrenByIdOnly() {
        ZexpContent content = ZexpContent.read(sample("src-folder-tree.zexp"));

        assertThat(content.objects()).extracting(ZexpContent.ZopeObject::path).containsExactly("", "doc1",
                "hello.txt", "my file", "pixel.png", "sub", "sub/inner", "v1.0");
        ZexpContent.ZopeObject root = content.objects().get(0);
        assertThat(root.className()).isEqualTo("OFS.Folder.Folder");
        assertThat(root.attributes()).containsEntry("title", "Source folder").containsEntry("sub", "<object sub>")
                .doesNotContainKey("_EtagSupport__etag");
        assertThat(content.objects().get(1).attributes()).containsEntry("raw", "<p>hello dtml</p>");
        assertThat(content.objects().get(2).attributes()).containsEntry("data", "hello zope file\n")
                .containsEntry("content_type", "text/plain");
        assertThat(content.objects().get(4).attributes().get("data")).startsWith("<69 bytes, sha256 ");
        assertThat(content.objects().get(6).attributes()).containsEntry("raw", "inner text");
    }

    @Test
    void shouldReadTheSameFromTheSameExport() {
        assertThat(ZexpContent.read(sample("sub-folder.zexp")).objects())
                .isEqualTo(ZexpContent.read(sample("sub-folder.zexp")).objects());
    }
}
