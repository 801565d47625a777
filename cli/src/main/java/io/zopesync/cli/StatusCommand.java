package io.zopesync.cli;

import io.zopesync.cli.Console.Style;
import io.zopesync.core.model.SyncRequest;
import io.zopesync.core.status.ObjectDiff;
import io.zopesync.core.status.ObjectState;
import io.zopesync.core.status.ObjectStatus;
import io.zopesync.core.status.StatusResult;
import io.zopesync.core.status.TargetStatus;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code zope-sync status TASK}: per object and target, whether the target holds what the source has, and if not
 * why (changed on the source, changed on the target by hand, missing, never pushed by zope-sync). Changes nothing.
 */
@Command(name = "status", header = "Show per object and target whether the targets hold what the source has.",
        description = {"Exports each object of the task file from its source (keeping only its SHA-256) and"
        + " compares it with every target: with the record that zope-sync's last push left in the target's"
        + " import directory, and with the target's own fingerprint of the object (its WebDAV listing). Nothing"
        + " is installed on the servers and nothing is changed.", "States: in sync; changed on source;"
        + " changed on target (drift: edited by hand since the last push); changed on source and target;"
        + " missing; unknown (the target has the object, but zope-sync never pushed it there)."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:every object is in sync on every target", "1:some object differs on some target",
            ExitCodes.USAGE_HELP, "3:the status of a target (or the source) could not be found out",
            ExitCodes.INTERRUPTED_HELP})
final class StatusCommand extends AbstractCommand {
    static final int DIFFERENT = 1;
    static final int UNKNOWN = 3;

    @Parameters(index = "0", paramLabel = "TASK", description = "The task file (YAML), see docs/cli.md.")
    Path task;

    @Option(names = "--only", paramLabel = "TARGET", description = "Look at this target only (repeatable); it must"
            + " be one of the task's targets.")
    List<String> only = new ArrayList<>();

    @Option(names = "--diff", description = "Also export each object that is not in sync (and is there) from the"
            + " target and show how it differs from the source: a unified diff for text (DTML, page templates,"
            + " scripts, text files, properties), the other attributes and the children that differ. For an object"
            + " zope-sync never pushed (unknown) it says whether the target holds the same.")
    boolean diff;

    @Mixin
    OutputOptions output;

    @Override
    OutputOptions outputOptions() {
        return output;
    }

    @Override
    int run(Console console) throws IOException {
        TaskFile taskFile = TaskFile.read(task);
        // The bundle directory is never written by a status.
        SyncRequest request = taskFile.syncRequest(only, taskFile.getBundleDir(), false, root.getEnvironment());
        StatusResult result = root.newEngine().status(request, diff, console.listener());
        print(console, result);
        if (output.json != null) {
            if (output.isJsonToStdout()) {
                console.printData(result.toJson());
            } else {
                Files.writeString(Path.of(output.json), result.toJson() + "\n", StandardCharsets.UTF_8);
                console.println("Report: " + output.json);
            }
        }
        if (Thread.currentThread().isInterrupted()) {
            return ExitCodes.INTERRUPTED;
        }
        return !result.isComplete() ? UNKNOWN : result.isInSync() ? ExitCodes.OK : DIFFERENT;
    }

    private static void print(Console console, StatusResult result) {
        console.println("");
        for (String problem : result.problems()) {
            console.printEscaped(console.paint(Style.RED, "problem: ") + SafeText.escape(problem));
        }
        List<TargetStatus> known = result.targets().stream().filter(t -> t.problem().isEmpty()).toList();
        if (!known.isEmpty()) {
            List<String> header = new ArrayList<>(List.of("OBJECT"));
            known.forEach(target -> header.add(SafeText.escape(target.target().toUpperCase(java.util.Locale.ROOT))));
            List<List<String>> rows = new ArrayList<>();
            int objects = known.get(0).objects().size();
            for (int i = 0; i < objects; i++) {
                String path = known.get(0).objects().get(i).path();
                List<String> row = new ArrayList<>(List.of(SafeText.escape(path)));
                for (TargetStatus target : known) {
                    row.add(state(console, target.objects().get(i).state()));
                }
                rows.add(row);
            }
            console.tableEscaped(header, rows);
            for (TargetStatus target : known) {
                for (ObjectStatus object : target.objects()) {
                    details(console, target.target(), object);
                }
            }
            for (TargetStatus target : known) {
                for (ObjectStatus object : target.objects()) {
                    differences(console, target.target(), object);
                }
            }
        }
        for (TargetStatus target : result.targets()) {
            target.problem().ifPresent(problem -> console.printEscaped(
                    console.paint(Style.RED, SafeText.escape(target.target()) + ": ") + SafeText.escape(problem)));
        }
        console.printEscaped(verdict(console, result));
    }

