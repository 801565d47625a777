package io.zopesync.cli;

import io.zopesync.core.kernel.InvalidInputException;
import io.zopesync.core.model.PushRequest;
import io.zopesync.core.result.SyncResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * What {@code push} and {@code restore} share: a bundle, the task file that describes the environments, the
 * targets by name, and the output options.
 */
abstract class BundlePushCommand extends EngineCommand {

    @Parameters(index = "0", paramLabel = "BUNDLE", description = "The bundle directory (with manifest.json).")
    Path bundle;

    @Option(names = "--task", paramLabel = "FILE", description = "The task file that describes"
            + " the environments (and the options); its source, targets and objects are not used. Required.")
    @Nullable Path task;

    @Option(names = {"-t", "--target"}, paramLabel = "TARGET", description = "A target: an environment of the"
            + " task file (repeatable). Required.")
    List<String> targets = new ArrayList<>();

    /** Promotion or restore. */
    abstract PushRequest.Mode mode();

    /** The request with what the subcommand's own options add. */
    PushRequest refine(PushRequest request) {
        return request;
    }

    @Override
    int run(Console console) throws IOException {
        if (!Files.isDirectory(bundle)) {
            throw InvalidInputException.of("bundle directory does not exist: %s", bundle);
        }
        if (task == null) {
            throw new InvalidInputException("missing --task FILE: the task file that describes the environments");
        }
        if (targets.isEmpty()) {
            throw new InvalidInputException("missing --target TARGET: say where the bundle's objects go"
                    + " (repeatable)");
        }
        TaskFile taskFile = TaskFile.read(task);
        PushRequest request = refine(taskFile.pushRequest(mode(), bundle, targets, root.getEnvironment()));
        SyncResult result = root.newEngine().push(request, console.listener());
        return finish(console, result);
    }
}
