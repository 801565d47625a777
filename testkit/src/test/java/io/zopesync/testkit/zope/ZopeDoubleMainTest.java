package io.zopesync.testkit.zope;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ZopeDoubleMainTest {
    @TempDir
    Path home;

    @Test
    void shouldServeTheDemoTreeAndPrintItsUrl() {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();

        try (ZopeDouble zope = ZopeDoubleMain.start(new String[] {"--port", "0", "--home", home.toString(),
            "--user", "adm", "--password", "secret"}, new PrintStream(printed, true, StandardCharsets.UTF_8))) {
            assertThat(printed.toString(StandardCharsets.UTF_8)).contains(zope.getUrl());
            assertThat(zope.ids("/")).containsExactly("src", "other");
            assertThat(new ZopeHttp(zope.getUrl(), "adm", "secret").propfind("/src/sub/inner", "0").statusCode())
                    .isEqualTo(207);
            assertThat(Files.isDirectory(home.resolve("import"))).isTrue();
        }
    }

    @Test
    void shouldRefuseMissingOrUnknownOptions() {
        PrintStream out = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);

        assertThatThrownBy(() -> ZopeDoubleMain.start(new String[] {"--port", "0"}, out))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--home");
        assertThatThrownBy(() -> ZopeDoubleMain.start(new String[] {"--colour", "red"}, out))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--colour");
    }
}
