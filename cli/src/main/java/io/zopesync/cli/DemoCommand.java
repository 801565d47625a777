package io.zopesync.cli;

import picocli.CommandLine.Command;

@Command(name = "demo")
final class DemoCommand extends AbstractCommand {
    @Override
    int run(Console console) {
        throw new UnsupportedOperationException("demo");
    }
}
