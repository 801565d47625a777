package io.zopesync.cli;

import io.zopesync.core.kernel.InvalidInputException;
import io.zopesync.core.kernel.ZopeSyncException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.net.SocketTimeoutException;
import java.nio.channels.ClosedByInterruptException;
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
