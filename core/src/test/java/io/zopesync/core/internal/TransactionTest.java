package io.zopesync.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.zopesync.core.internal.TransactionReport.Committed;
import io.zopesync.core.internal.TransactionReport.NotRestored;
import io.zopesync.core.internal.TransactionReport.RolledBack;
import io.zopesync.core.kernel.ObjectPath;
import io.zopesync.core.kernel.SecretValue;
import io.zopesync.core.kernel.Timeouts;
import io.zopesync.core.kernel.ZopeSyncException;
import io.zopesync.core.model.SyncListener;
import io.zopesync.core.model.SyncOptions;
import io.zopesync.core.result.ObjectResult;
import io.zopesync.core.result.Outcome;
import io.zopesync.core.ssh.HostKeyPolicy;
import io.zopesync.core.ssh.JschConnector;
import io.zopesync.core.ssh.RemoteFiles;
import io.zopesync.core.ssh.SshKey;
import io.zopesync.core.ssh.SshSettings;
import io.zopesync.core.sync.ForwardingRemoteFiles;
import io.zopesync.core.sync.ForwardingZopeApi;
import io.zopesync.core.zope.ExportedFile;
import io.zopesync.core.zope.ZopeApi;
import io.zopesync.core.zope.ZopeConnector;
import io.zopesync.core.zope.ZopeServer;
import io.zopesync.testkit.Sandbox;
import io.zopesync.testkit.zope.ZopeDouble;
import io.zopesync.testkit.zope.ZopeNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntPredicate;
import java.util.function.LongConsumer;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The transaction on its own: three objects (a new one, one that replaces an existing object, another new one)
 * whose files are already in the target's import directory, a target Zope double reached over HTTP, and the
 * journal written over SSH. Faults come from the double and from {@link ForwardingZopeApi} and
 * {@link ForwardingRemoteFiles}; every failure must end with the target's tree exactly as before, or say per object
 * what is left.
 */
class TransactionTest {
    private static final List<String> PATHS = List.of("/myfolder/obj1", "/ourfolder/obj2", "/site/index.html");
    private static final List<String> FOLDERS = List.of("/yourfolder", "/ourfolder", "/site");
    private static final List<Integer> ALL = List.of(0, 1, 2);
    /** The index of the item whose object exists on the target. */
    private static final Set<Integer> EXISTING = Set.of(1);

    @TempDir
    Path tmp;

    private Sandbox sandbox;
    private ZopeDouble prod;
    private Path importDir;
    private RemoteFiles ssh;
    private ZopeApi http;
    private final List<PushItem> items = new ArrayList<>();
    private final List<String> journals = new ArrayList<>();
    private final AtomicReference<String> lockLost = new AtomicReference<>();
    /** Which journal writes (counted from 1) fail. */
    private IntPredicate journalWriteFails = n -> false;
    private ZopeNode before;
    private RunContext run;
    private UndoFiles undoFiles;

    @BeforeEach
    void start() throws IOException {
        sandbox = Sandbox.start(tmp.resolve("sandbox"));
        prod = sandbox.getSite("prod").getZope();
        importDir = sandbox.getSite("prod").getImportDir();
        ZopeDouble dev = sandbox.getSite("dev").getZope();
        Files.createDirectories(tmp.resolve("objects"));
        for (int i = 0; i < PATHS.size(); i++) {
            ObjectPath path = ObjectPath.parse("path", PATHS.get(i));
            Path file = tmp.resolve("objects/" + (i + 1) + ".zexp");
            Files.write(file, dev.export(PATHS.get(i)));
            String remoteName = "zope-sync-test-" + (i + 1) + ".zexp";
            Files.copy(file, importDir.resolve(remoteName));
            items.add(new PushItem(PATHS.get(i), ObjectPath.parse("folder", FOLDERS.get(i)), path.getId(), file,
                    Files.size(file), remoteName, ""));
        }
        SshSettings settings = SshSettings.builder("prod", "127.0.0.1").port(sandbox.getSshServer().getPort())
                .username(Sandbox.SSH_USER).key(SshKey.of(SecretValue.of(sandbox.getPrivateKey()), null))
                .hostKey(HostKeyPolicy.pinned(sandbox.getHostKey())).importDir(importDir.toString()).build();
        ssh = new JschConnector().open(settings, Timeouts.defaults(), SyncListener.NONE);
        SyncOptions defaults = SyncOptions.defaults();
        http = ZopeConnector.HTTP.open(ZopeServer.of("prod", prod.getUrl(), Sandbox.ZOPE_USER,
                SecretValue.of(sandbox.getPassword())), defaults.getTimeouts(), defaults.getRetries(),
                defaults.getRetryBackoff(), 2, SyncListener.NONE);
        before = prod.snapshot();
    }

