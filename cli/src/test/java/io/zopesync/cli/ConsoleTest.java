package io.zopesync.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.zopesync.core.kernel.SyncLog.Level;
import io.zopesync.core.model.SyncListener;
import io.zopesync.core.model.SyncListener.Phase;
import io.zopesync.core.model.SyncListener.Progress;
import io.zopesync.core.model.SyncListener.TransferKind;
import io.zopesync.core.result.ObjectResult;
import io.zopesync.core.result.Outcome;
import io.zopesync.core.result.SyncResult;
import io.zopesync.core.result.TargetResult;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConsoleTest {
    private static final long MIB = 1024 * 1024;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private Console console(boolean terminal, Map<String, String> env, String... options) {
        OutputOptions parsed = new OutputOptions();
        for (String option : options) {
            if (option.equals("--verbose")) {
                parsed.verbose = true;
            } else if (option.equals("--no-progress")) {
                parsed.noProgress = true;
            } else if (option.equals("--json=-")) {
                parsed.json = "-";
            }
        }
        return Console.of(new PrintWriter(out, true), new PrintWriter(err, true), terminal, env::get, parsed);
    }

    private static void upload(SyncListener listener, long done, long elapsed) {
        listener.progress(new Progress("test", TransferKind.UPLOAD, "/myfolder/obj1", done, 10 * MIB, elapsed));
    }

    @Test
    void shouldPrintPlainProgressLinesWhenNotATerminal() {
        SyncListener listener = console(false, Map.of()).listener();

        listener.phase(Phase.TARGET, "test");
        upload(listener, 0, 0);
        upload(listener, MIB, 1_000);
        upload(listener, 5 * MIB, 5_000);
        upload(listener, 6 * MIB, 6_000);
        upload(listener, 10 * MIB, 8_000);

        assertThat(out.toString()).isEqualTo(String.join("\n",
                "Target test: lock, upload, import",
                "  test upload /myfolder/obj1: 0 B of 10.0 MiB (0%), -, ETA ?",
                "  test upload /myfolder/obj1: 5.0 MiB of 10.0 MiB (50%), 1.0 MiB/s, ETA 0:05",
                "  test upload /myfolder/obj1: done, 10.0 MiB in 8.0 s (1.3 MiB/s)",
                ""));
        assertThat(out.toString()).doesNotContain("\r", "\u001B");
    }

    @Test
    void shouldPrintPlainLinesOnATerminalWithNoProgress() {
        SyncListener listener = console(true, Map.of(), "--no-progress").listener();

        upload(listener, MIB, 1_000);
        listener.objectDone("test", new ObjectResult("/myfolder/obj1", "/yourfolder", "obj1", Outcome.IMPORTED,
                10 * MIB, 1_500, null));

        assertThat(out.toString()).doesNotContain("\r", "\u001B")
                .contains("  test: /myfolder/obj1 -> /yourfolder: imported (10.0 MiB, 1.5 s)");
    }

    @Test
    void shouldRewriteALiveProgressLineInColourOnATerminal() {
        SyncListener listener = console(true, Map.of()).listener();

        upload(listener, 5 * MIB, 5_000);
        listener.log(Level.INFO, "uploading");
        upload(listener, 10 * MIB, 8_000);

        assertThat(out.toString()).contains("\r\u001B[K", "test upload obj1 5.0 MiB 50% 1.0 MiB/s ETA 0:05",
                "uploading\n", "\u001B[2m  test upload /myfolder/obj1: done, 10.0 MiB in 8.0 s (1.3 MiB/s)");
    }

    @Test
    void shouldKeepALiveExportLineWhileTargetsStartAndEndItWithTheReportThoughItsSizeWasNeverKnown() {
        SyncListener listener = console(true, Map.of("NO_COLOR", "1")).listener();

        listener.progress(new Progress(null, TransferKind.EXPORT, "/myfolder/obj1", 4096, -1, 100));
        listener.phase(Phase.TARGET, "test");
        listener.log(Level.INFO, "during");
        listener.phase(Phase.REPORT, null);
        listener.log(Level.INFO, "after");

        String line = "\r\u001B[Kexport obj1 4.0 KiB 40.0 KiB/s";
        // Redrawn below each printed line while the export runs; the report's phase clears it for good.
        assertThat(out.toString()).isEqualTo(line + "\r\u001B[KTarget test: lock, upload, import\n" + line
                + "\r\u001B[Kduring\n" + line + "\r\u001B[Kafter\n");
    }

    @Test
    void shouldHonourNoColor() {
        Console console = console(true, Map.of("NO_COLOR", "1"));

        console.listener().phase(Phase.PREFLIGHT, null);
        console.warn("look");

        assertThat(out.toString()).isEqualTo("Preflight: logins, objects, folders, import directories\n");
        assertThat(err.toString()).isEqualTo("warning: look\n");
    }

    @Test
    void shouldShowDebugLinesOnlyWhenVerbose() {
        console(false, Map.of()).listener().log(Level.DEBUG, "PROPFIND http://dev/myfolder/obj1 -> 207");
        assertThat(out.toString()).isEmpty();

        console(false, Map.of(), "--verbose").listener().log(Level.DEBUG, "PROPFIND http://dev/myfolder/obj1 -> 207");
        assertThat(out.toString()).isEqualTo("  debug: PROPFIND http://dev/myfolder/obj1 -> 207\n");
    }

    @Test
    void shouldPrintTheReportAsATable() {
        SyncResult result = new SyncResult("run-1", "sync", "dev", "/tmp/bundle", false, "t0", "t1", List.of(),
                List.of(new TargetResult("test", TargetResult.Status.SYNCED, List.of(
                        new ObjectResult("/myfolder/obj1", "/yourfolder", "obj1", Outcome.REPLACED, 2048, 120, null),
                        new ObjectResult("/ourfolder/obj2", "/ourfolder", "obj2", Outcome.IMPORTED, 10, 80, null)),
                        null, 1_400),
                        new TargetResult("www", TargetResult.Status.FAILED, List.of(
                                new ObjectResult("/myfolder/obj1", "/yourfolder", "obj1", Outcome.RESTORED, 2048,
                                        90, null),
                                new ObjectResult("/ourfolder/obj2", "/ourfolder", "obj2", Outcome.FAILED, 10, 30,
                                        "import failed: 500")),
                                "object /ourfolder/obj2: import failed: 500", 900)));

        console(false, Map.of()).report(result, false);

        assertThat(out.toString()).isEqualTo(String.join("\n",
                "",
                "TARGET  OBJECT           TO FOLDER    OUTCOME   SIZE     TIME    NOTE",
                "test    /myfolder/obj1   /yourfolder  replaced  2.0 KiB  120 ms",
                "test    /ourfolder/obj2  /ourfolder   imported  10 B     80 ms",
                "www     /myfolder/obj1   /yourfolder  restored  2.0 KiB  90 ms",
                "www     /ourfolder/obj2  /ourfolder   failed    10 B     30 ms   import failed: 500",
                "test: synced in 1.4 s",
                "www: failed in 900 ms: object /ourfolder/obj2: import failed: 500",
                "Bundle: /tmp/bundle",
                "1 of 2 targets failed.",
                ""));
    }

    @Test
    void shouldListThePreflightsProblems() {
        SyncResult result = new SyncResult("run-1", "sync", "dev", "/tmp/bundle", true, "t0", "t1",
                List.of("dev: object /myfolder/obj1 does not exist", "test: login failed (401)"), List.of());

        console(false, Map.of()).report(result, false);

        assertThat(out.toString()).contains("The preflight found 2 problems; no target was changed:\n"
                + "  - dev: object /myfolder/obj1 does not exist\n  - test: login failed (401)\n", "Preflight failed.");
    }

    @Test
    void shouldSendHumanOutputToStandardErrorWhenJsonGoesToStandardOutput() {
        Console console = console(false, Map.of(), "--json=-");

        console.println("progress");
        console.printData("{}");

        assertThat(out.toString()).isEqualTo("{}\n");
        assertThat(err.toString()).isEqualTo("progress\n");
    }
}
