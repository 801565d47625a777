package io.zopesync.cli;

import io.zopesync.core.bundle.Bundle;
import io.zopesync.core.bundle.Manifest;
import io.zopesync.core.bundle.ManifestEntry;
import io.zopesync.core.kernel.InvalidInputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code zope-sync verify BUNDLE}: check every file of a bundle against its manifest. */
@Command(name = "verify", header = "Check a bundle against its manifest.",
        description = {"Checks a bundle: its manifest's format, and every file's presence, size"
        + " and SHA-256 (and that no file is missing from the manifest), as 'push' does before it touches a"
        + " target. Shows what the bundle holds."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:every file matches the manifest", "1:the bundle does not match its manifest",
            "2:usage error, or the directory does not exist"})
final class VerifyCommand extends AbstractCommand {

    @Parameters(index = "0", paramLabel = "BUNDLE", description = "The bundle directory (with manifest.json).")
    Path bundle;

    @Override
    int run(Console console) {
        if (!Files.isDirectory(bundle)) {
            throw InvalidInputException.of("bundle directory does not exist: %s", bundle);
        }
        Manifest manifest = Bundle.verify(bundle);
        console.println("Bundle " + bundle + ": exported from " + manifest.source() + " (" + manifest.sourceUrl()
                + ") at " + manifest.created() + ", run " + manifest.runId());
        List<List<String>> rows = new ArrayList<>();
        for (ManifestEntry entry : manifest.objects()) {
            rows.add(List.of(entry.path(), entry.targetFolder(), entry.id(), entry.className(), entry.file(),
                    Units.bytes(entry.size()), entry.sha256()));
        }
        console.table(List.of("OBJECT", "TO FOLDER", "ID", "CLASS", "FILE", "SIZE", "SHA-256"), rows);
        console.println("All " + manifest.objects().size() + " file(s) match the manifest.");
        return ExitCodes.OK;
    }
}
