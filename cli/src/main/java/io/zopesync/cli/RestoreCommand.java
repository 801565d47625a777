package io.zopesync.cli;

import io.zopesync.core.model.PushRequest;
import picocli.CommandLine.Command;

/** {@code zope-sync restore BUNDLE --task FILE --target test}: put back what a push replaced. */
@Command(name = "restore", header = "Put back the objects that a sync or push replaced.",
        description = {"Puts back the objects that a sync or push with BUNDLE replaced on the"
        + " given targets (saved in the bundle's replaced/<target>/), through the same safe import."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {ExitCodes.OK_HELP, ExitCodes.FAILED_HELP, ExitCodes.USAGE_HELP, ExitCodes.PREFLIGHT_HELP,
            ExitCodes.INTERRUPTED_HELP})
final class RestoreCommand extends BundlePushCommand {
    @Override
    PushRequest.Mode mode() {
        return PushRequest.Mode.RESTORE;
    }
}