    private static void details(Console console, String target, ObjectStatus object) {
        List<String> notes = new ArrayList<>();
        if (!object.onlyOnTarget().isEmpty()) {
            notes.add("only on the target: " + few(object.onlyOnTarget()));
        }
        if (!object.onlyOnSource().isEmpty()) {
            notes.add("only on the source: " + few(object.onlyOnSource()));
        }
        if (object.state() == ObjectState.UNKNOWN) {
            notes.add("zope-sync has no record of pushing it here; the next push replaces it (its version is kept"
                    + " in the bundle)");
        }
        if (!notes.isEmpty()) {
            console.println("  " + target + " " + object.destination() + ": " + String.join("; ", notes));
        }
    }

    /** What the comparison of the exports found, every text from the servers escaped. */
    private static void differences(Console console, String target, ObjectStatus object) {
        if (!object.compared()) {
            return;
        }
        String where = SafeText.escape(target + " " + object.destination());
        if (object.differences().isEmpty()) {
            console.printEscaped("  " + where + ": " + console.paint(Style.GREEN, "the same as on the source")
                    + (object.state() == ObjectState.UNKNOWN ? " (though not pushed by zope-sync)" : ""));
            return;
        }
        console.println("");
        console.printEscaped(where + ":");
        for (ObjectDiff diff : object.differences()) {
            String name = diff.path().isEmpty() ? "(the object itself)" : SafeText.escape(diff.path());
            console.printEscaped("  " + name + ": " + diff.change().label() + " (" + SafeText.escape(diff.className())
                    + ")");
            for (String attribute : diff.attributes()) {
                console.printEscaped("    " + SafeText.escape(attribute));
            }
            for (ObjectDiff.TextDiff text : diff.texts()) {
                for (String line : text.unified().split("\n", -1)) {
                    if (line.isEmpty()) {
                        continue;
                    }
                    String shown = "    " + SafeText.escape(line);
                    console.printEscaped(line.startsWith("+") && !line.startsWith("+++") ? console.paint(Style.GREEN,
                            shown) : line.startsWith("-") && !line.startsWith("---") ? console.paint(Style.RED, shown)
                            : shown);
                }
            }
        }
    }

    private static String few(List<String> paths) {
        List<String> named = paths.size() > 5 ? paths.subList(0, 5) : paths;
        return String.join(", ", named) + (paths.size() > 5 ? " and " + (paths.size() - 5) + " more" : "");
    }

    private static String state(Console console, ObjectState state) {
        Style style = state.isInSync() ? Style.GREEN : state.isDrift() ? Style.RED : Style.YELLOW;
        return console.paint(style, state.label());
    }

    private static String verdict(Console console, StatusResult result) {
        if (!result.isComplete()) {
            return console.paint(Style.RED, "The status is incomplete: see the problems above.");
        }
        if (result.isInSync()) {
            return console.paint(Style.GREEN, "Every object is in sync on every target.");
        }
        long differing = result.targets().stream().flatMap(t -> t.objects().stream())
                .filter(o -> !o.state().isInSync()).count();
        return console.paint(result.hasDrift() ? Style.RED : Style.YELLOW, differing + " object"
                + (differing == 1 ? "" : "s") + " on the targets differ" + (differing == 1 ? "s" : "")
                + (result.hasDrift() ? "; some were changed on a target by hand since the last push." : "."));
    }
}
