package io.zopesync.cli;

import io.zopesync.core.result.SyncResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import picocli.CommandLine.Mixin;

/**
 * A command that runs the engine ({@code sync}, {@code push}, {@code restore}, {@code demo}): it takes the output
 * options, and ends with the report, the JSON report if asked for, and the exit code of the result.
 */
abstract class EngineCommand extends AbstractCommand {
    private static final DateTimeFormatter BUNDLE_NAME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

    @Mixin
    OutputOptions output;

    @Override
    OutputOptions outputOptions() {
        return output;
    }

    /** A new directory name under {@code parent}, from the local time: {@code 20260125-143000}. */
    static Path newBundleDir(Path parent) {
        String name = LocalDateTime.now().format(BUNDLE_NAME);
        Path dir = parent.resolve(name);
        for (int n = 2; Files.exists(dir); n++) {
            dir = parent.resolve(name + "-" + n);
        }
        return dir;
    }

    /** The exit code for a run's result: 0 success, 3 preflight failed, 1 a target failed. */
    static int exitCode(SyncResult result) {
        if (Thread.currentThread().isInterrupted()) {
            return ExitCodes.INTERRUPTED;
        }
        if (result.isSuccess()) {
            return ExitCodes.OK;
        }
        return result.isPreflightFailed() ? ExitCodes.PREFLIGHT : ExitCodes.FAILED;
    }

    /** Prints the report, writes the JSON report if asked, and returns the exit code. */
    int finish(Console console, SyncResult result) throws IOException {
        console.report(result, Thread.currentThread().isInterrupted());
        if (output.json != null) {
            if (output.isJsonToStdout()) {
                console.printData(result.toJson());
            } else {
                Files.writeString(Path.of(output.json), result.toJson() + "\n", StandardCharsets.UTF_8);
                console.println("Report: " + output.json);
            }
        }
        return exitCode(result);
    }
}
