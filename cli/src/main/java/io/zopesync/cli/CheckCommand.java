package io.zopesync.cli;

import io.zopesync.core.ZopeSync;
import io.zopesync.core.model.Environment;
import io.zopesync.core.result.ConnectionCheck;
import io.zopesync.core.result.ConnectionReport;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code zope-sync check TASK}: check that the task file's environments can be reached, changing nothing. */
@Command(name = "check", header = "Check the connections to the task file's environments.",
        description = {"For every environment of the task file (or those given with --only): the Zope login"
        + " and, for an environment with an ssh block, the SSH connection, the host key, the SSH login and the"
        + " import directory. Changes nothing on any server."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:every check passed (perhaps with a warning)", "2:usage error, bad task file or secret;"
            + " nothing was contacted", "3:a check failed", ExitCodes.INTERRUPTED_HELP})
final class CheckCommand extends AbstractCommand {
    @Parameters(index = "0", paramLabel = "TASK", description = "The task file (YAML), see docs/cli.md.")
    Path task;

    @Option(names = "--only", paramLabel = "ENVIRONMENT", description = "Check this environment only"
            + " (repeatable).")
    List<String> only = new ArrayList<>();

    @Override
    int run(Console console) {
        TaskFile taskFile = TaskFile.read(task);
        List<Environment> environments = taskFile.environments(only, root.getEnvironment());
        ZopeSync engine = root.newEngine();
        List<List<String>> rows = new ArrayList<>();
        boolean failed = false;
        for (Environment environment : environments) {
            ConnectionReport report = engine.checkConnection(environment, taskFile.getTimeouts());
            failed |= !report.isSuccess();
            for (ConnectionCheck check : report.getChecks()) {
                rows.add(List.of(environment.getName(), check.getStep().getLabel(), describe(check)));
            }
        }
        console.table(List.of("ENVIRONMENT", "CHECK", "RESULT"), rows);
        if (Thread.currentThread().isInterrupted()) {
            console.error("interrupted");
            return ExitCodes.INTERRUPTED;
        }
        return failed ? ExitCodes.PREFLIGHT : ExitCodes.OK;
    }

    private static String describe(ConnectionCheck check) {
        switch (check.getStatus()) {
            case PASSED:
                return "ok";
            case WARNING:
                return "ok, warning: " + check.getMessage();
            case FAILED:
                return "FAILED: " + check.getMessage();
            default:
                return "not run";
        }
    }
}
