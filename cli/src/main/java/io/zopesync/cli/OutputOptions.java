package io.zopesync.cli;

import picocli.CommandLine.Option;

/** The output options of every command that runs the engine: {@code --no-progress}, {@code --json}, {@code -v}. */
final class OutputOptions {

    @Option(names = "--no-progress", description = "Plain line-based output even on a terminal: no live progress"
            + " line, no colour.")
    boolean noProgress;

    @Option(names = "--json", paramLabel = "FILE|-", description = "Also write the machine-readable report (JSON)"
            + " to FILE, or to standard output with '-' (the other output then goes to standard error).")
    String json;

    @Option(names = {"-v", "--verbose"}, description = "Show each HTTP and SSH step. Never shows a secret.")
    boolean verbose;

    /** Whether the JSON report goes to standard output, so that everything else must go to standard error. */
    boolean isJsonToStdout() {
        return "-".equals(json);
    }
}
