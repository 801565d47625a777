package io.zopesync.core.sync;

import static io.zopesync.core.sync.FaultWorld.assertOneMessageNaming;
import static io.zopesync.core.sync.FaultWorld.fast;
import static org.assertj.core.api.Assertions.assertThat;

import io.zopesync.core.ZopeSync;
import io.zopesync.core.kernel.ObjectPath;
import io.zopesync.core.model.SyncOptions;
import io.zopesync.core.result.ObjectResult;
import io.zopesync.core.result.Outcome;
import io.zopesync.core.result.SyncResult;
import io.zopesync.core.result.TargetResult.Status;
import io.zopesync.core.ssh.HostKeyPolicy;
import io.zopesync.core.ssh.RemoteFiles;
import io.zopesync.core.zope.ExportedFile;
import io.zopesync.core.zope.ZopeApi;
import io.zopesync.testkit.zope.ZopeNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongConsumer;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The fault matrix: for each fault, every target ends either fully synced or exactly as it was (the whole tree
 * compared), nothing of the run is left in the import directory, the run is not a success, and one message names
 * the target (or source), the object and the cause. Transient transport faults are retried and the run succeeds.
 * Every scenario runs with sentinel secrets, and none of them may show up anywhere (see {@link FaultWorld}).
 */
class FaultMatrixTest {
    @TempDir
    Path tmp;

    private FaultWorld world;
    private ZopeNode before;
    private Optional<String> recordBefore;

    @BeforeEach
    void start() {
        world = new FaultWorld(tmp);
        before = world.prod.snapshot();
        recordBefore = world.pushRecord();
    }

    @AfterEach
    void stop() {
        world.close();
    }

    private SyncResult sync(SyncOptions options) {
        return world.sync(new ZopeSync(), world.request("bundle", options).target(world.prod()).build());
    }

    private void assertUntouched(SyncResult result) {
        assertThat(world.prod.snapshot()).as(result.toJson()).isEqualTo(before);
        assertThat(world.importDirectory()).as("left in the import directory").isEmpty();
        assertThat(world.pushRecord()).as("the push record").isEqualTo(recordBefore);
        world.assertNoSecretIn(result);
    }

    private void assertSynced(SyncResult result) {
        assertThat(result.isSuccess()).as(result.toJson()).isTrue();
        assertThat(world.prod.snapshot("/yourfolder/obj1")).isEqualTo(world.dev.snapshot("/myfolder/obj1"));
        assertThat(world.prod.snapshot("/ourfolder/obj2")).isEqualTo(world.dev.snapshot("/ourfolder/obj2"));
        assertThat(world.prod.ids("/ourfolder")).containsExactly("obj2");
        assertThat(world.importDirectory()).as("left in the import directory").isEmpty();
        assertThat(world.pushRecord()).as("the push record").hasValueSatisfying(record -> assertThat(record)
                .contains("\"/yourfolder/obj1\"", "\"/ourfolder/obj2\"", result.runId()));
        world.assertNoSecretIn(result);
    }

    private static SyncOptions.Builder options() {
        return fast().toBuilder();
    }

    /** Runs a sync on another thread, interrupting that thread when the listener sees a matching line. */
    private SyncResult syncCancelled(ZopeSync engine, java.util.function.Predicate<String> when)
            throws InterruptedException {
        AtomicReference<SyncResult> result = new AtomicReference<>();
        AtomicBoolean interruptedAfter = new AtomicBoolean();
        Thread thread = new Thread(() -> {
            result.set(world.sync(engine, world.request("bundle", fast()).target(world.prod()).build()));
            interruptedAfter.set(Thread.currentThread().isInterrupted());
        }, "cancelled sync");
        world.listener.once(when, thread::interrupt);
        thread.start();
        thread.join(TimeUnit.SECONDS.toMillis(60));
        assertThat(thread.isAlive()).as("the cancelled sync is still running").isFalse();
        assertThat(interruptedAfter).as("the interrupt flag is kept for the caller").isTrue();
        return result.get();
    }

    // ---- the happy path and secrets ----------------------------------------------------------------------------

