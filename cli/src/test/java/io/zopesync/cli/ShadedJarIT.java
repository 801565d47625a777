package io.zopesync.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The runnable jar, as users start it: {@code java -jar cli/target/zope-sync.jar demo}. */
class ShadedJarIT {
    private static final long TIMEOUT_SECONDS = 120;

    @TempDir
    Path dir;

    private Result java(String... args) throws IOException, InterruptedException {
        Path jar = Path.of(System.getProperty("zopeSync.jar", "target/zope-sync.jar"));
        assertThat(jar).as("the shaded jar; run the package phase first").isRegularFile();
        Path out = dir.resolve("out.txt");
        Path err = dir.resolve("err.txt");
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", jar.toString()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile())
                .start();
        if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("zope-sync " + String.join(" ", args) + " did not end within "
                    + TIMEOUT_SECONDS + " s");
        }
        return new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }

    private record Result(int exitCode, String out, String err) {
    }

    @Test
    void shouldRunTheDemoFromTheJar() throws Exception {
        Result demo = java("demo");

        assertThat(demo.exitCode()).as(demo.out() + demo.err()).isZero();
        assertThat(demo.out()).contains("Preflight", "prod    /ourfolder/obj2    /ourfolder   replaced",
                "All targets synced.").doesNotContain("\r", "\u001B");
        assertThat(demo.err()).isEmpty();
    }

    @Test
    void shouldShowItsVersionAndExitCodes() throws Exception {
        Result version = java("--version");
        Result usage = java("sync");

        assertThat(version.out()).startsWith("zope-sync 0.");
        assertThat(usage.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(usage.err()).contains("Missing required parameter: 'TASK'");
    }
}
