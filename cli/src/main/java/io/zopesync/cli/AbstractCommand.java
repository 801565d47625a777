package io.zopesync.cli;

import io.zopesync.core.InvalidInputException;
import io.zopesync.core.ZopeSyncException;
import io.zopesync.core.result.SyncResult;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.net.SocketTimeoutException;
import java.nio.channels.ClosedByInterruptException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * What every subcommand shares: the {@link Console}, and turning exceptions into a message and an exit code
 * ({@link ExitCodes}): bad input is 2, a failure 1, an interruption 130.
 */
abstract class AbstractCommand implements Callable<Integer> {

    @ParentCommand
    ZopeSyncCommand root;

    @Spec
    CommandSpec spec;

    /** The command's output options, or {@code null} if it has none. */
    OutputOptions outputOptions() {
        return null;
    }

    /** Does the command's work and returns its exit code. */
    abstract int run(Console console) throws IOException;

    @Override
    public final Integer call() {
        Console console = Console.of(spec.commandLine().getOut(), spec.commandLine().getErr(), root.isTerminal(),
                root.getEnvironment(), outputOptions());
        try {
            return run(console);
        } catch (InvalidInputException e) {
            console.error(e.getMessage());
            return ExitCodes.USAGE;
        } catch (ZopeSyncException | IOException | UncheckedIOException e) {
            if (isInterruption(e)) {
                console.error("interrupted");
                return ExitCodes.INTERRUPTED;
            }
            console.error(describe(e));
            return ExitCodes.FAILED;
        }
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
    static int finish(Console console, OutputOptions options, SyncResult result) throws IOException {
        console.report(result, Thread.currentThread().isInterrupted());
        if (options.json != null) {
            if (options.isJsonToStdout()) {
                console.printData(result.toJson());
            } else {
                Files.writeString(Path.of(options.json), result.toJson() + "\n", StandardCharsets.UTF_8);
                console.println("Report: " + options.json);
            }
        }
        return exitCode(result);
    }

    private static boolean isInterruption(Throwable e) {
        if (Thread.currentThread().isInterrupted()) {
            return true;
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof InterruptedException || t instanceof ClosedByInterruptException
                    || t instanceof InterruptedIOException && !(t instanceof SocketTimeoutException)) {
                return true;
            }
        }
        return false;
    }

    private static String describe(Exception e) {
        if (e instanceof ZopeSyncException) {
            return e.getMessage();
        }
        if (e instanceof UncheckedIOException) {
            return describe(((UncheckedIOException) e).getCause());
        }
        return e.getClass().getSimpleName() + ": " + e.getMessage();
    }
}
