package io.zopesync.cli;

import io.zopesync.core.kernel.SecretValue;
import io.zopesync.core.model.Environment;
import io.zopesync.core.model.ObjectSpec;
import io.zopesync.core.model.SyncOptions;
import io.zopesync.core.model.SyncRequest;
import io.zopesync.core.result.SyncResult;
import io.zopesync.core.ssh.HostKeyPolicy;
import io.zopesync.core.ssh.SshKey;
import io.zopesync.core.ssh.SshSettings;
import io.zopesync.core.zope.ZopeServer;
import io.zopesync.testkit.Sandbox;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code zope-sync demo}: a sync against the testkit's sandbox, to see what a run looks like. */
@Command(name = "demo", header = "Run a sync against a local sandbox and print the report.",
        description = {"Starts a sandbox on 127.0.0.1 in a temporary directory: a master Zope double (dev) and two"
            + " remote ones (test, prod) whose import directories are reached through an embedded SSH server. Then"
            + " syncs four objects from dev to test and prod (one of them replaces an older version on prod) and"
            + " prints the report. The sandbox is removed at the end unless --keep is given."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {ExitCodes.OK_HELP, ExitCodes.FAILED_HELP, ExitCodes.USAGE_HELP, ExitCodes.PREFLIGHT_HELP,
            ExitCodes.INTERRUPTED_HELP})
final class DemoCommand extends EngineCommand {
    /** What the demo syncs: a folder to another folder, a document that exists on prod, a file and an image. */
    static final List<ObjectSpec> OBJECTS = List.of(ObjectSpec.of("/myfolder/obj1", "/yourfolder"),
            ObjectSpec.of("/ourfolder/obj2"), ObjectSpec.of("/site/my file"), ObjectSpec.of("/site/logo.v2.png"));

    @Option(names = "--keep", description = "Keep the temporary directory (with the bundle the sync wrote) and"
            + " print where it is.")
    boolean keep;

    @Override
    int run(Console console) throws IOException {
        Path dir = Files.createTempDirectory("zope-sync-demo");
        try (Sandbox sandbox = Sandbox.start(dir.resolve("sandbox"))) {
            console.println("Sandbox on 127.0.0.1 in " + dir + ":");
            for (Sandbox.Site site : sandbox.getSites()) {
                console.println(String.format("  %-5s %s  %s", site.getName(), site.getUrl(),
                        site.getName().equals(Sandbox.MASTER) ? "(the master)" : "import directory "
                                + site.getImportDir() + " over SSH port " + sandbox.getSshServer().getPort()));
            }
            SyncRequest request = SyncRequest.builder(environment(sandbox, Sandbox.MASTER), dir.resolve("bundle"))
                    .targets(Sandbox.REMOTES.stream().map(name -> environment(sandbox, name)).toList())
                    .objects(OBJECTS).options(SyncOptions.defaults()).build();
            SyncResult result = root.newEngine().sync(request, console.listener());
            int exitCode = finish(console, result);
            if (exitCode == ExitCodes.INTERRUPTED) {
                return exitCode;
            }
            console.println(keep ? "The sandbox's files and the bundle are kept in " + dir + "; try 'zope-sync"
                    + " verify " + dir.resolve("bundle") + "'." : "The sandbox and the bundle are removed now"
                    + " ('zope-sync demo --keep' keeps them).");
            console.println("Next: write a task file for your servers (docs/cli.md) and run"
                    + " 'zope-sync sync task.yaml --dry-run'.");
            return exitCode;
        } finally {
            if (!keep) {
                delete(dir);
            }
        }
    }

    /** A sandbox site as the engine takes it; the key and password stay in memory. */
    private static Environment environment(Sandbox sandbox, String name) {
        Sandbox.Site site = sandbox.getSite(name);
        ZopeServer zope = ZopeServer.of(name, site.getUrl(), Sandbox.ZOPE_USER, SecretValue.of(sandbox.getPassword()));
        if (name.equals(Sandbox.MASTER)) {
            return Environment.of(name, zope, null);
        }
        SshSettings ssh = SshSettings.builder(name, sandbox.getSshServer().getHost())
                .port(sandbox.getSshServer().getPort()).username(Sandbox.SSH_USER)
                .key(SshKey.of(SecretValue.of(sandbox.getPrivateKey()), null))
                .hostKey(HostKeyPolicy.pinned(sandbox.getHostKey()))
                .importDir(site.getImportDir().toString()).build();
        return Environment.of(name, zope, ssh);
    }

    private static void delete(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
