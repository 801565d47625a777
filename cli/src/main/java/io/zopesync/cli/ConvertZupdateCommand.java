package io.zopesync.cli;

import io.zopesync.core.kernel.InvalidInputException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code zope-sync convert-zupdate TASK.py}: zupdate.py's task description as a task file. */
@Command(name = "convert-zupdate", header = "Turn zupdate.py's task description into a task file.",
        description = {"Converts zupdate.py's task description (LZOPE, RZOPE, OBJS)"
        + " into a task file. The Python file is read, never run.", "Passwords are not copied: each becomes"
        + " passwordEnv: ZOPE_<NAME>_PASSWORD. 'user@host:/path' becomes the SSH user and host and the import"
        + " directory /path/import. zupdate.py names no SSH key or host key: check keyFile and knownHosts."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:converted; warnings say what to check", "2:usage error, or TASK.py is not a zupdate.py"
            + " task description (the message names the line)"})
final class ConvertZupdateCommand extends AbstractCommand {

    @Parameters(index = "0", paramLabel = "TASK.py", description = "zupdate.py, or a file with its task"
            + " description.")
    Path python;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write the task file here instead of"
            + " to standard output.")
    Path output;

    @Option(names = "--force", description = "Overwrite the output file if it exists.")
    boolean force;

    @Override
    int run(Console console) throws IOException {
        String text;
        try {
            text = LimitedFiles.readText(python, LimitedFiles.TEXT_LIMIT, "the zupdate file");
        } catch (NoSuchFileException e) {
            throw InvalidInputException.of("no such file: %s", python);
        } catch (IOException e) {
            throw InvalidInputException.of("%s", e.getMessage());
        }
        if (output != null && Files.exists(output) && !force) {
            throw InvalidInputException.of("%s exists already: choose another file or add --force", output);
        }
        ZupdateConverter.Conversion conversion = ZupdateConverter.convert(text, python);
        if (output == null) {
            console.printData(conversion.yaml());
        } else {
            Files.writeString(output, conversion.yaml(), StandardCharsets.UTF_8);
            console.println("Wrote " + output);
        }
        conversion.warnings().forEach(console::warn);
        return ExitCodes.OK;
    }
}
