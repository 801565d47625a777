package io.zopesync.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * Inputs a hostile or careless user gives: endless and huge files where a small one belongs, a password file
 * given as the task file, deep nesting, binary junk, terminal escapes. Each ends with exit code 2 and one error
 * line, no stack trace, no secret, no raw control character, and nothing contacted.
 */
class HostileInputCliTest {
    private static final String PASSWORD = "Pa55-w0rd-in-a-file";

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

    private CliRun sync(String text) throws IOException {
        Path task = TaskFiles.write(dir, text, trap.getPort());
        return CliRun.run(new ZopeSyncCommand().withEnvironment(TaskFiles.ENV), "sync", task.toString());
    }

    private static void assertRefused(CliRun run, String... expected) {
        assertThat(run.exitCode).as(run.toString()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err).as(run.toString()).startsWith("error: ").contains(expected);
        assertThat(run.err.lines()).as(run.toString()).hasSize(1);
        assertThat(run.out + run.err).as(run.toString()).doesNotContain("Exception", "\tat ", PASSWORD,
                "dev-secret-1", "test-secret-2");
        assertThat((run.out + run.err).chars().filter(c -> c < 0x20 && c != '\n' || c == 0x7f))
                .as("raw control characters").isEmpty();
    }

    @Test
    @EnabledOnOs({OS.LINUX, OS.MAC})
    void shouldRefuseAnEndlessPasswordFileNamingTheLimit() throws IOException {
        CliRun run = sync(TaskFiles.BASE.replace("passwordEnv: ZOPE_DEV_PASSWORD", "passwordFile: /dev/zero"));

        assertRefused(run, "the password file /dev/zero is larger than the limit of 64");
    }

    @Test
    @EnabledOnOs({OS.LINUX, OS.MAC})
    void shouldRefuseAnEndlessKeyFileNamingTheLimit() throws IOException {
        CliRun run = sync(TaskFiles.BASE.replace("keyFile: KEYFILE", "keyFile: /dev/zero"));

        assertRefused(run, "the SSH key file /dev/zero is larger than the limit of 1");
    }

    @Test
    void shouldRefuseAHugeKeyFileWithoutReadingItAll() throws IOException {
        Path huge = dir.resolve("huge-key");
        try (RandomAccessFile file = new RandomAccessFile(huge.toFile(), "rw")) {
            file.setLength(3L * 1024 * 1024 * 1024);
        }

        CliRun run = sync(TaskFiles.BASE.replace("keyFile: KEYFILE", "keyFile: " + huge));

        assertRefused(run, "the SSH key file " + huge + " is larger than the limit");
    }

    @Test
    void shouldRefuseADirectoryAsPasswordFile() throws IOException {
        CliRun run = sync(TaskFiles.BASE.replace("passwordEnv: ZOPE_DEV_PASSWORD", "passwordFile: " + dir));

        assertRefused(run, "the password file " + dir + " is a directory");
    }

    @Test
    void shouldNotEchoAPasswordFileGivenAsTheTaskFile() throws IOException {
        for (String content : List.of(PASSWORD + "\n", PASSWORD, "[" + PASSWORD, "{" + PASSWORD + ": 1}",
                "- " + PASSWORD + "\n- x\n", "\"" + PASSWORD, PASSWORD + ": [")) {
            Path secret = dir.resolve("passwordfile");
            Files.writeString(secret, content);

            CliRun run = CliRun.run(new ZopeSyncCommand(), "sync", secret.toString());

            assertRefused(run, secret.toString());
        }
    }

    @Test
    void shouldRefuseAHugeYamlScalarNamingTheLimit() throws IOException {
        Path task = dir.resolve("task.yaml");
        Files.writeString(task, "source: " + "x".repeat(60 * 1024 * 1024) + "\n");

        CliRun run = CliRun.run(new ZopeSyncCommand(), "sync", task.toString());

        assertRefused(run, "the task file " + task + " is larger than the limit of 1");
    }

    @Test
    void shouldRefuseBinaryJunkAsTaskFile() throws IOException {
        byte[] junk = new byte[4096];
        new java.util.Random(12).nextBytes(junk);
        Path task = dir.resolve("task.yaml");
        Files.write(task, junk);

        CliRun run = CliRun.run(new ZopeSyncCommand(), "sync", task.toString());

        assertRefused(run, "the task file " + task + " is not UTF-8 text");
    }

    @Test
    void shouldShowTerminalEscapesInATaskFileEscaped() throws IOException {
        CliRun run = sync(TaskFiles.BASE.replace("source: dev", "source: \"dev\\e]0;pwned\\a\\u202e\""));

        assertRefused(run, "\\x1b]0;pwned\\x07\\u202e");
    }

    @Test
    void shouldRefuseDeeplyNestedBracketsInAZupdateFileNamingTheLimit() throws IOException {
        Path python = dir.resolve("zupdate.py");
        Files.writeString(python, "LZOPE = " + "(".repeat(100_000) + ")".repeat(100_000) + "\n");
        Path output = dir.resolve("task.yaml");

        CliRun run = CliRun.run(new ZopeSyncCommand(), "convert-zupdate", python.toString(), "-o", output.toString());

        assertRefused(run, "nested deeper than " + PythonLiterals.MAX_DEPTH + " levels");
        assertThat(output).doesNotExist();
    }

    @Test
    @EnabledOnOs({OS.LINUX, OS.MAC})
    void shouldRefuseAnEndlessZupdateFileNamingTheLimit() throws IOException {
        CliRun run = CliRun.run(new ZopeSyncCommand(), "convert-zupdate", "/dev/zero");

        assertRefused(run, "the zupdate file /dev/zero is larger than the limit of 1");
    }

    @Test
    void shouldNotEchoAPasswordInABadZupdateFile() throws IOException {
        Path python = dir.resolve("zupdate.py");
        Files.writeString(python, "LZOPE = ('localhost:8080', ('adm', '" + PASSWORD + "'), '/z'\n",
                StandardCharsets.UTF_8);

        CliRun run = CliRun.run(new ZopeSyncCommand(), "convert-zupdate", python.toString());

        assertRefused(run, python.toString());
    }
}
