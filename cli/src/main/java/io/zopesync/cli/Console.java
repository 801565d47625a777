package io.zopesync.cli;

import io.zopesync.core.model.SyncListener;
import io.zopesync.core.result.ObjectResult;
import io.zopesync.core.result.Outcome;
import io.zopesync.core.result.SyncResult;
import io.zopesync.core.result.TargetResult;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Everything the commands print goes through here; nothing else in the tool writes to a stream (picocli itself
 * prints only help and usage errors, to the same writers).
 *
 * <p>Two styles. On a terminal: a live status line of the running transfers (bytes, rate, time left per file),
 * rewritten in place, and colour unless {@code NO_COLOR} is set. Otherwise (output piped or redirected, or {@code
 * --no-progress}): plain lines only, no colour, no carriage returns, a progress line per file when it starts,
 * every few seconds, and when it ends. Both end with the same report table.
 *
 * <p>{@code Console.of(out, err, terminal, System::getenv, options)}; the streams are given so that tests can
 * capture them. Thread-safe: the engine reports from several targets at once.
 */
final class Console {
    /** How often a plain progress line is repeated for a file that is still moving. */
    static final long PLAIN_PROGRESS_INTERVAL_MILLIS = 5_000;
    /** How often the live progress line is redrawn at most. */
    private static final long LIVE_REDRAW_NANOS = 100_000_000L;
    private static final int DEFAULT_WIDTH = 80;

    private final PrintWriter human;
    private final PrintWriter stdout;
    private final PrintWriter err;
    private final boolean color;
    private final boolean live;
    private final boolean verbose;
    private final int width;

    private final Map<String, SyncListener.Progress> transfers = new LinkedHashMap<>();
    private String statusLine = "";
    private long lastRedraw;

    private Console(PrintWriter human, PrintWriter stdout, PrintWriter err, boolean color, boolean live,
            boolean verbose, int width) {
        this.human = human;
        this.stdout = stdout;
        this.err = err;
        this.color = color;
        this.live = live;
        this.verbose = verbose;
        this.width = width;
    }

    /**
     * @param terminal whether the user sees the output on a terminal ({@code System.console() != null})
     * @param env looks up {@code NO_COLOR} and {@code COLUMNS}
     * @param options the command's output options, or {@code null} for none
     */
    static Console of(PrintWriter out, PrintWriter err, boolean terminal, Function<String, String> env,
            OutputOptions options) {
        boolean plain = !terminal || options != null && options.noProgress;
        String noColor = env.apply("NO_COLOR");
        boolean color = !plain && (noColor == null || noColor.isEmpty());
        PrintWriter human = options != null && options.isJsonToStdout() ? err : out;
        return new Console(human, out, err, color, !plain, options != null && options.verbose, width(env));
    }

    private static int width(Function<String, String> env) {
        String columns = env.apply("COLUMNS");
        if (columns != null && columns.matches("[0-9]{2,4}")) {
            return Integer.parseInt(columns);
        }
        return DEFAULT_WIDTH;
    }

    /** Prints a line of the command's human-readable output, its control characters escaped ({@link SafeText}). */
    synchronized void println(String line) {
        emit(SafeText.escape(line));
    }

    /**
     * Prints a line built by the caller: every part from outside already went through {@link SafeText#escape}, the
     * rest is the program's own text and {@link #paint} colours, which are sent as they are.
     */
    synchronized void printEscaped(String safeLine) {
        emit(safeLine);
    }

    private synchronized void emit(String safeLine) {
        clearStatus();
        human.println(safeLine);
        human.flush();
        drawStatus();
    }

    private static String safe(String text) {
        return SafeText.escape(text);
    }

    /**
     * Prints a command's product (a converted task file, a JSON report) on standard output, with the characters a
     * terminal would act on written as {@code \\uXXXX} ({@link SafeText#escapeDocument}).
     */
    synchronized void printData(String text) {
        clearStatus();
        String safeText = SafeText.escapeDocument(text);
        stdout.print(safeText.endsWith("\n") ? safeText : safeText + "\n");
        stdout.flush();
    }

