package io.zopesync.cli;

import io.zopesync.core.model.PushRequest;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code zope-sync push BUNDLE --task FILE --target prod}: promote a bundle's verified objects to targets. */
@Command(name = "push", header = "Promote a bundle's verified objects to targets.",
        description = {"Promotes a bundle: imports the objects a sync or export wrote into BUNDLE"
        + " into the given targets, after checking every file against the bundle's manifest, so that the targets"
        + " receive the very bytes that were tested.", "Existing objects are kept as backups and put back if"
        + " anything fails; replaced objects are saved into the bundle (for 'restore').", "With --expect-manifest"
        + " the bundle is pushed only if its manifest has the SHA-256 that 'export' or 'sync' printed, so that"
        + " nobody can have changed it in between (not even a target folder)."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {ExitCodes.OK_HELP, ExitCodes.FAILED_HELP, ExitCodes.USAGE_HELP, ExitCodes.PREFLIGHT_HELP,
            ExitCodes.INTERRUPTED_HELP})
final class PushCommand extends BundlePushCommand {
    @Option(names = "--expect-manifest", paramLabel = "SHA256", description = "Push only if the bundle's"
            + " manifest.json has this SHA-256 (as 'export', 'sync' and 'verify' print it).")
    String expectManifest;

    @Override
    PushRequest.Mode mode() {
        return PushRequest.Mode.PROMOTE;
    }

    @Override
    PushRequest refine(PushRequest request) {
        return expectManifest == null ? request : request.expectingManifest(expectManifest);
    }
}
