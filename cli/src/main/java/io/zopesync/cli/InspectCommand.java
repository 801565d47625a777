package io.zopesync.cli;

import io.zopesync.core.bundle.Bundle;
import io.zopesync.core.kernel.InvalidInputException;
import io.zopesync.core.zexp.ZexpFormatException;
import io.zopesync.core.zexp.ZexpInfo;
import io.zopesync.core.zexp.ZexpReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code zope-sync inspect FILE.zexp}: what an export file holds, without importing it anywhere. */
@Command(name = "inspect", header = "Show what .zexp export files hold.",
        description = {"Checks the structure of .zexp files (Zope exports) and shows the root"
        + " object's class and id (the id Zope will give the imported object, whatever the file is called), the"
        + " number of records, the size and the SHA-256.", "Nothing in the file is executed."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:every file is a valid .zexp", "1:a file is not a valid .zexp",
            "2:usage error, or a file does not exist"})
final class InspectCommand extends AbstractCommand {

    @Parameters(arity = "1..*", paramLabel = "FILE.zexp", description = "The export files to inspect.")
    List<Path> files;

    @Override
    int run(Console console) throws IOException {
        for (Path file : files) {
            if (!Files.isRegularFile(file)) {
                throw InvalidInputException.of("no such file: %s", file);
            }
        }
        int exitCode = ExitCodes.OK;
        for (Path file : files) {
            console.println(file.toString());
            try {
                ZexpInfo info = ZexpReader.read(file);
                console.println("  structure  valid .zexp: " + info.records() + " record(s), " + info.blobs()
                        + " blob(s)");
                console.println("  root       " + info.className() + " '" + info.id() + "'");
            } catch (ZexpFormatException e) {
                console.println("  structure  NOT a valid .zexp: " + e.getMessage());
                exitCode = ExitCodes.FAILED;
            }
            long size = Files.size(file);
            console.println("  size       " + size + " bytes (" + Units.bytes(size) + ")");
            console.println("  sha256     " + Bundle.sha256(file));
        }
        return exitCode;
    }
}
