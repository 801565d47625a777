package io.zopesync.cli;

import io.zopesync.core.model.SyncRequest;
import io.zopesync.core.result.SyncResult;
import java.io.IOException;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code zope-sync export TASK}: the task's objects from its source into a new bundle, no target touched. */
@Command(name = "export", header = "Export objects from the source into a new bundle.",
        description = {"Exports the task file's objects from its source (or from --source) into a new bundle:"
            + " the .zexp files, checked and with their SHA-256 in manifest.json. No target is contacted; the"
            + " file's targets are not used.", "Promote the bundle later with 'zope-sync push'."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:exported (or checked, with --dry-run)", "1:the run could not go on",
            ExitCodes.USAGE_HELP, "3:the source's login failed, an object was not found, or its export failed",
            ExitCodes.INTERRUPTED_HELP})
final class ExportCommand extends EngineCommand {

    @Parameters(index = "0", paramLabel = "TASK", description = "The task file (YAML), see docs/cli.md.")
    Path task;

    @Option(names = "--source", paramLabel = "ENV", description = "Export from this environment of the task file"
            + " instead of its source, e.g. from test what was tested there.")
    String source;

    @Option(names = "--dry-run", description = "Check the source's login and the objects only; write nothing.")
    boolean dryRun;

    @Option(names = "--bundle", paramLabel = "DIR", description = "Write the bundle here (an empty or new"
            + " directory) instead of a new directory under the task's options.bundleDir.")
    Path bundle;

    @Override
    int run(Console console) throws IOException {
        TaskFile taskFile = TaskFile.read(task);
        Path bundleDir = bundle != null ? bundle : newBundleDir(taskFile.getBundleDir());
        SyncRequest.Builder request = taskFile.exportRequest(source, bundleDir, dryRun, root.getEnvironment());
        SyncResult result = root.newEngine().export(request, console.listener());
        return finish(console, result);
    }
}
