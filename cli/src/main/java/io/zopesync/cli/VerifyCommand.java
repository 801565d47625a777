package io.zopesync.cli;

import io.zopesync.core.bundle.Bundle;
import io.zopesync.core.bundle.Manifest;
import io.zopesync.core.bundle.ManifestEntry;
import io.zopesync.core.bundle.VerifiedBundle;
import io.zopesync.core.kernel.InvalidInputException;
import io.zopesync.core.model.PushRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code zope-sync verify BUNDLE}: check every file of a bundle against its manifest. */
@Command(name = "verify", header = "Check a bundle against its manifest.",
        description = {"Checks a bundle as 'push' does before it touches a target: its manifest's format and"
        + " rules (valid paths and target folders, no two objects landing at the same place), and per file that it"
        + " is a regular file (no symbolic link), its size, its SHA-256, its .zexp structure and that its root"
        + " object has the manifest's id and class; and that no file is missing from the manifest. Shows what the"
        + " bundle holds and the manifest's own SHA-256 (what 'push --expect-manifest' takes)."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:every file matches the manifest", "1:the bundle does not match its manifest",
            "2:usage error, or the directory does not exist"})
final class VerifyCommand extends AbstractCommand {

    @Parameters(index = "0", paramLabel = "BUNDLE", description = "The bundle directory (with manifest.json).")
    Path bundle;

    @Option(names = "--expect-manifest", paramLabel = "SHA256", description = "Also check that the manifest has"
            + " this SHA-256 (as 'export' and 'sync' printed it).")
    String expectManifest;

    @Override
    int run(Console console) {
        Optional<String> expected = Optional.ofNullable(expectManifest).map(PushRequest::checkManifestSha256);
        if (!Files.isDirectory(bundle)) {
            throw InvalidInputException.of("bundle directory does not exist: %s", bundle);
        }
        VerifiedBundle verified = Bundle.verified(bundle, expected);
        Manifest manifest = verified.getManifest();
        console.println("Bundle " + bundle + ": exported from " + manifest.source() + " (" + manifest.sourceUrl()
                + ") at " + manifest.created() + ", run " + manifest.runId());
        List<List<String>> rows = new ArrayList<>();
        for (ManifestEntry entry : manifest.objects()) {
            rows.add(List.of(entry.path(), entry.targetFolder(), entry.id(), entry.className(), entry.file(),
                    Units.bytes(entry.size()), entry.sha256()));
        }
        console.table(List.of("OBJECT", "TO FOLDER", "ID", "CLASS", "FILE", "SIZE", "SHA-256"), rows);
        console.println("Manifest SHA-256: " + verified.getManifestSha256()
                + (expected.isPresent() ? " (as expected)" : ""));
        console.println("All " + manifest.objects().size() + " file(s) match the manifest.");
        return ExitCodes.OK;
    }
}
