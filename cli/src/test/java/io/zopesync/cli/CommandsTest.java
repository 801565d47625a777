package io.zopesync.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.zopesync.core.bundle.Bundle;
import io.zopesync.core.bundle.Manifest;
import io.zopesync.core.bundle.ManifestEntry;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The commands that need no server: help, usage errors, inspect, verify, convert-zupdate. */
class CommandsTest {
    @TempDir
    Path dir;

    private static CliRun run(String... args) {
        return CliRun.run(new ZopeSyncCommand(), args);
    }

    private Path resource(String name) throws IOException {
        Path file = dir.resolve(name);
        try (InputStream in = getClass().getResourceAsStream(name)) {
            Files.copy(in, file);
        }
        return file;
    }

    @ParameterizedTest
    @ValueSource(strings = {"sync", "export", "push", "restore", "check", "inspect", "verify", "convert-zupdate", "demo"})
    void shouldShowHelpWithExitCodesForEachCommand(String command) {
        CliRun run = run(command, "--help");

        assertThat(run.exitCode).as(run.toString()).isZero();
        assertThat(run.out).contains("Usage: zope-sync " + command, "Exit codes:", "-h, --help");
    }

    @Test
    void shouldListTheCommandsAndExitCodesInTheMainHelp() {
        CliRun run = run("--help");

        assertThat(run.exitCode).isZero();
        assertThat(run.out).contains("sync", "push", "restore", "inspect", "verify", "convert-zupdate", "demo",
                "  0     all targets synced", "  3     the preflight (or the export from the source) failed",
                "  130   interrupted");
    }

    @Test
    void shouldTreatAMissingCommandAsAUsageError() {
        CliRun run = run();

        assertThat(run.exitCode).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err).startsWith("Usage: zope-sync");
    }

    @Test
    void shouldTreatAnUnknownOptionAsAUsageError() {
        CliRun run = run("sync", "--dryrun", "task.yaml");

        assertThat(run.exitCode).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err).contains("Unknown option: '--dryrun'");
    }

    @Test
    void shouldRequireTheTargetOfAPush() {
        CliRun run = run("push", dir.toString(), "--task", "task.yaml");

        assertThat(run.exitCode).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err).contains("missing --target TARGET");
    }

    @Test
    void shouldInspectAnExport() throws IOException {
        Path file = resource("sub-folder.zexp");

        CliRun run = run("inspect", file.toString());

        assertThat(run.exitCode).as(run.toString()).isZero();
        assertThat(run.out).isEqualTo(file + "\n"
                + "  structure  valid .zexp: 2 record(s), 0 blob(s)\n"
                + "  root       OFS.Folder.Folder 'sub'\n"
                + "  size       " + Files.size(file) + " bytes (" + Units.bytes(Files.size(file)) + ")\n"
                + "  sha256     " + Bundle.sha256(file) + "\n");
    }

    @Test
    void shouldFailOnAFileThatIsNoExport() throws IOException {
        Path good = resource("file-hello.txt.zexp");
        Path bad = resource("corrupt-bad-magic.zexp");

        CliRun run = run("inspect", good.toString(), bad.toString());

        assertThat(run.exitCode).as(run.toString()).isEqualTo(ExitCodes.FAILED);
        assertThat(run.out).contains("root       OFS.Image.File 'hello.txt'",
                "structure  NOT a valid .zexp: Invalid export header");
    }

    @Test
    void shouldTreatAMissingFileAsAUsageError() {
        CliRun run = run("inspect", dir.resolve("none.zexp").toString());

        assertThat(run.exitCode).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err).isEqualTo("error: no such file: " + dir.resolve("none.zexp") + "\n");
    }

    private Path bundle() throws IOException {
        Path bundle = dir.resolve("bundle");
        Files.createDirectories(bundle.resolve(Bundle.OBJECTS));
        Path file = bundle.resolve("objects/001-sub.zexp");
        Files.copy(resource("sub-folder.zexp"), file);
        Bundle.writeManifest(bundle, new Manifest(Manifest.FORMAT_VERSION, "dev", "http://dev:8080",
                "2026-11-25T10:00:00Z", "20261125-100000-abcd", List.of(new ManifestEntry("/myfolder/sub",
                        "/yourfolder", "sub", "OFS.Folder.Folder", "objects/001-sub.zexp", Files.size(file),
                        Bundle.sha256(file)))));
        return bundle;
    }

    @Test
    void shouldVerifyABundle() throws IOException {
        Path bundle = bundle();

        CliRun run = run("verify", bundle.toString());

        assertThat(run.exitCode).as(run.toString()).isZero();
        assertThat(run.out).contains("exported from dev (http://dev:8080) at 2026-11-25T10:00:00Z",
                "/myfolder/sub  /yourfolder  sub", Bundle.sha256(bundle.resolve("objects/001-sub.zexp")),
                "All 1 file(s) match the manifest.");
    }

    @Test
    void shouldFailOnABundleChangedAfterTheExport() throws IOException {
        Path bundle = bundle();
        byte[] bytes = Files.readAllBytes(bundle.resolve("objects/001-sub.zexp"));
        bytes[bytes.length / 2] ^= 1;
        Files.write(bundle.resolve("objects/001-sub.zexp"), bytes);

        CliRun run = run("verify", bundle.toString());

        assertThat(run.exitCode).isEqualTo(ExitCodes.FAILED);
        assertThat(run.err).startsWith("error: ").contains("001-sub.zexp", "SHA-256");
    }

    @Test
    void shouldTreatAMissingBundleAsAUsageError() {
        CliRun run = run("verify", dir.resolve("none").toString());

        assertThat(run.exitCode).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err).contains("bundle directory does not exist");
    }

    @Test
    void shouldConvertZupdateToStandardOutputWithWarningsOnStandardError() throws IOException {
        Path python = resource("zupdate-sample.py");

        CliRun run = run("convert-zupdate", python.toString());

        assertThat(run.exitCode).as(run.toString()).isZero();
        assertThat(run.out).isEqualTo(ZupdateConverter.convert(Files.readString(python), python).yaml());
        assertThat(run.err.lines()).hasSize(4).allMatch(line -> line.startsWith("warning: "));
        assertThat(run.out + run.err).doesNotContain("adm42", "TopSecret");
    }

    @Test
    void shouldConvertZupdateIntoAFileButNotOverAnother() throws IOException {
        Path python = resource("zupdate-sample.py");
        Path yaml = dir.resolve("task.yaml");

        CliRun first = run("convert-zupdate", python.toString(), "-o", yaml.toString());
        CliRun second = run("convert-zupdate", python.toString(), "-o", yaml.toString());

        assertThat(first.exitCode).isZero();
        assertThat(first.out).isEqualTo("Wrote " + yaml + "\n");
        assertThat(Files.readString(yaml, StandardCharsets.UTF_8)).contains("targets:\n  - test1\n  - www\n");
        assertThat(second.exitCode).isEqualTo(ExitCodes.USAGE);
        assertThat(second.err).contains("exists already");
        assertThat(run("convert-zupdate", python.toString(), "-o", yaml.toString(), "--force").exitCode).isZero();
    }

    @Test
    void shouldNameTheLineOfABadZupdateFile() throws IOException {
        Path python = dir.resolve("zupdate.py");
        Files.writeString(python, "LZOPE = ('localhost:8080', ('adm', 'x'), '/z'\n");

        CliRun run = run("convert-zupdate", python.toString());

        assertThat(run.exitCode).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err).isEqualTo("error: " + python + ":1:9: '(' is never closed\n");
    }
}