    @Test
    void shouldSyncWithoutShowingASecretAnywhere() {
        SyncResult result = sync(options().keepBackups(true).build());

        assertThat(result.isSuccess()).as(result.toJson()).isTrue();
        assertThat(world.prod.snapshot("/yourfolder/obj1")).isEqualTo(world.dev.snapshot("/myfolder/obj1"));
        assertThat(world.importDirectory()).isEmpty();
        assertThat(world.root.resolve("bundles/bundle/replaced/prod")).isDirectory();
        world.assertNoSecretIn(result);
        List<String> shown = List.of(world.prod().toString(), world.prod().getZope().toString(),
                world.prod().getSsh().orElseThrow().toString(), world.prod().getSsh().orElseThrow().getKey().toString(),
                world.request("shown", fast()).target(world.prod()).build().toString(), fast().toString());
        for (String secret : world.secrets()) {
            assertThat(shown).noneMatch(text -> text.contains(secret));
        }
    }

    @Test
    void shouldRefuseAWrongPassphraseWithoutShowingIt() {
        SyncResult result = world.sync(new ZopeSync(), world.request("bundle", fast()).target(
                world.prod(ssh -> ssh.key(io.zopesync.core.ssh.SshKey.of(io.zopesync.core.kernel.SecretValue.of(
                        world.privateKey), io.zopesync.core.kernel.SecretValue.of(world.wrongPassword))))).build());

        assertOneMessageNaming(result, "target 'prod'", "/myfolder/obj1", "the passphrase is wrong");
        assertUntouched(result);
    }

    // ---- the source ------------------------------------------------------------------------------------------

    @Test
    void shouldTouchNoTargetWhenTheSourceZopeIsDown() {
        String url = "http://127.0.0.1:" + FaultWorld.closedPort();
        SyncResult result = world.sync(new ZopeSync(), world.request("bundle", fast(),
                world.environment("dev", url, world.password, UnaryOperator.identity())).target(world.prod()).build());

        assertOneMessageNaming(result, "source 'dev'", "/myfolder/obj1", "refused");
        assertUntouched(result);
        assertThat(world.prod.calls("manage_importObject")).isEmpty();
    }

    @Test
    void shouldTouchNoTargetWhenTheSourceRefusesTheLogin() {
        SyncResult result = world.sync(new ZopeSync(), world.request("bundle", fast(),
                world.environment("dev", world.dev.getUrl(), world.wrongPassword, UnaryOperator.identity()))
                .target(world.prod()).build());

        assertOneMessageNaming(result, "source 'dev'", "/myfolder/obj1", "HTTP 401");
        assertUntouched(result);
        assertThat(world.dev.calls("manage_exportObject")).isEmpty();
    }

    @Test
    void shouldTouchNoTargetWhenAnObjectIsMissingOnTheSource() {
        SyncResult result = world.sync(new ZopeSync(), world.request("bundle", fast()).object(
                io.zopesync.core.model.ObjectSpec.of("/myfolder/missing")).target(world.prod()).build());

        assertOneMessageNaming(result, "source 'dev'", "/myfolder/missing", "does not exist");
        assertUntouched(result);
        assertThat(world.dev.calls("manage_exportObject")).isEmpty();
    }

    @Test
    void shouldRetryAnExportCutOffMidwayAndSucceed() {
        world.dev.stallBody("manage_exportObject");

        SyncResult result = sync(fast());

        assertSynced(result);
        assertThat(world.listener.contains("trying again")).isTrue();
    }

