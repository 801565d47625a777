package io.zopesync.core.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.zopesync.core.ZopeSync;
import io.zopesync.core.bundle.Bundle;
import io.zopesync.core.bundle.Manifest;
import io.zopesync.core.kernel.Timeouts;
import io.zopesync.core.model.Environment;
import io.zopesync.core.model.ObjectSpec;
import io.zopesync.core.model.OnExisting;
import io.zopesync.core.model.PushRequest;
import io.zopesync.core.model.SyncListener;
import io.zopesync.core.model.SyncOptions;
import io.zopesync.core.model.SyncRequest;
import io.zopesync.core.result.ObjectResult;
import io.zopesync.core.result.Outcome;
import io.zopesync.core.result.SyncResult;
import io.zopesync.core.result.TargetResult;
import io.zopesync.testkit.Sandbox;
import io.zopesync.testkit.zope.ZopeCall;
import io.zopesync.testkit.ssh.EmbeddedSshServer;
import io.zopesync.testkit.zope.ZopeDouble;
import io.zopesync.testkit.zope.ZopeNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SyncEndToEndTest {
    private static final List<ObjectSpec> OBJECTS = List.of(ObjectSpec.of("/myfolder/obj1", "/yourfolder"),
            ObjectSpec.of("/ourfolder/obj2"), ObjectSpec.of("/site/my file"), ObjectSpec.of("/site/logo.v2.png"),
            ObjectSpec.of("/site/index.html"));

    @TempDir
    Path tmp;

    private Sandbox sandbox;
    private SandboxEnvironments environments;
    private ZopeDouble dev;
    private ZopeDouble test;
    private ZopeDouble prod;
    private final List<String> log = new CopyOnWriteArrayList<>();
    private final SyncListener listener = new SyncListener() {
        @Override
        public void log(Level level, String message) {
            log.add(level + " " + message);
        }
    };

    @BeforeEach
    void startSandbox() {
        sandbox = Sandbox.start(tmp.resolve("sandbox"));
        environments = new SandboxEnvironments(sandbox);
        dev = sandbox.getSite("dev").getZope();
        test = sandbox.getSite("test").getZope();
        prod = sandbox.getSite("prod").getZope();
    }

    @AfterEach
    void stopSandbox() {
        sandbox.close();
    }

    private SyncRequest.Builder request(String bundle, SyncOptions options, String... targets) {
        SyncRequest.Builder builder = SyncRequest.builder(environments.get("dev"), tmp.resolve(bundle))
                .objects(OBJECTS).options(options).holder("alice@build1");
        for (String target : targets) {
            builder.target(environments.get(target));
        }
        return builder;
    }

    private static SyncOptions fast() {
        return SyncOptions.builder().retryBackoff(Duration.ofMillis(10))
                .timeouts(Timeouts.defaults().withRead(Duration.ofSeconds(10)).withLockWait(Duration.ofSeconds(1)))
                .build();
    }

    private void assertArrived(ZopeDouble target) {
        assertThat(target.snapshot("/yourfolder/obj1")).isEqualTo(dev.snapshot("/myfolder/obj1"));
        assertThat(target.snapshot("/ourfolder/obj2")).isEqualTo(dev.snapshot("/ourfolder/obj2"));
        assertThat(target.snapshot("/site/my file")).isEqualTo(dev.snapshot("/site/my file"));
        assertThat(target.snapshot("/site/logo.v2.png")).isEqualTo(dev.snapshot("/site/logo.v2.png"));
        assertThat(target.exists("/myfolder/obj1")).isFalse();
    }

    /** Nothing but the record of what was pushed (for a later status) stays in the import directory. */
    private void assertNothingLeftIn(String site) throws IOException {
        try (Stream<Path> files = Files.list(sandbox.getSite(site).getImportDir())) {
            assertThat(files.map(path -> path.getFileName().toString())
                    .filter(name -> !name.equals("zope-sync-pushed.json")))
                    .as("files left in the import directory of " + site).isEmpty();
        }
    }

    private static List<Outcome> outcomes(TargetResult target) {
        return target.objects().stream().map(ObjectResult::outcome).toList();
    }

    @Test
    void shouldSyncEveryObjectToTwoTargetsOverOneSshSession() throws IOException {
        SyncResult result = new ZopeSync().sync(request("bundle", fast(), "test", "prod").build(), listener);

        assertThat(result.isSuccess()).as(result.toJson()).isTrue();
        assertArrived(test);
        assertArrived(prod);
        assertThat(outcomes(result.target("test"))).containsOnly(Outcome.IMPORTED);
        assertThat(outcomes(result.target("prod"))).containsExactly(Outcome.IMPORTED, Outcome.REPLACED,
                Outcome.IMPORTED, Outcome.IMPORTED, Outcome.IMPORTED);
        assertThat(sandbox.getSshServer().getSessionsOpened()).isEqualTo(1);
        assertThat(sandbox.getSshServer().awaitSessionsClosed(Duration.ofSeconds(5))).isZero();
        assertNothingLeftIn("test");
        assertNothingLeftIn("prod");
        assertThat(prod.ids("/ourfolder")).containsExactly("obj2");
    }

    @Test
    void shouldLockCheckAndUploadWhileTheExportRunsButChangeNothingBeforeItEnds() {
        dev.delay(Duration.ofMillis(300));

        SyncResult result = new ZopeSync().sync(request("bundle", fast(), "prod").build(), listener);

        assertThat(result.isSuccess()).as(result.toJson()).isTrue();
        assertArrived(prod);
        int locked = firstLine(line -> line.startsWith("INFO target 'prod': locked"));
        int firstExported = firstLine(line -> line.startsWith("INFO exported "));
        int lastExported = lastLine(line -> line.startsWith("INFO exported "));
        int firstImport = firstLine(line -> line.startsWith("DEBUG Zope 'prod': POST")
                && line.contains("manage_importObject"));
        assertThat(locked).as("the target locked before the first export was done").isLessThan(firstExported);
        assertThat(firstImport).as("the first import after the last export").isGreaterThan(lastExported);
    }

    private int firstLine(java.util.function.Predicate<String> match) {
        for (int i = 0; i < log.size(); i++) {
            if (match.test(log.get(i))) {
                return i;
            }
        }
        throw new AssertionError("no such line in " + log);
    }

    private int lastLine(java.util.function.Predicate<String> match) {
        for (int i = log.size() - 1; i >= 0; i--) {
            if (match.test(log.get(i))) {
                return i;
            }
        }
        throw new AssertionError("no such line in " + log);
    }

    @Test
    void shouldWriteAVerifiableBundleAndSaveWhatWasReplaced() {
        SyncResult result = new ZopeSync().sync(request("bundle", fast(), "prod").build(), listener);

        Manifest manifest = Bundle.verify(tmp.resolve("bundle"));
        assertThat(manifest.source()).isEqualTo("dev");
        assertThat(manifest.objects()).extracting(e -> e.path() + " " + e.id() + " " + e.className())
                .containsExactly("/myfolder/obj1 obj1 OFS.Folder.Folder",
                        "/ourfolder/obj2 obj2 OFS.DTMLDocument.DTMLDocument",
                        "/site/my file my file OFS.Image.File",
                        "/site/logo.v2.png logo.v2.png OFS.Image.Image",
                        "/site/index.html index.html OFS.DTMLDocument.DTMLDocument");
        assertThat(manifest.objects().get(1).sha256()).isEqualTo(dev.exportSha256("/ourfolder/obj2"));
        Path replaced = Bundle.toRestore(tmp.resolve("bundle"), "prod", java.util.Optional.empty()).getDir();
        assertThat(replaced).endsWith(Path.of("replaced", "prod", result.runId()));
        assertThat(Bundle.readManifest(replaced).objects()).extracting(e -> e.path()).containsExactly(
                "/ourfolder/obj2");
    }

    @Test
    void shouldExportIntoABundleWithoutAnyTarget() {
        SyncResult result = new ZopeSync().export(request("bundle", fast()), listener);

        assertThat(result.isSuccess()).as(result.toJson()).isTrue();
        assertThat(result.kind()).isEqualTo("export");
        assertThat(result.targets()).isEmpty();
        assertThat(Bundle.verify(tmp.resolve("bundle")).objects()).hasSize(OBJECTS.size());
        assertThat(test.calls()).isEmpty();
        assertThat(sandbox.getSshServer().getSessionsOpened()).isZero();
    }

    @Test
    void shouldReplaceOnAResyncAndDeleteTheBackups() {
        ZopeSync engine = new ZopeSync();
        engine.sync(request("first", fast(), "test").build(), listener);
        dev.setContent("/ourfolder/obj2", "<p>obj2, newer still</p>".getBytes(StandardCharsets.UTF_8));

        SyncResult second = engine.sync(request("second", fast(), "test").build(), listener);

        assertThat(second.isSuccess()).as(second.toJson()).isTrue();
        assertThat(outcomes(second.target("test"))).containsOnly(Outcome.REPLACED);
        assertThat(test.snapshot("/ourfolder/obj2").getText()).isEqualTo("<p>obj2, newer still</p>");
        assertThat(test.ids("/ourfolder")).containsExactly("obj2");
        assertThat(test.ids("/yourfolder")).containsExactly("obj1");
    }

    @Test
    void shouldDeleteTheBackupsOfAFolderInOneRequest() {
        ZopeSync engine = new ZopeSync();
        engine.sync(request("first", fast(), "test").build(), listener);
        int before = test.calls("manage_delObjects").size();

        SyncResult second = engine.sync(request("second", fast(), "test").build(), listener);

        assertThat(second.isSuccess()).as(second.toJson()).isTrue();
        List<ZopeCall> deletes = test.calls("manage_delObjects").subList(before, test.calls("manage_delObjects").size());
        // one request per folder: /yourfolder, /ourfolder, and /site with its three backups
        assertThat(deletes).extracting(ZopeCall::getPath)
                .containsExactlyInAnyOrder("/yourfolder", "/ourfolder", "/site");
        assertThat(deletes).filteredOn(call -> call.getPath().equals("/site")).singleElement()
                .satisfies(call -> assertThat(call.getParameters().get("ids:list")).hasSize(3)
                        .allSatisfy(id -> assertThat(id).contains(".zope-sync-backup-" + second.runId())));
        assertThat(test.ids("/site")).containsExactlyInAnyOrder("my file", "logo.v2.png", "index.html");
    }

    @Test
    void shouldDeleteTheBackupsOneByOneWhenTheRequestForAllOfThemFails() {
        ZopeSync engine = new ZopeSync();
        engine.sync(request("first", fast(), "test").build(), listener);
        int before = test.calls("manage_delObjects").size();
        test.failOn("manage_delObjects", 3, 500);

        SyncResult second = engine.sync(request("second", fast(), "test").build(), listener);

        assertThat(second.isSuccess()).as(second.toJson()).isTrue();
        assertThat(test.calls("manage_delObjects").subList(before, test.calls("manage_delObjects").size()))
                .extracting(ZopeCall::getPath)
                .containsExactly("/yourfolder", "/ourfolder", "/site", "/site", "/site", "/site");
        assertThat(test.ids("/site")).containsExactlyInAnyOrder("my file", "logo.v2.png", "index.html");
    }

    @Test
    void shouldKeepBackupsWhenAsked() {
        SyncResult result = new ZopeSync().sync(request("bundle", fast().toBuilder().keepBackups(true).build(),
                "prod").build(), listener);

        assertThat(prod.ids("/ourfolder")).containsExactlyInAnyOrder("obj2", "obj2.zope-sync-backup-" + result.runId());
        assertThat(prod.snapshot("/ourfolder/obj2.zope-sync-backup-" + result.runId()).getText())
                .isEqualTo("<p>obj2, old version</p>");
        assertThat(result.target("prod").message()).contains("backups kept: /ourfolder/obj2.zope-sync-backup-");
    }

    @Test
    void shouldSkipOrFailOnExistingObjectsAsAsked() {
        SyncResult skipped = new ZopeSync().sync(request("skip",
                fast().toBuilder().onExisting(OnExisting.SKIP).build(), "prod").build(), listener);

        assertThat(skipped.isSuccess()).isTrue();
        assertThat(outcomes(skipped.target("prod"))).containsExactly(Outcome.IMPORTED, Outcome.SKIPPED,
                Outcome.IMPORTED, Outcome.IMPORTED, Outcome.IMPORTED);
        assertThat(prod.snapshot("/ourfolder/obj2").getText()).isEqualTo("<p>obj2, old version</p>");

        ZopeNode before = test.snapshot();
        SyncResult failed = new ZopeSync().sync(SyncRequest.builder(environments.get("dev"), tmp.resolve("fail"))
                .object(ObjectSpec.of("/ourfolder/obj2")).target(environments.get("prod"))
                .target(environments.get("test")).options(fast().toBuilder().onExisting(OnExisting.FAIL).build())
                .build(), listener);

        assertThat(failed.isSuccess()).isFalse();
        assertThat(failed.problems()).containsExactly(
                "target 'prod': object /ourfolder/obj2 exists already and on-existing is 'fail'");
        assertThat(test.snapshot()).isEqualTo(before);
        assertThat(test.calls("manage_importObject")).isEmpty();
    }

    @Test
    void shouldChangeNothingAnywhereInADryRun() throws IOException {
        ZopeNode devBefore = dev.snapshot();
        ZopeNode prodBefore = prod.snapshot();

        SyncResult result = new ZopeSync().sync(request("dry", fast().toBuilder().dryRun(true).build(), "prod")
                .build(), listener);

        assertThat(result.isSuccess()).as(result.toJson()).isTrue();
        assertThat(result.target("prod").status()).isEqualTo(TargetResult.Status.CHECKED);
        assertThat(result.target("prod").objects()).extracting(ObjectResult::message).containsExactly(
                "would be imported", "exists; would be replaced (kept as a backup until the target succeeds)",
                "would be imported", "would be imported", "would be imported");
        assertThat(dev.snapshot()).isEqualTo(devBefore);
        assertThat(prod.snapshot()).isEqualTo(prodBefore);
        assertThat(dev.calls("manage_exportObject")).isEmpty();
        assertThat(prod.calls()).extracting(call -> call.getName()).containsOnly("PROPFIND");
        assertThat(tmp.resolve("dry")).doesNotExist();
        assertNothingLeftIn("prod");
    }

    @Test
    void shouldPromoteTheVeryBytesOfABundle() throws IOException {
        ZopeSync engine = new ZopeSync();
        SyncResult tested = engine.sync(request("bundle", fast(), "test").build(), listener);
        assertThat(tested.isSuccess()).isTrue();
        dev.setContent("/ourfolder/obj2", "<p>changed on dev after the test</p>".getBytes(StandardCharsets.UTF_8));

        SyncResult promoted = engine.push(PushRequest.of(PushRequest.Mode.PROMOTE, tmp.resolve("bundle"),
                List.of(environments.get("prod")), fast(), "bob@build2"), listener);

        assertThat(promoted.isSuccess()).as(promoted.toJson()).isTrue();
        assertThat(promoted.kind()).isEqualTo("promote");
        assertThat(promoted.source()).isEqualTo("dev");
        assertThat(prod.snapshot("/ourfolder/obj2")).isEqualTo(test.snapshot("/ourfolder/obj2"));
        assertThat(prod.snapshot("/ourfolder/obj2").getText()).isEqualTo("<p>obj2, new version</p>");
        assertThat(dev.calls("manage_exportObject")).hasSize(OBJECTS.size());
        assertNothingLeftIn("prod");
    }

    @Test
    void shouldRefuseATamperedBundleBeforeTouchingAnyTarget() throws IOException {
        new ZopeSync().sync(request("bundle", fast(), "test").build(), listener);
        Path file = tmp.resolve("bundle/objects/002-obj2.zexp");
        byte[] bytes = Files.readAllBytes(file);
        bytes[bytes.length / 2] ^= 1;
        Files.write(file, bytes);
        prod.clearCalls();

        SyncResult result = new ZopeSync().push(PushRequest.of(PushRequest.Mode.PROMOTE, tmp.resolve("bundle"),
                List.of(environments.get("prod")), fast(), null), listener);

        assertThat(result.isSuccess()).isFalse();
        assertThat(result.problems()).singleElement().asString().contains("objects/002-obj2.zexp (object "
                + "/ourfolder/obj2) has SHA-256").contains("the file was changed after the export");
        assertThat(prod.calls()).isEmpty();
        assertThat(sandbox.getSshServer().getSessionsOpened()).isEqualTo(1);
    }

    @Test
    void shouldRestoreTheTargetWhenTheThirdOfFiveImportsFails() throws IOException {
        ZopeNode before = prod.snapshot();
        prod.failOn("manage_importObject", 3, 500);

        SyncResult result = new ZopeSync().sync(request("bundle", fast(), "prod").build(), listener);

        TargetResult target = result.target("prod");
        assertThat(target.status()).isEqualTo(TargetResult.Status.FAILED);
        assertThat(outcomes(target)).containsExactly(Outcome.RESTORED, Outcome.RESTORED, Outcome.FAILED,
                Outcome.NOT_CHANGED, Outcome.NOT_CHANGED);
        assertThat(target.message()).startsWith("target 'prod', object /site/my file: ")
                .contains("HTTP 500").endsWith("the target was restored to its state before the run");
        assertThat(prod.snapshot()).isEqualTo(before);
        assertNothingLeftIn("prod");
        assertThat(prod.calls("manage_importObject")).hasSize(3);
    }

    @Test
    void shouldWaitForALockedTargetThenFailNamingTheHolder() throws IOException {
        Path lock = sandbox.getSite("prod").getImportDir().resolve("zope-sync.lock");
        Files.writeString(lock, "holder: bob@build7\nrun: 20261125-090000-beef\n");
        ZopeNode before = prod.snapshot();

        long started = System.nanoTime();
        SyncResult result = new ZopeSync().sync(request("bundle", fast(), "prod", "test").build(), listener);

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofSeconds(1));
        assertThat(result.target("prod").status()).isEqualTo(TargetResult.Status.FAILED);
        assertThat(result.target("prod").message()).contains("locked by another run (holder: bob@build7, run: "
                + "20261125-090000-beef)").contains("nothing on the target was changed");
        assertThat(result.target("test").status()).isEqualTo(TargetResult.Status.SYNCED);
        assertThat(prod.snapshot()).isEqualTo(before);
        assertThat(lock).exists();
    }

    @Test
    void shouldSyncThreeTargetsInParallelWithOneSessionPerSshServer() throws IOException {
        Path extraRoot = tmp.resolve("extra");
        Files.createDirectories(extraRoot.resolve("import"));
        try (ZopeDouble extra = ZopeDouble.builder().user(Sandbox.ZOPE_USER).password(sandbox.getPassword())
                .instanceHome(extraRoot).build().start();
                EmbeddedSshServer extraSsh = EmbeddedSshServer.builder(extraRoot)
                        .authorize(Sandbox.SSH_USER, sandbox.getPublicKey()).start()) {
            Sandbox.seed(extra, "extra");
            Environment third = Environment.of("extra", io.zopesync.core.zope.ZopeServer.of("extra", extra.getUrl(),
                    Sandbox.ZOPE_USER, io.zopesync.core.kernel.SecretValue.of(sandbox.getPassword())),
                    io.zopesync.core.ssh.SshSettings.builder("extra", "127.0.0.1").port(extraSsh.getPort())
                            .username(Sandbox.SSH_USER).key(io.zopesync.core.ssh.SshKey.of(
                                    io.zopesync.core.kernel.SecretValue.of(sandbox.getPrivateKey()), null))
                            .hostKey(io.zopesync.core.ssh.HostKeyPolicy.pinned(extraSsh.getHostKeyFingerprint()))
                            .importDir(extraRoot.resolve("import").toString()).build());

            SyncResult result = new ZopeSync().sync(request("bundle", fast().toBuilder().parallelism(3).build(),
                    "test", "prod").target(third).build(), listener);

            assertThat(result.isSuccess()).as(result.toJson()).isTrue();
            assertArrived(test);
            assertArrived(prod);
            assertArrived(extra);
            assertThat(sandbox.getSshServer().getSessionsOpened()).isEqualTo(1);
            assertThat(extraSsh.getSessionsOpened()).isEqualTo(1);
        }
    }

    @Test
    void shouldPutReplacedObjectsBackWithARestore() {
        ZopeSync engine = new ZopeSync();
        engine.sync(request("bundle", fast(), "prod").build(), listener);
        assertThat(prod.snapshot("/ourfolder/obj2").getText()).isEqualTo("<p>obj2, new version</p>");

        SyncResult restored = engine.push(PushRequest.of(PushRequest.Mode.RESTORE, tmp.resolve("bundle"),
                List.of(environments.get("prod")), fast(), null), listener);

        assertThat(restored.isSuccess()).as(restored.toJson()).isTrue();
        assertThat(restored.target("prod").objects()).extracting(ObjectResult::path, ObjectResult::outcome)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("/ourfolder/obj2", Outcome.REPLACED));
        assertThat(prod.snapshot("/ourfolder/obj2").getText()).isEqualTo("<p>obj2, old version</p>");
    }

    @Test
    void shouldPutBackWhatThePushReplacedWhenRestoringTwice() {
        ZopeSync engine = new ZopeSync();
        SyncResult synced = engine.sync(request("bundle", fast(), "prod").build(), listener);
        PushRequest restore = PushRequest.of(PushRequest.Mode.RESTORE, tmp.resolve("bundle"),
                List.of(environments.get("prod")), fast(), null);

        SyncResult first = engine.push(restore, listener);
        SyncResult second = engine.push(restore, listener);

        for (SyncResult restored : List.of(first, second)) {
            assertThat(restored.isSuccess()).as(restored.toJson()).isTrue();
            assertThat(restored.source()).isEqualTo("what run " + synced.runId() + " replaced");
        }
        assertThat(prod.snapshot("/ourfolder/obj2").getText()).isEqualTo("<p>obj2, old version</p>");
        assertThat(Bundle.replacedRuns(tmp.resolve("bundle"), "prod")).extracting(r -> r.getUndoes().orElse("push"))
                .containsExactly("push", synced.runId(), synced.runId());
    }

    @Test
    void shouldPutBackWhatTheNamedPushReplacedAfterALaterPushOfTheSameBundle() throws IOException {
        ZopeSync engine = new ZopeSync();
        SyncResult synced = engine.sync(request("bundle", fast(), "prod").build(), listener);
        // Someone edits obj2 on prod, and the bundle is pushed again: that push replaced the edited version.
        prod.setContent("/ourfolder/obj2", "<p>obj2, edited by hand</p>".getBytes(StandardCharsets.UTF_8));
        SyncResult pushedAgain = engine.push(PushRequest.of(PushRequest.Mode.PROMOTE, tmp.resolve("bundle"),
                List.of(environments.get("prod")), fast(), null), listener);
        assertThat(pushedAgain.isSuccess()).as(pushedAgain.toJson()).isTrue();
        PushRequest restore = PushRequest.of(PushRequest.Mode.RESTORE, tmp.resolve("bundle"),
                List.of(environments.get("prod")), fast(), null);
        ZopeNode before = prod.snapshot();

        SyncResult ambiguous = engine.push(restore, listener);

        assertThat(ambiguous.isPreflightFailed()).isTrue();
        assertThat(ambiguous.problems()).singleElement().asString().contains("holds what 2 pushes replaced on"
                + " target 'prod'", synced.runId(), pushedAgain.runId(), "name the push to undo");
        assertThat(prod.snapshot()).isEqualTo(before);

        SyncResult undoFirst = engine.push(restore.undoing(synced.runId()), listener);
        assertThat(undoFirst.isSuccess()).as(undoFirst.toJson()).isTrue();
        assertThat(prod.snapshot("/ourfolder/obj2").getText()).isEqualTo("<p>obj2, old version</p>");

        SyncResult undoSecond = engine.push(restore.undoing(pushedAgain.runId()), listener);
        assertThat(undoSecond.isSuccess()).as(undoSecond.toJson()).isTrue();
        assertThat(undoSecond.source()).isEqualTo("what run " + pushedAgain.runId() + " replaced");
        assertThat(prod.snapshot("/ourfolder/obj2").getText()).isEqualTo("<p>obj2, edited by hand</p>");
    }

    @Test
    void shouldReportEveryPreflightProblemAtOnce() {
        Environment badTest = environments.get("test", sandbox.getSshServer().getPort(), "nobody",
                sandbox.getHostKey());
        ZopeNode before = prod.snapshot();
        SyncResult result = new ZopeSync().sync(SyncRequest.builder(environments.get("dev"), tmp.resolve("b"))
                .object(ObjectSpec.of("/myfolder/missing")).object(ObjectSpec.of("/ourfolder/obj2", "/nowhere"))
                .target(environments.get("prod")).target(badTest).options(fast()).build(), listener);

        assertThat(result.isPreflightFailed()).isTrue();
        assertThat(result.problems()).hasSize(4);
        assertThat(result.problems().get(0)).isEqualTo("source 'dev': object /myfolder/missing does not exist");
        assertThat(result.problems()).anyMatch(p -> p.equals("target 'prod': folder /nowhere does not exist"));
        assertThat(result.problems()).anyMatch(p -> p.equals("target 'test': folder /nowhere does not exist"));
        assertThat(result.problems()).anyMatch(p -> p.startsWith("target 'test': ") && p.contains("nobody@"));
        assertThat(prod.snapshot()).isEqualTo(before);
        assertThat(dev.calls("manage_exportObject")).isEmpty();
        assertThat(log).noneMatch(line -> line.contains(sandbox.getPassword()));
    }
}