    @AfterEach
    void stop() {
        Thread.interrupted();
        http.close();
        ssh.close();
        sandbox.close();
    }

    private TransactionReport run(SyncOptions options, UnaryOperator<ZopeApi> faults) {
        run = new RunContext("alice@test", options, SyncListener.NONE, tmp.resolve("bundle"));
        undoFiles = new UndoFiles("prod", run);
        AtomicInteger writes = new AtomicInteger();
        RemoteFiles files = new ForwardingRemoteFiles(ssh) {
            @Override
            protected void before(String operation) {
                if (operation.equals("write") && journalWriteFails.test(writes.incrementAndGet())) {
                    throw new ZopeSyncException("the journal cannot be written: disk full");
                }
            }
        };
        Transaction.Guard guard = new Transaction.Guard() {
            @Override
            public Optional<String> whyLost() {
                return Optional.ofNullable(lockLost.get());
            }

            @Override
            public void writeJournal(String text) {
                RemoteText.write(files, importDir.toString(), Journal.fileName(run.getRunId()), text);
                journals.add(text);
            }
        };
        try (Background background = new Background("prod", Duration.ofSeconds(5), SyncListener.NONE)) {
            return new Transaction("prod", items, faults.apply(http), guard, run, background, undoFiles)
                    .run(ALL, EXISTING);
        }
    }

    private TransactionReport run(UnaryOperator<ZopeApi> faults) {
        return run(SyncOptions.defaults(), faults);
    }

    private String backupId() {
        return "obj2.zope-sync-backup-" + run.getRunId();
    }

    private String journalOnTarget() throws IOException {
        return Files.readString(importDir.resolve(Journal.fileName(run.getRunId())));
    }

    private static List<Outcome> outcomes(TransactionReport report) {
        return ALL.stream().map(i -> report.objects().get(i).outcome()).toList();
    }

    private void assertUntouched(TransactionReport report) {
        assertThat(prod.snapshot()).as(String.valueOf(report)).isEqualTo(before);
    }

    // ---- commit ------------------------------------------------------------------------------------------------

    @Test
    void shouldImportReplaceCommitAndDeleteTheBackup() throws IOException {
        TransactionReport report = run(UnaryOperator.identity());

        assertThat(report).isInstanceOf(Committed.class);
        assertThat(outcomes(report)).containsExactly(Outcome.IMPORTED, Outcome.REPLACED, Outcome.IMPORTED);
        assertThat(((Committed) report).backupsLeft()).isEmpty();
        assertThat(prod.ids("/ourfolder")).containsExactly("obj2");
        assertThat(prod.snapshot("/ourfolder/obj2").getText()).isEqualTo("<p>obj2, new version</p>");
        assertThat(prod.exists("/yourfolder/obj1")).isTrue();
        assertThat(prod.exists("/site/index.html")).isTrue();
        assertThat(undoFiles.saved()).singleElement().satisfies(entry -> assertThat(entry.path())
                .isEqualTo("/ourfolder/obj2"));
        assertThat(journalOnTarget()).endsWith("commit\tdelete-backups\n");
    }

    @Test
    void shouldWriteTheJournalBeforeEachChangeOncePerObject() {
        run(UnaryOperator.identity());

        // before obj1's import; before obj2's rename (with obj1 imported); before index.html's import; the last
        // import; the commit
        assertThat(journals).hasSize(5);
        assertThat(journals.get(0)).contains("importing\t/yourfolder\tobj1\t-\n").doesNotContain("obj2");
        assertThat(journals.get(1)).contains("imported\t/yourfolder\tobj1\t-\n")
                .contains("backing-up\t/ourfolder\tobj2\t" + backupId() + "\n");
        assertThat(journals.get(2)).contains("importing\t/site\tindex.html\t-\n");
        assertThat(journals.get(3)).contains("imported\t/site\tindex.html\t-\n").doesNotContain("commit");
        assertThat(journals.get(4)).endsWith("commit\tdelete-backups\n");
    }

