package io.zopesync.cli;

import io.zopesync.core.bundle.Bundle;
import io.zopesync.core.bundle.ReplacedRun;
import io.zopesync.core.kernel.InvalidInputException;
import io.zopesync.core.model.PushRequest;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code zope-sync restore BUNDLE --task FILE --target test}: put back what a push replaced. */
@Command(name = "restore", header = "Put back the objects that a sync or push replaced.",
        description = {"Puts back on the given targets the objects that a sync or push with BUNDLE replaced there"
        + " (saved in the bundle's replaced/<target>/<run>/), through the same safe import, and says which push it"
        + " undoes.", "Restoring twice puts back the same objects again: what a restore itself replaced is saved"
        + " too, but is never taken unless named. If several pushes with the bundle replaced objects on a target,"
        + " name the one to undo with --push; --list shows them."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {ExitCodes.OK_HELP, ExitCodes.FAILED_HELP, ExitCodes.USAGE_HELP,
            "3:the preflight failed, or the bundle holds nothing to restore (or several pushes could be meant);"
            + " no target was changed", ExitCodes.INTERRUPTED_HELP})
final class RestoreCommand extends BundlePushCommand {
    @Option(names = "--push", paramLabel = "RUN", description = "Undo this run (a sync or push with the bundle, as"
            + " --list shows it) instead of the only one.")
    @Nullable String push;

    @Option(names = "--list", description = "List, per target, the runs whose replaced objects the bundle holds"
            + " (what restore can undo), and change nothing; needs no task file.")
    boolean list;

    @Override
    PushRequest.Mode mode() {
        return PushRequest.Mode.RESTORE;
    }

    @Override
    PushRequest refine(PushRequest request) {
        return push == null ? request : request.undoing(push);
    }

    @Override
    int run(Console console) throws IOException {
        if (!list) {
            return super.run(console);
        }
        if (!Files.isDirectory(bundle)) {
            throw InvalidInputException.of("bundle directory does not exist: %s", bundle);
        }
        List<List<String>> rows = new ArrayList<>();
        for (ReplacedRun run : Bundle.replacedRuns(bundle)) {
            if (targets.isEmpty() || targets.contains(run.getTarget())) {
                rows.add(List.of(run.getTarget(), run.getRunId(), run.getCreated(),
                        String.valueOf(run.getObjects()), run.getUndoes().map(undone -> "restore of " + undone)
                                .orElse("sync or push")));
            }
        }
        if (rows.isEmpty()) {
            console.println("Bundle " + bundle + " holds no replaced objects" + (targets.isEmpty() ? ""
                    : " of " + String.join(", ", targets)) + ": nothing to restore.");
            return ExitCodes.OK;
        }
        console.table(List.of("TARGET", "RUN", "REPLACED AT", "OBJECTS", "MADE BY"), rows);
        console.println("Undo a run with: zope-sync restore " + bundle + " --task FILE --target TARGET --push RUN"
                + " (without --push: the only sync or push of the target).");
        return ExitCodes.OK;
    }
}
