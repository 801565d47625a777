package io.zopesync.cli;

import picocli.CommandLine.Command;

@Command(name = "convert-zupdate")
final class ConvertZupdateCommand extends AbstractCommand {
    @Override
    int run(Console console) {
        throw new UnsupportedOperationException("convert-zupdate");
    }
}