    @Test
    void shouldKeepTheBackupAndNameItInTheResultWhenAsked() {
        TransactionReport report = run(SyncOptions.builder().keepBackups(true).build(), UnaryOperator.identity());

        assertThat(report).isInstanceOf(Committed.class);
        assertThat(((Committed) report).backupsLeft()).containsExactly("/ourfolder/" + backupId());
        assertThat(report.objects().get(1).backup()).isEqualTo(backupId());
        assertThat(report.objects().get(0).backup()).isNull();
        assertThat(prod.ids("/ourfolder")).containsExactlyInAnyOrder("obj2", backupId());
    }

    // ---- failures that are rolled back ---------------------------------------------------------------------------

    @ParameterizedTest(name = "import {0} of 3 fails")
    @ValueSource(ints = {1, 2, 3})
    void shouldRestoreTheTargetWhenAnImportFails(int k) {
        prod.failOn("manage_importObject", k, 500);

        TransactionReport report = run(UnaryOperator.identity());

        assertThat(report).isInstanceOf(RolledBack.class);
        RolledBack rolledBack = (RolledBack) report;
        assertThat(rolledBack.failure().object()).contains(items.get(k - 1));
        assertThat(rolledBack.failure().cause()).contains("HTTP 500");
        assertThat(rolledBack.changed()).isTrue();
        List<Outcome> expected = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            expected.add(i < k ? Outcome.RESTORED : i == k ? Outcome.FAILED : Outcome.NOT_CHANGED);
        }
        assertThat(outcomes(report)).containsExactlyElementsOf(expected);
        assertThat(report.objects().get(k - 1).message()).contains("HTTP 500");
        if (k > 1) {
            assertThat(report.objects().get(0).message()).startsWith("undone: target 'prod', object "
                    + PATHS.get(k - 1) + ": ");
        }
        assertThat(prod.calls("manage_importObject")).hasSize(k);
        assertUntouched(report);
    }

    @Test
    void shouldRestoreTheTargetWhenAnImportedObjectIsNotThere() {
        TransactionReport report = run(zope -> new ForwardingZopeApi(zope) {
            @Override
            public boolean exists(ObjectPath path) {
                return !path.toString().equals("/site/index.html") && super.exists(path);
            }
        });

        assertThat(report).isInstanceOf(RolledBack.class);
        assertThat(((RolledBack) report).failure().object()).contains(items.get(2));
        assertThat(((RolledBack) report).failure().cause())
                .isEqualTo("Zope answered the import, but /site/index.html does not exist");
        assertThat(outcomes(report)).containsExactly(Outcome.RESTORED, Outcome.RESTORED, Outcome.FAILED);
        assertThat(journals.get(journals.size() - 1)).doesNotContain("commit");
        assertUntouched(report);
    }

    @Test
    void shouldRestoreTheTargetWhenTheBackupCannotBeMade() {
        prod.failNext("manage_renameObject", 1, 500);

        TransactionReport report = run(UnaryOperator.identity());

        assertThat(report).isInstanceOf(RolledBack.class);
        assertThat(((RolledBack) report).failure().object()).contains(items.get(1));
        assertThat(((RolledBack) report).failure().cause()).contains("HTTP 500");
        assertThat(outcomes(report)).containsExactly(Outcome.RESTORED, Outcome.FAILED, Outcome.NOT_CHANGED);
        assertThat(prod.calls("manage_importObject")).hasSize(1);
        assertUntouched(report);
    }

    @Test
    void shouldRestoreTheTargetWhenTheUndoFileCannotBeSaved() {
        TransactionReport report = run(zope -> new ForwardingZopeApi(zope) {
            @Override
            public ExportedFile export(ObjectPath path, Path file, LongConsumer progress) {
                throw new ZopeSyncException("target 'prod': could not export " + path + ": HTTP 503");
            }
        });

        assertThat(report).isInstanceOf(RolledBack.class);
        assertThat(((RolledBack) report).failure().object()).contains(items.get(1));
        assertThat(prod.calls("manage_renameObject")).isEmpty();
        assertUntouched(report);
    }

    @Test
    void shouldRestoreTheTargetWhenItLosesTheLock() {
        TransactionReport report = run(zope -> new ForwardingZopeApi(zope) {
            @Override
            public void importObject(ObjectPath folder, String fileName, boolean owner, boolean suppress) {
                super.importObject(folder, fileName, owner, suppress);
                lockLost.set("lost the lock on /import (another run took it over); stopped before changing"
                        + " anything more");
            }
        });

        assertThat(report).isInstanceOf(RolledBack.class);
        assertThat(((RolledBack) report).failure().cause()).startsWith("lost the lock");
        assertThat(prod.calls("manage_importObject")).hasSize(1);
        assertThat(prod.calls("manage_renameObject")).as("no backup made after the lock was lost").isEmpty();
        assertUntouched(report);
    }

    @Test
    void shouldRestoreTheTargetWhenTheCommitCannotBeWritten() {
        journalWriteFails = n -> n == 5;

        TransactionReport report = run(UnaryOperator.identity());

        assertThat(report).isInstanceOf(RolledBack.class);
        assertThat(((RolledBack) report).failure().object()).isEmpty();
        assertThat(((RolledBack) report).failure().cause()).contains("disk full");
        assertThat(outcomes(report)).containsOnly(Outcome.RESTORED);
        assertUntouched(report);
    }

    @Test
    void shouldChangeNothingWhenTheFirstJournalCannotBeWritten() {
        journalWriteFails = n -> true;

        TransactionReport report = run(UnaryOperator.identity());

        assertThat(report).isInstanceOf(RolledBack.class);
        assertThat(((RolledBack) report).failure().object()).contains(items.get(0));
        assertThat(prod.calls("manage_importObject")).isEmpty();
        assertUntouched(report);
    }

    // ---- cancellation ------------------------------------------------------------------------------------------

    @Test
    void shouldChangeNothingWhenCancelledBeforeItBegins() {
        Thread.currentThread().interrupt();

        TransactionReport report = run(UnaryOperator.identity());

        assertThat(Thread.interrupted()).as("the interrupt flag is kept").isTrue();
        assertThat(report).isInstanceOf(RolledBack.class);
        assertThat(((RolledBack) report).changed()).isFalse();
        assertThat(((RolledBack) report).failure().cause()).isEqualTo("cancelled");
        assertThat(outcomes(report)).containsOnly(Outcome.NOT_CHANGED);
        assertThat(journals).isEmpty();
        assertUntouched(report);
    }

    /** Interrupts the caller at the start of one kind of step, on the object that replaces an existing one. */
    @ParameterizedTest(name = "cancelled at {0}")
    @ValueSource(strings = {"journal", "save", "rename", "import", "check"})
    void shouldRestoreTheTargetWhenCancelledAtAnyStep(String step) {
        Thread caller = Thread.currentThread();
        AtomicInteger writes = new AtomicInteger();
        journalWriteFails = n -> {
            if (step.equals("journal") && writes.incrementAndGet() == 2) {
                caller.interrupt();
            }
            return false;
        };
        TransactionReport report = run(zope -> new ForwardingZopeApi(zope) {
            @Override
            public ExportedFile export(ObjectPath path, Path file, LongConsumer progress) {
                interruptAt("save", path.toString());
                return super.export(path, file, progress);
            }

            @Override
            public void rename(ObjectPath folder, String oldId, String newId) {
                interruptAt("rename", folder.child(oldId).toString());
                super.rename(folder, oldId, newId);
            }

            @Override
            public void importObject(ObjectPath folder, String fileName, boolean owner, boolean suppress) {
                interruptAt("import", folder.child("obj2").toString());
                super.importObject(folder, fileName, owner, suppress);
            }

            @Override
            public boolean exists(ObjectPath path) {
                interruptAt("check", path.toString());
                return super.exists(path);
            }

            private void interruptAt(String kind, String what) {
                if (kind.equals(step) && what.equals("/ourfolder/obj2")) {
                    caller.interrupt();
                }
            }
        });

        assertThat(Thread.interrupted()).as("the interrupt flag is kept").isTrue();
        assertThat(report).isInstanceOf(RolledBack.class);
        assertThat(((RolledBack) report).failure().cause()).containsIgnoringCase("cancelled");
        assertThat(outcomes(report)).doesNotContain(Outcome.IMPORTED, Outcome.REPLACED, Outcome.NOT_RESTORED);
        assertUntouched(report);
    }

    // ---- restores that fail ------------------------------------------------------------------------------------

    @Test
    void shouldSayWhichObjectsAreNotRestoredAndKeepTheJournal() throws IOException {
        prod.failOn("manage_importObject", 3, 500);

        TransactionReport report = run(zope -> new ForwardingZopeApi(zope) {
            @Override
            public void delete(ObjectPath folder, String id) {
                if (id.equals("obj1")) {
                    throw new ZopeSyncException("target 'prod': could not delete 'obj1' in /yourfolder: refused");
                }
                super.delete(folder, id);
            }
        });

        assertThat(report).isInstanceOf(NotRestored.class);
        NotRestored notRestored = (NotRestored) report;
        assertThat(notRestored.journalKept()).isTrue();
        assertThat(notRestored.left()).singleElement().satisfies(left -> {
            assertThat(left.destination()).hasToString("/yourfolder/obj1");
            assertThat(left.backup()).isEmpty();
            assertThat(left.where()).isEqualTo("/yourfolder/obj1");
            assertThat(left.error()).isEqualTo("target 'prod': could not delete 'obj1' in /yourfolder: refused");
        });
        assertThat(outcomes(report)).containsExactly(Outcome.NOT_RESTORED, Outcome.RESTORED, Outcome.FAILED);
        ObjectResult obj1 = report.objects().get(0);
        assertThat(obj1.message()).contains("putting it back failed: ").contains("refused")
                .contains("left on the target: this run's import at /yourfolder/obj1");
        assertThat(obj1.backup()).isNull();
        assertThat(prod.exists("/yourfolder/obj1")).isTrue();
        assertThat(prod.snapshot("/ourfolder")).isEqualTo(before.getChild("ourfolder").orElseThrow());
        assertThat(journalOnTarget()).contains("imported\t/yourfolder\tobj1\t-\n").doesNotContain("commit");
    }

    @Test
    void shouldNameTheBackupOfAnObjectThatCannotBePutBack() {
        prod.failOn("manage_importObject", 3, 500);

        TransactionReport report = run(zope -> new ForwardingZopeApi(zope) {
            @Override
            public void rename(ObjectPath folder, String oldId, String newId) {
                if (newId.equals("obj2")) {
                    throw new ZopeSyncException("target 'prod': could not rename '" + oldId + "': HTTP 503");
                }
                super.rename(folder, oldId, newId);
            }
        });

        assertThat(report).isInstanceOf(NotRestored.class);
        assertThat(outcomes(report)).containsExactly(Outcome.RESTORED, Outcome.NOT_RESTORED, Outcome.FAILED);
        ObjectResult obj2 = report.objects().get(1);
        assertThat(obj2.backup()).isEqualTo(backupId());
        assertThat(obj2.message()).contains("HTTP 503").contains("the backup /ourfolder/" + backupId())
                .doesNotContain("this run's import");
        assertThat(((NotRestored) report).left()).singleElement().satisfies(left -> assertThat(left.where())
                .isEqualTo("/ourfolder/obj2 (its backup is /ourfolder/" + backupId() + ")"));
        assertThat(prod.ids("/ourfolder")).containsExactly(backupId());
        assertThat(prod.snapshot("/yourfolder")).isEqualTo(before.getChild("yourfolder").orElseThrow());
    }

    @Test
    void shouldReportTheFailedObjectAsNotRestoredWhenItsOwnBackupCannotBePutBack() {
        prod.failOn("manage_importObject", 2, 500);

        TransactionReport report = run(zope -> new ForwardingZopeApi(zope) {
            @Override
            public void rename(ObjectPath folder, String oldId, String newId) {
                if (newId.equals("obj2")) {
                    throw new ZopeSyncException("target 'prod': could not rename '" + oldId + "': HTTP 503");
                }
                super.rename(folder, oldId, newId);
            }
        });

        assertThat(report).isInstanceOf(NotRestored.class);
        assertThat(outcomes(report)).containsExactly(Outcome.RESTORED, Outcome.NOT_RESTORED, Outcome.NOT_CHANGED);
        ObjectResult obj2 = report.objects().get(1);
        assertThat(obj2.message()).startsWith(((NotRestored) report).failure().cause() + "; then putting it back"
                + " failed: ");
        assertThat(obj2.backup()).isEqualTo(backupId());
    }
}
