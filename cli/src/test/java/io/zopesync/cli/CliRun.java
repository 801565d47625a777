package io.zopesync.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;

/** One in-process run of the command, with what it printed. */
final class CliRun {
    final int exitCode;
    final String out;
    final String err;

    private CliRun(int exitCode, String out, String err) {
        this.exitCode = exitCode;
        this.out = out;
        this.err = err;
    }

    /** Runs {@code command} with {@code args}, capturing standard output and standard error. */
    static CliRun run(ZopeSyncCommand command, String... args) {
        return run(command, new StringWriter(), args);
    }

    /** Runs {@code command}, writing standard output into {@code out} (which may watch it) as well. */
    static CliRun run(ZopeSyncCommand command, StringWriter out, String... args) {
        StringWriter err = new StringWriter();
        int exitCode = new CommandLine(command).setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true))
                .execute(args);
        return new CliRun(exitCode, out.toString(), err.toString());
    }

    @Override
    public String toString() {
        return "exit " + exitCode + "\n--- out:\n" + out + "--- err:\n" + err;
    }
}