    synchronized void warn(String message) {
        clearStatus();
        err.println(paint(Style.YELLOW, "warning: ") + safe(message));
        err.flush();
        drawStatus();
    }

    synchronized void error(String message) {
        clearStatus();
        err.println(paint(Style.RED, "error: ") + safe(message));
        err.flush();
    }

    /** A listener that shows the engine's events as they come. */
    SyncListener listener() {
        return new ConsoleListener();
    }

    /** Prints a table: a header row and rows, columns padded to the widest cell; every cell is escaped. */
    synchronized void table(List<String> header, List<List<String>> rows) {
        List<List<String>> safeRows = new ArrayList<>();
        for (List<String> row : rows) {
            safeRows.add(row.stream().map(Console::safe).toList());
        }
        safeTable(header.stream().map(Console::safe).toList(), safeRows);
    }

    /** Prints a table whose cells the caller built as for {@link #printEscaped}: escaped parts, own colours. */
    synchronized void tableEscaped(List<String> header, List<List<String>> rows) {
        safeTable(header, rows);
    }

    private synchronized void safeTable(List<String> header, List<List<String>> rows) {
        int[] widths = new int[header.size()];
        for (List<String> row : concat(header, rows)) {
            for (int i = 0; i < row.size(); i++) {
                widths[i] = Math.max(widths[i], visibleLength(row.get(i)));
            }
        }
        clearStatus();
        boolean first = true;
        for (List<String> row : concat(header, rows)) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < row.size(); i++) {
                String cell = first ? paint(Style.BOLD, row.get(i)) : row.get(i);
                line.append(cell);
                if (i < row.size() - 1) {
                    line.append(" ".repeat(widths[i] - visibleLength(row.get(i)) + 2));
                }
            }
            human.println(line.toString().stripTrailing());
            first = false;
        }
        human.flush();
    }

    /**
     * The final report of a run: the preflight's problems, a table of targets by objects, and a verdict.
     *
     * @param interrupted whether the run was interrupted (then the problems and failures are its consequence)
     */
    synchronized void report(SyncResult result, boolean interrupted) {
        endTransfers(p -> true);
        emit("");
        if (!result.problems().isEmpty()) {
            emit(paint(Style.RED, "The preflight found " + result.problems().size() + " problem"
                    + (result.problems().size() == 1 ? "" : "s") + "; no target was changed:"));
            for (String problem : result.problems()) {
                emit("  - " + safe(problem));
            }
        }
        List<List<String>> rows = new ArrayList<>();
        for (TargetResult target : result.targets()) {
            for (ObjectResult object : target.objects()) {
                rows.add(List.of(safe(target.target()), safe(object.path()), safe(object.targetFolder()),
                        outcome(object.outcome()), Units.bytes(object.bytes()), Units.millis(object.millis()),
                        object.message() == null ? "" : safe(object.message())));
            }
        }
        if (!rows.isEmpty()) {
            safeTable(List.of("TARGET", "OBJECT", "TO FOLDER", "OUTCOME", "SIZE", "TIME", "NOTE"), rows);
        }
        for (TargetResult target : result.targets()) {
            emit(safe(target.target()) + ": " + status(target.status()) + " in " + Units.millis(target.millis())
                    + (target.message() == null ? "" : ": " + safe(target.message())));
        }
        if (result.bundle() != null) {
            emit("Bundle: " + safe(String.valueOf(result.bundle())));
        }
        if (result.manifestSha256() != null) {
            emit("Manifest SHA-256: " + result.manifestSha256() + ("promote".equals(result.kind()) ? ""
                    : " (promote exactly this bundle with 'zope-sync push --expect-manifest "
                    + result.manifestSha256() + "')"));
        }
        String verdict = interrupted ? paint(Style.RED, "Interrupted: the run was stopped; see above what happened"
                + " on each target.") : result.isSuccess()
                ? paint(Style.GREEN, result.dryRun() ? "Dry run passed: nothing was changed."
                        : "export".equals(result.kind()) ? "Exported; promote the bundle with 'zope-sync push'."
                        : "restore".equals(result.kind()) ? "Restored " + safe(result.source()) + "."
                        : "All targets synced.")
                : paint(Style.RED, result.isPreflightFailed() ? "Preflight failed."
                        : failedCount(result) + " of " + result.targets().size() + " targets failed.");
        emit(verdict);
    }

    private static long failedCount(SyncResult result) {
        return result.targets().stream().filter(t -> !t.isSuccess()).count();
    }

    private String outcome(Outcome outcome) {
        String word = outcome.name().toLowerCase(Locale.ROOT).replace('_', ' ');
        if (outcome == Outcome.SKIPPED) {
            return paint(Style.YELLOW, word);
        }
        return paint(outcome.isSuccess() ? Style.GREEN : Style.RED, word);
    }

    private String status(TargetResult.Status status) {
        String word = status.name().toLowerCase(Locale.ROOT).replace('_', ' ');
        return paint(status == TargetResult.Status.SYNCED || status == TargetResult.Status.CHECKED
                ? Style.GREEN : Style.RED, word);
    }

    private static List<List<String>> concat(List<String> header, List<List<String>> rows) {
        List<List<String>> all = new ArrayList<>();
        all.add(header);
        all.addAll(rows);
        return all;
    }

    private static int visibleLength(String text) {
        return text.replaceAll("\u001B\\[[0-9;]*m", "").length();
    }

    /** ANSI styles, used only on a terminal and without {@code NO_COLOR}. */
    enum Style {
        BOLD("1"), RED("31"), GREEN("32"), YELLOW("33"), DIM("2");

        private final String code;

        Style(String code) {
            this.code = code;
        }
    }

    String paint(Style style, String text) {
        return color ? "\u001B[" + style.code + "m" + text + "\u001B[0m" : text;
    }

    private void clearStatus() {
        if (live && !statusLine.isEmpty()) {
            human.print("\r\u001B[K");
            statusLine = "";
        }
    }

    private void drawStatus() {
        if (!live || transfers.isEmpty()) {
            return;
        }
        List<String> parts = new ArrayList<>();
        for (SyncListener.Progress p : transfers.values()) {
            String percent = p.bytesTotal() > 0 ? " " + (p.bytesDone() * 100 / p.bytesTotal()) + "%" : "";
            parts.add(who(p) + " " + id(p.object()) + " " + Units.bytes(p.bytesDone()) + percent + " "
                    + Units.rate(p.bytesDone(), p.elapsedMillis())
                    + (p.bytesTotal() > 0 ? " ETA " + Units.eta(p.bytesDone(), p.bytesTotal(), p.elapsedMillis())
                            : ""));
        }
        String line = String.join(" | ", parts);
        if (line.length() > width - 1) {
            line = line.substring(0, width - 4) + "...";
        }
        human.print("\r\u001B[K" + paint(Style.DIM, safe(line)));
        human.flush();
        statusLine = line;
        lastRedraw = System.nanoTime();
    }

    private static String who(SyncListener.Progress p) {
        switch (p.kind()) {
            case EXPORT:
                return "export";
            case SAVE_REPLACED:
                return p.target() + " save";
            default:
                return p.target() + " upload";
        }
    }

    private static String id(String path) {
        return path.substring(path.lastIndexOf('/') + 1);
    }

    private static String parent(String path) {
        int slash = path.lastIndexOf('/');
        return slash <= 0 ? "/" : path.substring(0, slash);
    }

    private static String key(SyncListener.Progress p) {
        return p.kind() + " " + p.target() + " " + p.object();
    }

    private static boolean finished(SyncListener.Progress p) {
        return p.bytesTotal() >= 0 && p.bytesDone() >= p.bytesTotal();
    }

    /**
     * Forgets transfers that are over although no event said so: an export's size is known only when it ends,
     * so its progress never reaches a total; the next phase, or the object's or the target's outcome, ends it.
     */
    private synchronized void endTransfers(Predicate<SyncListener.Progress> over) {
        if (transfers.values().removeIf(over)) {
            clearStatus();
            drawStatus();
        }
    }

    /**
     * Live: keeps the newest update of each running transfer for the status line. Plain: prints a line when a
     * transfer starts, every {@value #PLAIN_PROGRESS_INTERVAL_MILLIS} ms, and when it ends, keeping the update
     * last printed.
     */
    private synchronized void progress(SyncListener.Progress p) {
        String key = key(p);
        SyncListener.Progress last = transfers.get(key);
        if (finished(p)) {
            transfers.remove(key);
            emit(paint(Style.DIM, "  " + safe(who(p) + " " + p.object()) + ": done, " + Units.bytes(p.bytesDone())
                    + " in " + Units.millis(p.elapsedMillis()) + " (" + Units.rate(p.bytesDone(), p.elapsedMillis())
                    + ")"));
            return;
        }
        if (live) {
            transfers.put(key, p);
            if (System.nanoTime() - lastRedraw >= LIVE_REDRAW_NANOS) {
                clearStatus();
                drawStatus();
            }
            return;
        }
        if (last != null && p.elapsedMillis() - last.elapsedMillis() < PLAIN_PROGRESS_INTERVAL_MILLIS) {
            return;
        }
        transfers.put(key, p);
        String of = p.bytesTotal() >= 0 ? " of " + Units.bytes(p.bytesTotal()) + " ("
                + (p.bytesTotal() == 0 ? 100 : p.bytesDone() * 100 / p.bytesTotal()) + "%)" : "";
        emit("  " + safe(who(p) + " " + p.object()) + ": " + Units.bytes(p.bytesDone()) + of + ", "
                + Units.rate(p.bytesDone(), p.elapsedMillis())
                + (p.bytesTotal() >= 0 ? ", ETA " + Units.eta(p.bytesDone(), p.bytesTotal(), p.elapsedMillis())
                        : ""));
    }

    /** Shows the engine's events; see the class comment for the two styles. */
    private final class ConsoleListener implements SyncListener {

        @Override
        public void log(Level level, String message) {
            switch (level) {
                case DEBUG:
                    if (verbose) {
                        emit(paint(Style.DIM, "  debug: " + safe(message)));
                    }
                    break;
                case WARNING:
                    emit(paint(Style.YELLOW, "warning: ") + safe(message));
                    break;
                case ERROR:
                    emit(paint(Style.RED, "error: ") + safe(message));
                    break;
                default:
                    emit(safe(message));
                    break;
            }
        }

        @Override
        public void phase(Phase phase, String target) {
            if (phase != Phase.EXPORT && phase != Phase.TARGET) {
                // Targets start during the export; any other phase comes after it.
                endTransfers(p -> p.kind() == TransferKind.EXPORT);
            }
            switch (phase) {
                case PLAN:
                    emit(paint(Style.BOLD, "Plan") + ": checking the request");
                    break;
                case PREFLIGHT:
                    emit(paint(Style.BOLD, "Preflight") + ": logins, objects, folders, import directories");
                    break;
                case EXPORT:
                    emit(paint(Style.BOLD, "Export") + ": objects from the source into the bundle");
                    break;
                case VERIFY_BUNDLE:
                    emit(paint(Style.BOLD, "Verify") + ": the bundle against its manifest");
                    break;
                case TARGET:
                    emit(paint(Style.BOLD, "Target " + safe(target)) + ": lock, upload, import");
                    break;
                default:
                    break;
            }
        }

        @Override
        public void progress(Progress progress) {
            Console.this.progress(progress);
        }

        @Override
        public void targetDone(TargetResult result) {
            endTransfers(p -> result.target().equals(p.target()));
        }

        @Override
        public void objectDone(String target, ObjectResult result) {
            endTransfers(p -> target.equals(p.target()) && result.path().equals(p.object()));
            String where = result.targetFolder() == null || result.targetFolder().equals(parent(result.path()))
                    ? "" : " -> " + result.targetFolder();
            emit("  " + safe(target + ": " + result.path() + where) + ": " + outcome(result.outcome())
                    + (result.bytes() > 0 ? " (" + Units.bytes(result.bytes()) + ", " + Units.millis(result.millis())
                            + ")" : "")
                    + (result.message() == null ? "" : ": " + safe(result.message())));
        }
    }
}
