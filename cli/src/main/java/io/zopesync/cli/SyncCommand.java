package io.zopesync.cli;

import io.zopesync.core.model.OnDrift;
import io.zopesync.core.model.SyncRequest;
import io.zopesync.core.result.SyncResult;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code zope-sync sync TASK}: export the task's objects from its source and push them to its targets. */
@Command(name = "sync", header = "Export objects from the source and import them safely into the targets.",
        description = {"Exports the task file's objects from its source into a new bundle and"
        + " imports them into every target, safely: an object that exists is kept as a backup and put back if"
        + " anything on that target fails.", "Everything is checked first (the preflight); --dry-run stops"
        + " there."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {ExitCodes.OK_HELP, ExitCodes.FAILED_HELP, ExitCodes.USAGE_HELP, ExitCodes.PREFLIGHT_HELP,
            ExitCodes.INTERRUPTED_HELP})
final class SyncCommand extends EngineCommand {
    @Parameters(index = "0", paramLabel = "TASK", description = "The task file (YAML), see docs/cli.md.")
    Path task;

    @Option(names = "--dry-run", description = "Run the preflight only: check logins, objects, folders, SSH"
            + " access and import directories; change nothing.")
    boolean dryRun;

    @Option(names = "--only", paramLabel = "TARGET", description = "Sync to this target only (repeatable); it must"
            + " be one of the task's targets.")
    List<String> only = new ArrayList<>();

    @Option(names = "--bundle", paramLabel = "DIR", description = "Write the bundle here (an empty or new"
            + " directory) instead of a new directory under the task's options.bundleDir.")
    Path bundle;

    @Option(names = "--changed-only", description = "Leave alone the objects that are in sync on a target (as"
            + " 'status' says): they are not uploaded or imported, and are reported unchanged. Objects changed on a"
            + " target by hand since the last push follow --on-drift. The task's options.changedOnly does the same.")
    boolean changedOnly;

    @Option(names = "--on-drift", paramLabel = "POLICY", description = "With --changed-only, what to do with an"
            + " object changed on a target by hand since the last push: refuse (change nothing on that target and"
            + " say which objects; the default) or overwrite (replace it, keeping the target's version as an undo"
            + " file).")
    String onDrift;

    @Override
    int run(Console console) throws IOException {
        OnDrift drift = onDrift == null ? null : OnDrift.parse(onDrift);
        TaskFile taskFile = TaskFile.read(task);
        Path bundleDir = bundle != null ? bundle : newBundleDir(taskFile.getBundleDir());
        SyncRequest request = taskFile.syncRequest(only, bundleDir, options -> {
            options.dryRun(dryRun);
            if (changedOnly) {
                options.changedOnly(true);
            }
            return drift == null ? options : options.onDrift(drift);
        }, root.getEnvironment());
        SyncResult result = root.newEngine().sync(request, console.listener());
        return finish(console, result);
    }
}
