package io.zopesync.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The command-line part of the bad-input corpus ({@code src/test/resources/bad-input/}): malformed task files and
 * zupdate.py task descriptions. Each ends with exit code 2 and one error line naming the bad value, nothing is
 * contacted (every URL and SSH port of the task file points at a {@link ConnectionTrap}), and no password shows.
 */
class BadInputCorpusCliTest {
    private static final List<String> SECRETS = List.of("dev-secret-1", "test-secret-2", "adm42", "TopSecret");

    @TempDir
    Path dir;

    private ConnectionTrap trap;

    @BeforeEach
    void openTrap() throws IOException {
        trap = new ConnectionTrap();
    }

    @AfterEach
    void nothingWasContacted() throws IOException {
        assertThat(trap.connections()).as("connections made").isZero();
        trap.close();
    }

    static Stream<Arguments> taskFileEdits() {
        List<Arguments> cases = new ArrayList<>();
        try (InputStream in = BadInputCorpusCliTest.class.getResourceAsStream("/bad-input/task-file-edits.txt");
                BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    String[] columns = line.replace("<br>", "\n").split("\t");
                    cases.add(Arguments.of(columns[0], columns[1], columns[2]));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return cases.stream();
    }

    static Stream<Path> zupdateFiles() throws URISyntaxException, IOException {
        Path corpus = Path.of(BadInputCorpusCliTest.class.getResource("/bad-input/zupdate").toURI());
        try (Stream<Path> files = Files.list(corpus)) {
            return files.sorted().toList().stream();
        }
    }

    @ParameterizedTest(name = "[{index}] {1}")
    @MethodSource("taskFileEdits")
    void shouldRefuseABadTaskFileNamingTheValue(String from, String to, String expected) throws IOException {
        String text = from.equals("<whole>") ? to : TaskFiles.BASE.replace(from, to);
        assertThat(text).as("the edit applies").isNotEqualTo(TaskFiles.BASE);
        Path task = TaskFiles.write(dir, text, trap.getPort());

        CliRun run = CliRun.run(new ZopeSyncCommand().withEnvironment(TaskFiles.ENV), "sync", task.toString());

        assertThat(run.exitCode).as(run.toString()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err).as(run.toString()).startsWith("error: ").contains(expected);
        assertThat(run.err.lines()).as(run.toString()).hasSize(1);
        assertThat(run.out + run.err).doesNotContain(SECRETS);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("zupdateFiles")
    void shouldRefuseABadZupdateTaskNamingTheProblem(Path python) throws IOException {
        String expected = Files.readAllLines(python).get(0).replaceFirst("^# expect: ", "");
        Path output = dir.resolve("task.yaml");

        CliRun run = CliRun.run(new ZopeSyncCommand(), "convert-zupdate", python.toString(), "-o", output.toString());

        assertThat(run.exitCode).as(run.toString()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err).as(run.toString()).startsWith("error: ").contains(expected);
        assertThat(run.out + run.err).doesNotContain(SECRETS);
        assertThat(output).doesNotExist();
    }
}
