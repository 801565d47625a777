package io.zopesync.core.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zopesync.core.model.ObjectSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ObjectPathTest {

    @Test
    void shouldSplitPathIntoParentAndId() {
        ObjectPath path = ObjectPath.parse("/myfolder/obj1");

        assertThat(path.getId()).isEqualTo("obj1");
        assertThat(path.getParent()).isEqualTo(ObjectPath.parse("/myfolder"));
        assertThat(path.getParent().getParent().isRoot()).isTrue();
        assertThat(path).hasToString("/myfolder/obj1");
    }

    @Test
    void shouldAcceptSpacesDotsAndTrailingSlash() {
        ObjectPath path = ObjectPath.parse("/site/my file.v2.txt/");

        assertThat(path.getSegments()).containsExactly("site", "my file.v2.txt");
        assertThat(path.toUrlPath()).isEqualTo("/site/my%20file.v2.txt");
    }

    @Test
    void shouldEncodeEverySegmentForUrls() {
        assertThat(ObjectPath.parse("/a b/c#d/e?f/ü").toUrlPath()).isEqualTo("/a%20b/c%23d/e%3Ff/%C3%BC");
        assertThat(ObjectPath.root().toUrlPath()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"relative/path", "/a//b", "/a/../b", "/a/./b", "/_private", "/a/aq_parent", "/a\\b",
        "/a/b\u0000", "/a/\tb", ""})
    void shouldRefuseBadPathsNamingThem(String bad) {
        assertThatThrownBy(() -> ObjectPath.parse("object path", bad))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("object path");
    }

    @Test
    void shouldShowControlCharactersInMessages() {
        assertThatThrownBy(() -> ObjectPath.parse("/a/b\nc"))
                .hasMessageContaining("'/a/b\\u000Ac'")
                .hasMessageNotContaining("\n");
    }

    @Test
    void shouldRefuseOverlongIds() {
        assertThatThrownBy(() -> ObjectPath.parse("/" + "x".repeat(ZopeIds.MAX_LENGTH + 1)))
                .hasMessageContaining("longer than 255");
    }

    @Test
    void shouldTellWhetherOnePathLiesInsideAnother() {
        assertThat(ObjectPath.parse("/a/b/c").startsWith(ObjectPath.parse("/a/b"))).isTrue();
        assertThat(ObjectPath.parse("/a/bc").startsWith(ObjectPath.parse("/a/b"))).isFalse();
    }

    @Test
    void shouldDefaultTargetFolderToTheSourceFolder() {
        assertThat(ObjectSpec.of("/ourfolder/obj2").getTargetFolder()).hasToString("/ourfolder");
        assertThat(ObjectSpec.of("/ourfolder/obj2").isRelocated()).isFalse();
        ObjectSpec relocated = ObjectSpec.of("/myfolder/obj1", "/yourfolder");
        assertThat(relocated.getTargetFolder()).hasToString("/yourfolder");
        assertThat(relocated).hasToString("/myfolder/obj1 -> /yourfolder");
    }

    @Test
    void shouldRefuseTheRootAsAnObject() {
        assertThatThrownBy(() -> ObjectSpec.of("/")).hasMessageContaining("not the root folder");
        assertThatThrownBy(() -> ObjectSpec.of("/a", "yourfolder")).hasMessageContaining("target folder must be"
                + " absolute");
    }
}