    @Test
    void shouldTouchNoTargetWhenTheExportStaysCutOff() {
        world.dev.stallBody("manage_exportObject");

        SyncResult result = sync(options().retries(1).parallelism(1).build());

        assertOneMessageNaming(result, "'dev'", "/myfolder/obj1", "export");
        assertUntouched(result);
        assertThat(world.prod.calls()).extracting(call -> call.getName()).containsOnly("PROPFIND");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"corrupt-bad-magic.zexp", "corrupt-truncated-200bytes.zexp",
            "corrupt-garbage-after-magic.zexp", "corrupt-byte-flipped.zexp"})
    void shouldTouchNoTargetWhenTheExportIsCorrupt(String sample) {
        byte[] corrupt = FaultWorld.sample(sample);
        ZopeSync engine = world.engine(zope -> new ForwardingZopeApi(zope) {
            @Override
            public ExportedFile export(ObjectPath path, Path file, LongConsumer progress) {
                ExportedFile real = super.export(path, file, progress);
                try {
                    Files.write(file, corrupt);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                return new ExportedFile(real.file(), corrupt.length, real.sha256());
            }
        }, UnaryOperator.identity(), UnaryOperator.identity());

        SyncResult result = world.sync(engine, world.request("bundle", fast()).target(world.prod()).build());

        assertOneMessageNaming(result, "'dev'", "/myfolder/obj1", sample.equals("corrupt-byte-flipped.zexp")
                ? "holds an object with id sub" : "is not a valid .zexp file");
        assertUntouched(result);
        assertThat(world.prod.calls()).extracting(call -> call.getName()).containsOnly("PROPFIND");
    }

    // ---- the target's Zope -------------------------------------------------------------------------------------

    @Test
    void shouldChangeNothingWhenTheTargetZopeIsDown() {
        String url = "http://127.0.0.1:" + FaultWorld.closedPort();
        SyncResult result = world.sync(new ZopeSync(), world.request("bundle", fast())
                .target(world.environment("prod", url, world.password, UnaryOperator.identity())).build());

        assertOneMessageNaming(result, "target 'prod'", "/myfolder/obj1", "refused");
        assertUntouched(result);
    }

    @Test
    void shouldChangeNothingWhenTheExistenceCheckFailsWhileTheFilesAreUploaded() {
        // The preflight makes 3 PROPFINDs on the target (login, two folders); the 4th is the job's first check of
        // an object, made while the files are uploaded.
        world.prod.failOn("PROPFIND", 4, 500);

        SyncResult result = sync(options().build());

        assertOneMessageNaming(result, "target 'prod'", "HTTP 500", "not pushed: /myfolder/obj1, /ourfolder/obj2");
        assertUntouched(result);
        assertThat(world.prod.calls()).extracting(call -> call.getName()).containsOnly("PROPFIND");
    }

    @Test
    void shouldRestoreTheTargetWhenItRefusesTheLoginInTheMiddleOfARun() {
        world.prod.failOn("manage_importObject", 2, 401);

        SyncResult result = sync(fast());

        assertOneMessageNaming(result, "target 'prod'", "/ourfolder/obj2", "HTTP 401");
        assertThat(result.target("prod").objects()).extracting(ObjectResult::outcome)
                .containsExactly(Outcome.RESTORED, Outcome.FAILED);
        assertUntouched(result);
    }

    @ParameterizedTest(name = "import {0} fails")
    @ValueSource(ints = {1, 2})
    void shouldRestoreTheTargetWhenTheKthImportFails(int k) {
        world.prod.failOn("manage_importObject", k, 500);

        SyncResult result = sync(fast());

        assertOneMessageNaming(result, "target 'prod'", FaultWorld.OBJECTS.get(k - 1).getPath().toString(),
                "HTTP 500");
        assertThat(result.target("prod").status()).isEqualTo(Status.FAILED);
        assertThat(result.target("prod").message()).endsWith("the target was restored to its state before the run");
        assertUntouched(result);
        assertThat(world.prod.calls("manage_importObject")).hasSize(k);
    }

    @Test
    void shouldRestoreTheTargetWhenAnObjectVanishesAfterTheCheck() {
        ZopeSync engine = world.engine(zope -> new ForwardingZopeApi(zope) {
            @Override
            public void rename(ObjectPath folder, String oldId, String newId) {
                if (oldId.equals("obj2") && newId.startsWith("obj2.zope-sync-backup-")) {
                    super.delete(folder, oldId);
                }
                super.rename(folder, oldId, newId);
            }
        }, UnaryOperator.identity());

        SyncResult result = world.sync(engine, world.request("bundle", fast()).target(world.prod()).build());

        assertOneMessageNaming(result, "target 'prod'", "/ourfolder/obj2");
        assertThat(result.target("prod").status()).isEqualTo(Status.FAILED);
        assertThat(result.target("prod").message()).endsWith("the target was restored to its state before the run");
        assertThat(world.prod.snapshot("/yourfolder")).isEqualTo(before.getChild("yourfolder").orElseThrow());
        assertThat(world.prod.snapshot("/ourfolder").getChildren()).extracting(ZopeNode::getId)
                .doesNotContain("obj2").noneMatch(id -> id.contains("zope-sync"));
        assertThat(world.prod.calls("manage_importObject")).hasSize(1);
        assertThat(world.importDirectory()).isEmpty();
        world.assertNoSecretIn(result);
    }

    @Test
    void shouldNeverDeleteAnObjectSomebodyAddedInTheMeantime() {
        ZopeSync engine = world.engine(zope -> new ForwardingZopeApi(zope) {
            @Override
            public void importObject(ObjectPath folder, String fileName, boolean owner, boolean suppress) {
                if (folder.toString().equals("/yourfolder")) {
                    world.prod.addDocument("/yourfolder/obj1", "<p>somebody else's</p>");
                }
                super.importObject(folder, fileName, owner, suppress);
            }
        }, UnaryOperator.identity());

        SyncResult result = world.sync(engine, world.request("bundle", fast()).target(world.prod()).build());

        assertOneMessageNaming(result, "target 'prod'", "/myfolder/obj1", "already in use");
        assertThat(world.prod.snapshot("/yourfolder/obj1").getText()).isEqualTo("<p>somebody else's</p>");
        assertThat(world.prod.calls("manage_delObjects")).isEmpty();
        assertThat(world.prod.snapshot("/ourfolder")).isEqualTo(before.getChild("ourfolder").orElseThrow());
        assertThat(world.importDirectory()).isEmpty();
        world.assertNoSecretIn(result);
    }

    @Test
    void shouldRestoreTheTargetWhenTheRenameToTheBackupIdIsRefused() {
        world.prod.failNext("manage_renameObject", 1, 500);

        SyncResult result = sync(fast());

        assertOneMessageNaming(result, "target 'prod'", "/ourfolder/obj2", "HTTP 500");
        assertThat(result.target("prod").message()).contains("rename 'obj2' to 'obj2.zope-sync-backup-");
        assertUntouched(result);
    }

    @Test
    void shouldRestoreTheTargetWhenZopeStopsAnsweringAnImport() {
        world.prod.stallBody("manage_importObject");

        SyncResult result = sync(fast());

        assertOneMessageNaming(result, "target 'prod'", "/myfolder/obj1", "could not import");
        assertThat(world.prod.calls("manage_importObject")).hasSize(1);
        world.prod.clearFaults();
        assertUntouched(result);
    }

    // ---- SSH -------------------------------------------------------------------------------------------------

    @Test
    void shouldChangeNothingWhenTheSshConnectionIsRefused() {
        int port = FaultWorld.closedPort();
        SyncResult result = world.sync(new ZopeSync(), world.request("bundle", fast())
                .target(world.prod(ssh -> ssh.port(port))).build());

        assertOneMessageNaming(result, "target 'prod'", "/myfolder/obj1", "connection refused");
        assertUntouched(result);
    }

    @Test
    void shouldChangeNothingWhenTheSshLoginIsRefused() {
        SyncResult result = world.sync(new ZopeSync(), world.request("bundle", fast())
                .target(world.prod(ssh -> ssh.username("nobody"))).build());

        assertOneMessageNaming(result, "target 'prod'", "/myfolder/obj1", "SSH login as 'nobody'");
        assertUntouched(result);
    }

    @Test
    void shouldShowTheOfferedFingerprintAndHowToPinItOnAHostKeyMismatch() {
        String other = "SHA256:" + java.util.Base64.getEncoder().withoutPadding().encodeToString(new byte[32]);
        SyncResult result = world.sync(new ZopeSync(), world.request("bundle", fast())
                .target(world.prod(ssh -> ssh.hostKey(HostKeyPolicy.pinned(other)))).build());

        assertOneMessageNaming(result, "target 'prod'", "/myfolder/obj1", world.ssh.getHostKeyFingerprint(),
                "pin it with hostKey: \"" + world.ssh.getHostKeyFingerprint() + "\"");
        assertUntouched(result);
    }

    @Test
    void shouldRetryAnUploadCutOffOnAFreshSessionAndSucceed() {
        world.ssh.getFaults().dropConnectionAfterBytes(1000);
        world.listener.once(line -> line.contains("trying again on a new SSH session"),
                () -> world.ssh.getFaults().reset());

        SyncResult result = sync(fast());

        assertSynced(result);
        assertThat(world.ssh.getSessionsOpened()).isEqualTo(2);
        assertThat(world.ssh.awaitSessionsClosed(Duration.ofSeconds(5))).isZero();
    }

    @Test
    void shouldChangeNothingWhenEveryUploadIsCutOff() {
        world.ssh.getFaults().dropConnectionAfterBytes(1000);

        SyncResult result = sync(fast());

        assertOneMessageNaming(result, "target 'prod'", "/myfolder/obj1", "upload failed");
        assertUntouched(result);
        assertThat(world.prod.calls("manage_importObject")).isEmpty();
        assertThat(world.ssh.awaitSessionsClosed(Duration.ofSeconds(5))).isZero();
    }

    @Test
    void shouldChangeNothingWhenTheRemoteDiskIsFull() {
        world.listener.once(line -> line.contains("locked"), () -> world.ssh.getFaults().diskFull(true));

        SyncResult result = sync(fast());

        assertOneMessageNaming(result, "target 'prod'", "/myfolder/obj1", "full disk");
        assertThat(world.listener.contains("trying again")).as("a full disk is not retried").isFalse();
        assertUntouched(result);
    }

    @Test
    void shouldChangeNothingWhenTheImportDirectoryIsMissing() {
        String missing = world.root.resolve("prod/no-such-import").toString();
        SyncResult result = world.sync(new ZopeSync(), world.request("bundle", fast())
                .target(world.prod(ssh -> ssh.importDir(missing))).build());

        assertOneMessageNaming(result, "target 'prod'", "/myfolder/obj1", missing, "does not exist");
        assertUntouched(result);
    }

    @Test
    void shouldChangeNothingWhenTheImportDirectoryIsNotWritable() {
        world.ssh.getFaults().denyWrites(true);

        SyncResult result = sync(fast());

        assertOneMessageNaming(result, "target 'prod'", "/myfolder/obj1", "permission denied");
        assertUntouched(result);
    }

    @Test
    void shouldRetryAStalledUploadOnAFreshSessionAndSucceed() {
        world.listener.once(line -> line.startsWith("PROGRESS") && line.contains("UPLOAD"),
                () -> world.ssh.getFaults().stall(true));
        world.listener.once(line -> line.contains("trying again on a new SSH session"),
                () -> world.ssh.getFaults().stall(false));

        SyncResult result = sync(fast());

        assertSynced(result);
        assertThat(world.listener.contains("no progress for 2 s")).isTrue();
    }

    // ---- locks, cancellation and crashes ------------------------------------------------------------------------

    @Test
    void shouldFailNamingTheHolderWhenALiveRunHoldsTheLock() throws Exception {
        Path lock = world.prodImport.resolve("zope-sync.lock");
        AtomicBoolean beating = new AtomicBoolean(true);
        CompletableFuture<Void> holder = CompletableFuture.runAsync(() -> {
            for (int beat = 0; beating.get() && beat < 600; beat++) {
                writeAtomically(lock, "holder: bob@build7\nrun: 20261125-090000-beef\nsince: x\nbeat: " + beat
                        + "\n");
                sleep(100);
            }
        });
        try {
            sleep(150);
            SyncResult result = sync(options().staleLockAfter(Duration.ofSeconds(6)).build());

            assertOneMessageNaming(result, "target 'prod'", "/myfolder/obj1",
                    "locked by another run (holder: bob@build7, run: 20261125-090000-beef)");
            assertThat(world.prod.snapshot()).isEqualTo(before);
            assertThat(Files.readString(lock)).startsWith("holder: bob@build7");
        } finally {
            beating.set(false);
            holder.get(10, TimeUnit.SECONDS);
        }
        Files.delete(lock);
        assertThat(world.importDirectory()).isEmpty();
    }

    @Test
    void shouldCleanUpAndChangeNothingWhenCancelledDuringTheUpload() throws InterruptedException {
        // The last upload: whether the interrupt lands in it or right after it, the message names its object.
        SyncResult result = syncCancelled(new ZopeSync(),
                line -> line.startsWith("PROGRESS") && line.contains("UPLOAD") && line.contains("/ourfolder/obj2"));

        assertOneMessageNaming(result, "target 'prod'", "/ourfolder/obj2", "cancelled");
        assertUntouched(result);
    }

    @Test
    void shouldRestoreTheTargetWhenCancelledDuringAnImport() throws InterruptedException {
        AtomicReference<Thread> caller = new AtomicReference<>();
        ZopeSync engine = world.engine(zope -> new ForwardingZopeApi(zope) {
            @Override
            public void importObject(ObjectPath folder, String fileName, boolean owner, boolean suppress) {
                if (folder.toString().equals("/ourfolder")) {
                    caller.get().interrupt();
                }
                super.importObject(folder, fileName, owner, suppress);
            }
        }, UnaryOperator.identity());
        world.listener.once(line -> line.startsWith("PHASE PLAN"), () -> caller.set(Thread.currentThread()));

        SyncResult result = syncCancelled(engine, line -> false);

        assertThat(result.target("prod").status()).isEqualTo(Status.FAILED);
        assertOneMessageNaming(result, "target 'prod'", "/ourfolder/obj2", "cancelled");
        assertUntouched(result);
    }

    @Test
    void shouldRecoverAStalledRunsLockWithTheNextRun() {
        world.listener.once(line -> line.startsWith("PROGRESS") && line.contains("UPLOAD"),
                () -> world.ssh.getFaults().stall(true));
        SyncOptions stalled = options().retries(1)
                .timeouts(io.zopesync.core.kernel.Timeouts.of(Duration.ofSeconds(2), Duration.ofSeconds(1),
                        Duration.ofMillis(200))).build();

        SyncResult first = sync(stalled);

        assertOneMessageNaming(first, "target 'prod'", "/myfolder/obj1", "no progress for 1 s");
        assertThat(world.prod.snapshot()).isEqualTo(before);
        world.ssh.getFaults().reset();
        assertThat(world.importDirectory()).contains("zope-sync.lock");

        SyncResult second = world.sync(new ZopeSync(), world.request("second", FaultWorld.recovering())
                .target(world.prod()).build());

        assertSynced(second);
        assertThat(world.listener.contains("has not changed for 3 s: its run is dead; taking it over")).isTrue();
    }

    /** A simulated crash: the process dies at this point, no clean-up of any kind runs any more. */
    private static final class Crash extends Error {
        private static final long serialVersionUID = 1L;

        Crash() {
            super("simulated crash");
        }
    }

    /** The engine whose target work dies when {@code crashNow} says so; afterwards every call dies too. */
    private ZopeSync crashingEngine(java.util.function.BiPredicate<String, String> crashNow) {
        return crashingEngine(crashNow, name -> false);
    }

    /**
     * The engine whose target work dies when {@code crashNow} says so of a Zope call or {@code crashOnWrite} of the
     * name of a file about to be written (a lock or journal); afterwards every call dies too.
     */
    private ZopeSync crashingEngine(java.util.function.BiPredicate<String, String> crashNow,
            java.util.function.Predicate<String> crashOnWrite) {
        AtomicBoolean crashed = new AtomicBoolean();
        UnaryOperator<ZopeApi> zope = api -> new ForwardingZopeApi(api) {
            private void check(String call, String what) {
                if (crashed.get() || crashNow.test(call, what)) {
                    crashed.set(true);
                    throw new Crash();
                }
            }

            @Override
            public boolean exists(ObjectPath path) {
                check("exists", path.toString());
                return super.exists(path);
            }

            @Override
            public void importObject(ObjectPath folder, String fileName, boolean owner, boolean suppress) {
                check("import", folder.toString());
                super.importObject(folder, fileName, owner, suppress);
            }

            @Override
            public void delete(ObjectPath folder, String id) {
                check("delete", folder.child(id).toString());
                super.delete(folder, id);
            }

            @Override
            public void rename(ObjectPath folder, String oldId, String newId) {
                check("rename", folder.child(oldId).toString());
                super.rename(folder, oldId, newId);
            }
        };
        UnaryOperator<RemoteFiles> ssh = files -> new ForwardingRemoteFiles(files) {
            @Override
            protected void before(String operation) {
                if (crashed.get()) {
                    throw new Crash();
                }
            }

            @Override
            public void write(String dir, String name, byte[] content) {
                if (crashOnWrite.test(name)) {
                    crashed.set(true);
                }
                super.write(dir, name, content);
            }
        };
        return world.engine(zope, ssh);
    }

    @Test
    void shouldRollBackARunThatCrashedBetweenBackupAndImportWithTheNextRun() {
        ZopeNode ours = world.prod.snapshot("/ourfolder");
        ZopeSync crashing = crashingEngine((call, what) -> call.equals("import") && what.equals("/ourfolder"));

        SyncResult crashed = world.sync(crashing, world.request("crashed", fast()).target(world.prod()).build());

        String run = crashed.runId();
        assertThat(world.prod.ids("/ourfolder")).containsExactly("obj2.zope-sync-backup-" + run);
        assertThat(world.prod.exists("/yourfolder/obj1")).isTrue();
        assertThat(world.importDirectory()).contains("zope-sync.lock", "zope-sync-" + run + ".journal");

        SyncResult next = world.sync(new ZopeSync(), io.zopesync.core.model.SyncRequest.builder(world.dev(),
                tmp.resolve("bundles/next")).object(io.zopesync.core.model.ObjectSpec.of("/site/index.html"))
                .target(world.prod()).options(FaultWorld.recovering())
                .holder("bob@build2").build());

        assertThat(next.isSuccess()).as(next.toJson()).isTrue();
        assertThat(next.target("prod").message()).contains("recovered dead run " + run + " (rolled back): ")
                .contains("put /ourfolder/obj2 back from its backup obj2.zope-sync-backup-" + run)
                .contains("deleted /yourfolder/obj1 (imported by the dead run)");
        assertThat(world.prod.snapshot("/ourfolder")).isEqualTo(ours);
        assertThat(world.prod.snapshot("/yourfolder")).isEqualTo(before.getChild("yourfolder").orElseThrow());
        assertThat(world.importDirectory()).isEmpty();
        world.assertNoSecretIn(next);
    }

    @Test
    void shouldSetAsideAnImportAnsweredJustBeforeTheRunDiedWithTheNextRun() {
        // The journal is written once per object, before its change: the run dies writing the one that would have
        // said that the last import was answered, so the journal still says that obj2 was being backed up.
        ZopeNode ours = world.prod.snapshot("/ourfolder");
        AtomicInteger journalWrites = new AtomicInteger();
        ZopeSync crashing = crashingEngine((call, what) -> false,
                name -> name.endsWith(".journal") && journalWrites.incrementAndGet() == 3);

        SyncResult crashed = world.sync(crashing, world.request("crashed", fast()).target(world.prod()).build());

        String run = crashed.runId();
        assertThat(world.prod.ids("/ourfolder")).containsExactlyInAnyOrder("obj2", "obj2.zope-sync-backup-" + run);
        assertThat(world.importedText("zope-sync-" + run + ".journal")).contains("imported\t/yourfolder\tobj1\t-\n")
                .contains("backing-up\t/ourfolder\tobj2\tobj2.zope-sync-backup-" + run + "\n");

        SyncResult next = world.sync(new ZopeSync(), io.zopesync.core.model.SyncRequest.builder(world.dev(),
                tmp.resolve("bundles/next")).object(io.zopesync.core.model.ObjectSpec.of("/site/index.html"))
                .target(world.prod()).options(FaultWorld.recovering())
                .holder("bob@build2").build());

        assertThat(next.isSuccess()).as(next.toJson()).isTrue();
        String aside = "obj2.zope-sync-crashed-" + run;
        assertThat(next.target("prod").message()).contains("recovered dead run " + run + " (rolled back): ")
                .contains("renamed /ourfolder/obj2 to " + aside)
                .contains("put /ourfolder/obj2 back from its backup obj2.zope-sync-backup-" + run)
                .contains("deleted /yourfolder/obj1 (imported by the dead run)");
        assertThat(world.prod.ids("/ourfolder")).containsExactlyInAnyOrder("obj2", aside);
        assertThat(world.prod.snapshot("/ourfolder").getChild("obj2")).isEqualTo(ours.getChild("obj2"));
        assertThat(world.prod.snapshot("/yourfolder")).isEqualTo(before.getChild("yourfolder").orElseThrow());
        assertThat(world.importDirectory()).isEmpty();
    }

    @Test
    void shouldFinishARunThatCrashedAfterItsCommitWithTheNextRun() {
        ZopeSync crashing = crashingEngine((call, what) -> call.equals("delete")
                && what.startsWith("/ourfolder/obj2.zope-sync-backup-"));

        SyncResult crashed = world.sync(crashing, world.request("crashed", fast()).target(world.prod()).build());

        String run = crashed.runId();
        assertThat(world.prod.ids("/ourfolder")).containsExactlyInAnyOrder("obj2", "obj2.zope-sync-backup-" + run);

        SyncResult next = world.sync(new ZopeSync(), world.request("next", FaultWorld.recovering())
                .target(world.prod()).build());

        assertSynced(next);
        assertThat(next.target("prod").message()).contains("recovered dead run " + run
                + " (it had finished its changes): deleted the backup /ourfolder/obj2.zope-sync-backup-" + run);
    }

    private static void writeAtomically(Path file, String text) {
        try {
            Path temporary = file.resolveSibling(".lock-writer.tmp");
            Files.writeString(temporary, text, StandardCharsets.UTF_8);
            Files.move(temporary, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE,
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
