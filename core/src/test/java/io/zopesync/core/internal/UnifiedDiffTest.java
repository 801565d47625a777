package io.zopesync.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class UnifiedDiffTest {

    @Test
    void shouldWriteHunksAsDiffUDoes() {
        String from = "a\nb\nc\nd\ne\nf\ng\nh\ni\nj\n";
        String to = "a\nB\nc\nd\ne\nf\ng\nh\ni\nj\nk\n";

        assertThat(UnifiedDiff.of("old", "new", from, to, 3)).contains("--- old\n+++ new\n"
                + "@@ -1,5 +1,5 @@\n a\n-b\n+B\n c\n d\n e\n"
                + "@@ -8,3 +8,4 @@\n h\n i\n j\n+k\n");
    }

    @Test
    void shouldJoinChangesCloseTogetherIntoOneHunk() {
        assertThat(UnifiedDiff.of("old", "new", "1\n2\n3\n4\n", "1\nx\n3\ny\n", 1)).contains("--- old\n+++ new\n"
                + "@@ -1,4 +1,4 @@\n 1\n-2\n+x\n 3\n-4\n+y\n");
    }

    @Test
    void shouldDiffAgainstNothing() {
        assertThat(UnifiedDiff.of("old", "new", "", "only\n", 3)).contains("--- old\n+++ new\n@@ -0,0 +1 @@\n+only\n");
        assertThat(UnifiedDiff.of("old", "new", "gone\n", "", 3)).contains("--- old\n+++ new\n@@ -1 +0,0 @@\n-gone\n");
    }

    @Test
    void shouldSayNothingForEqualTextsAndGiveUpOnHugeOnes() {
        assertThat(UnifiedDiff.of("old", "new", "same\n", "same\n", 3)).contains("");
        String many = IntStream.range(0, 1500).mapToObj(i -> "a" + i).collect(Collectors.joining("\n"));
        String others = IntStream.range(0, 1500).mapToObj(i -> "b" + i).collect(Collectors.joining("\n"));
        assertThat(UnifiedDiff.of("old", "new", many, others, 3)).isEmpty();
    }
}
