package io.zopesync.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.zopesync.testkit.Sandbox;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command's output never shows a secret: a verbose sync with the JSON report, a failing one, and a restore
 * print neither the Zope password nor any line of the private key, and no file the runs write holds them.
 */
class CliSecretHygieneTest {
    @TempDir
    Path dir;

    @Test
    void shouldShowNoSecretInOutputReportsOrBundles() throws IOException {
        try (TestWorld world = TestWorld.start(dir)) {
            Path task = world.writeTask();
            List<String> secrets = new ArrayList<>(List.of(world.sandbox.getPassword()));
            for (String line : world.sandbox.getPrivateKey().split("\n")) {
                if (!line.startsWith("-----") && line.strip().length() >= 16) {
                    secrets.add(line.strip());
                }
            }
            List<String> shown = new ArrayList<>();

            CliRun synced = CliRun.run(new ZopeSyncCommand().withEnvironment(world.environment()), "sync",
                    task.toString(), "-v", "--json", "-");
            world.zope("prod").failNext("manage_importObject", 1, 500);
            CliRun failed = CliRun.run(new ZopeSyncCommand().withEnvironment(world.environment()), "sync",
                    task.toString(), "-v", "--json", "-");
            CliRun restored = CliRun.run(new ZopeSyncCommand().withEnvironment(world.environment()), "restore",
                    world.lastBundle().toString(), "--task", task.toString(), "--target", "prod", "-v");

            assertThat(synced.exitCode).as(synced.toString()).isZero();
            assertThat(failed.exitCode).as(failed.toString()).isNotZero();
            for (CliRun run : List.of(synced, failed, restored)) {
                shown.add(run.out);
                shown.add(run.err);
            }
            try (Stream<Path> files = Files.walk(dir.resolve("bundles"))) {
                for (Path file : files.filter(Files::isRegularFile).toList()) {
                    shown.add(new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1));
                }
            }
            assertThat(String.join("\n", shown)).contains(Sandbox.ZOPE_USER);
            for (String secret : secrets) {
                assertThat(shown).noneMatch(text -> text.contains(secret));
            }
        }
    }
}
