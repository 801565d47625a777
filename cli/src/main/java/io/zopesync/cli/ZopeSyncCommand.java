package io.zopesync.cli;

import io.zopesync.core.ZopeSync;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * The {@code zope-sync} command: moves selected objects from a master Zope server to other live Zope servers,
 * driven by a task file.
 *
 * <pre>{@code
 * java -jar zope-sync.jar sync task.yaml --dry-run
 * int exitCode = new CommandLine(new ZopeSyncCommand()).execute("verify", "bundles/20260101-120000");
 * }</pre>
 *
 * The subcommands are {@link SyncCommand sync}, {@link ExportCommand export}, {@link PushCommand push},
 * {@link RestoreCommand restore}, {@link CheckCommand check}, {@link InspectCommand inspect},
 * {@link VerifyCommand verify}, {@link ConvertZupdateCommand convert-zupdate} and {@link DemoCommand demo};
 * exit codes are in {@link ExitCodes}.
 */
@Command(name = "zope-sync", mixinStandardHelpOptions = true, scope = ScopeType.INHERIT,
        versionProvider = ZopeSyncCommand.Version.class,
        description = "Moves selected objects from a master Zope server to other live Zope servers: export over"
                + " HTTP, copy over SSH, import safely (existing objects are kept as backups and put back if"
                + " anything fails).",
        subcommands = {SyncCommand.class, StatusCommand.class, ExportCommand.class, PushCommand.class,
            RestoreCommand.class, CheckCommand.class, InspectCommand.class, VerifyCommand.class,
            ConvertZupdateCommand.class, DemoCommand.class},
        footer = {"", "Start with 'zope-sync demo'; the task file format is in docs/cli.md."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {ExitCodes.OK_HELP, ExitCodes.FAILED_HELP, ExitCodes.USAGE_HELP, ExitCodes.PREFLIGHT_HELP,
            ExitCodes.INTERRUPTED_HELP})
public final class ZopeSyncCommand implements Callable<Integer> {
    /** How long a Ctrl-C waits for the run to clean up (remove uploaded files and locks) before the JVM exits. */
    private static final long CLEANUP_WAIT_MILLIS = 30_000;

    @Spec
    private CommandSpec spec;

    private Function<String, String> environment = System::getenv;
    private final boolean terminal = System.console() != null;

    /**
     * Runs the command and exits with its exit code. Ctrl-C interrupts the run, which then cleans up on the
     * targets before the JVM exits (with 130).
     */
    public static void main(String[] args) {
        Thread worker = Thread.currentThread();
        AtomicBoolean finished = new AtomicBoolean();
        Thread hook = new Thread(() -> {
            if (!finished.get()) {
                worker.interrupt();
                try {
                    worker.join(CLEANUP_WAIT_MILLIS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }, "zope-sync-interrupt");
        Runtime.getRuntime().addShutdownHook(hook);
        int exitCode = new CommandLine(new ZopeSyncCommand()).execute(args);
        finished.set(true);
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // The JVM is exiting on a signal already; System.exit would block until the hooks are done.
            return;
        }
        System.exit(exitCode);
    }

    /** Without a subcommand: the usage, on standard error, as a usage error. */
    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return ExitCodes.USAGE;
    }

    /** Looks up environment variables (passwords, passphrases, {@code NO_COLOR}); tests give a map. */
    Function<String, String> getEnvironment() {
        return environment;
    }

    /** Uses {@code variables} instead of the process's environment variables. */
    ZopeSyncCommand withEnvironment(Map<String, String> variables) {
        this.environment = Map.copyOf(variables)::get;
        return this;
    }

    /** Whether the output is shown on a terminal: {@code System.console() != null}. */
    boolean isTerminal() {
        return terminal;
    }

    ZopeSync newEngine() {
        return new ZopeSync();
    }

    /** The version from the jar's manifest. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = ZopeSyncCommand.class.getPackage().getImplementationVersion();
            return new String[] {"zope-sync " + (version == null ? "(development build)" : version)};
        }
    }
}
