package io.zopesync.cli;

import picocli.CommandLine.Command;

@Command(name = "export")
final class ExportCommand extends AbstractCommand {
    @Override
    int run(Console console) {
        throw new UnsupportedOperationException("export");
    }
}
