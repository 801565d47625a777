package io.zopesync.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class DemoCommandTest {
    private static final Pattern SANDBOX_DIR = Pattern.compile("Sandbox on 127.0.0.1 in (.+):\n");

    private static Path sandboxDir(String out) {
        Matcher m = SANDBOX_DIR.matcher(out);
        assertThat(m.find()).as(out).isTrue();
        return Path.of(m.group(1));
    }

    @Test
    void shouldSyncInTheSandboxPrintTheReportAndRemoveIt() {
        CliRun run = CliRun.run(new ZopeSyncCommand().withEnvironment(Map.of()), "demo");

        assertThat(run.exitCode).as(run.toString()).isZero();
        assertThat(run.out).contains("Preflight", "Export", "Target test", "Target prod",
                "prod    /ourfolder/obj2    /ourfolder   replaced", "test    /myfolder/obj1     /yourfolder  imported",
                "All targets synced.");
        assertThat(sandboxDir(run.out)).doesNotExist();
    }

    @Test
    void shouldKeepTheSandboxWithItsBundleWhenAsked() throws Exception {
        CliRun run = CliRun.run(new ZopeSyncCommand().withEnvironment(Map.of()), "demo", "--keep", "--json", "-");

        assertThat(run.exitCode).as(run.toString()).isZero();
        JsonNode report = new ObjectMapper().readTree(run.out);
        assertThat(report.get("success").asBoolean()).isTrue();
        Path dir = sandboxDir(run.err);
        assertThat(dir.resolve("bundle/manifest.json")).isRegularFile();
        assertThat(CliRun.run(new ZopeSyncCommand(), "verify", dir.resolve("bundle").toString()).exitCode).isZero();
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }
}
