package io.zopesync.core.zope;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zopesync.core.kernel.InvalidInputException;
import io.zopesync.core.kernel.ObjectPath;
import io.zopesync.core.kernel.SecretValue;
import io.zopesync.core.kernel.SyncLog;
import io.zopesync.core.kernel.Timeouts;
import io.zopesync.core.kernel.ZopeSyncException;
import io.zopesync.testkit.zope.ZopeCall;
import io.zopesync.testkit.zope.ZopeDouble;
import io.zopesync.testkit.zope.ZopeFlavour;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The HTTP client against the testkit's Zope double (Zope 5 unless a test says otherwise).
 */
class ZopeClientTest {
    private static final String USER = "adm";
    /** A password that must never show up in a message or a log line. */
    private static final String PASSWORD = "S3ntinel-pw-7c1e";
    private static final Timeouts TIMEOUTS = Timeouts.defaults().withConnect(Duration.ofSeconds(2))
            .withRead(Duration.ofSeconds(5));

    @TempDir
    Path home;
    @TempDir
    Path downloads;

    private final List<String> logLines = new CopyOnWriteArrayList<>();
    private final SyncLog log = (level, message) -> logLines.add(level + " " + message);
    private final List<ZopeApi> clients = new ArrayList<>();
    private ZopeDouble zope;

    @BeforeEach
    void startZope() {
        zope = startDouble(ZopeFlavour.ZOPE_5);
    }

    private ZopeDouble startDouble(ZopeFlavour flavour) {
        ZopeDouble started = ZopeDouble.builder().user(USER).password(PASSWORD).instanceHome(home)
                .flavour(flavour).build()
                .addFolder("/src")
                .addDocument("/src/doc1", "<p>hello</p>")
                .addFolder("/yourfolder")
                .start();
        return started;
    }

    @AfterEach
    void stopAndCheckForLeakedSecrets() {
        clients.forEach(ZopeApi::close);
        zope.close();
        String basicToken = Base64.getEncoder().encodeToString((USER + ":" + PASSWORD)
                .getBytes(StandardCharsets.US_ASCII));
        assertThat(logLines).noneMatch(line -> line.contains(PASSWORD) || line.contains(basicToken));
    }

    private ZopeApi client() {
        return client(PASSWORD, TIMEOUTS, 3);
    }

    private ZopeApi client(String password, Timeouts timeouts, int retries) {
        ZopeServer server = ZopeServer.of("test", zope.getUrl(), USER, SecretValue.of(password));
        ZopeApi client = ZopeClient.create(server, timeouts, retries, Duration.ofMillis(20), 4, log);
        clients.add(client);
        return client;
    }

    private void putInImportDirectory(String sample, String fileName) throws IOException {
        Files.createDirectories(zope.getImportDirectory());
        try (InputStream in = getClass().getResourceAsStream("/zexp/" + sample)) {
            assertThat(in).as("test resource %s", sample).isNotNull();
            Files.copy(in, zope.getImportDirectory().resolve(fileName));
        }
    }

    private static ObjectPath path(String path) {
        return ObjectPath.parse(path);
    }

    private static void assertNoSecret(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            assertThat(String.valueOf(t.getMessage())).doesNotContain(PASSWORD);
        }
    }

    @Test
    void shouldStreamAnExportToTheCallersFileWithSha256AndSize() throws IOException {
        byte[] big = new byte[700_000];
        new Random(42).nextBytes(big);
        zope.addFile("/src/big.bin", big, "application/octet-stream");
        Path file = downloads.resolve("my-own-name.zexp");
        List<Long> progress = new CopyOnWriteArrayList<>();

        ExportedFile exported = client().export(path("/src"), file, progress::add);

        byte[] expected = zope.export("/src");
        assertThat(exported.file()).isEqualTo(file);
        assertThat(Files.readAllBytes(file)).isEqualTo(expected);
        assertThat(exported.size()).isEqualTo(expected.length);
        assertThat(exported.sha256()).isEqualTo(zope.exportSha256("/src"));
        assertThat(progress).hasSizeGreaterThan(1).isSorted().last().isEqualTo((long) expected.length);
        assertThat(downloads).isDirectoryContaining(p -> p.getFileName().toString().equals("my-own-name.zexp"))
                .isDirectoryNotContaining(p -> p.getFileName().toString().equals("src.zexp"));
        ZopeCall call = zope.calls("manage_exportObject").get(0);
        assertThat(call.getHttpMethod()).isEqualTo("GET");
        assertThat(call.getPath()).isEqualTo("/");
        assertThat(call.getParameters()).containsEntry("id", List.of("src"))
                .containsEntry("download:int", List.of("1"));
    }

    @Test
    void shouldSayThatTheObjectIsMissingWhenItsExportFails() {
        Path file = downloads.resolve("missing.zexp");

        assertThatThrownBy(() -> client().export(path("/src/nothing"), file, size -> { }))
                .isInstanceOfSatisfying(ZopeException.class, e -> {
                    assertThat(e.getKind()).isEqualTo(ZopeException.Kind.NOT_FOUND);
                    assertThat(e.getObject()).isEqualTo("/src/nothing");
                    assertThat(e.getServer()).isEqualTo("test");
                })
                .hasMessage("Zope 'test' could not export /src/nothing: it does not exist (HTTP 500)");
        assertThat(file).doesNotExist();
    }

    @Test
    void shouldSayWhenTheExportCannotBeWrittenLocallyWithoutRetrying() {
        Path file = downloads.resolve("no-such-directory").resolve("src.zexp");

        assertThatThrownBy(() -> client().export(path("/src"), file, size -> { }))
                .isExactlyInstanceOf(ZopeSyncException.class)
                .hasMessageStartingWith("Could not create " + file + " for the export of /src from Zope 'test'");
        assertThat(zope.calls("manage_exportObject")).hasSize(1);
    }

    @Test
    void shouldImportWithTheGivenOwnershipAndEventSettings() throws IOException {
        putInImportDirectory("sub-folder.zexp", "zope-sync-run1-1.zexp");

        client().importObject(path("/yourfolder"), "zope-sync-run1-1.zexp", false, true);

        assertThat(zope.ids("/yourfolder")).containsExactly("sub");
        ZopeCall call = zope.calls("manage_importObject").get(0);
        assertThat(call.getHttpMethod()).isEqualTo("POST");
        assertThat(call.getPath()).isEqualTo("/yourfolder");
        assertThat(call.getParameters()).containsEntry("file", List.of("zope-sync-run1-1.zexp"))
                .containsEntry("set_owner:int", List.of("0"))
                .containsEntry("suppress_events:int", List.of("1"));
    }

    @Test
    void shouldReportAnIdAlreadyInUseInZopesWords() throws IOException {
        putInImportDirectory("sub-folder.zexp", "sub.zexp");
        ZopeApi client = client();
        client.importObject(path("/yourfolder"), "sub.zexp", true, false);

        assertThatThrownBy(() -> client.importObject(path("/yourfolder"), "sub.zexp", true, false))
                .isInstanceOfSatisfying(ZopeException.class, e -> {
                    assertThat(e.getKind()).isEqualTo(ZopeException.Kind.SERVER);
                    assertThat(e.getStatus()).isEqualTo(400);
                    assertThat(e.getObject()).isEqualTo("/yourfolder");
                })
                .hasMessage("Zope 'test' could not import 'sub.zexp' into /yourfolder: The id \"sub\" is invalid"
                        + " - it is already in use. (HTTP 400)");
    }

    @Test
    void shouldRefuseAFileNameWithADirectoryBeforeContactingZope() {
        ZopeApi client = client();

        for (String bad : List.of("../sub.zexp", "/etc/passwd", "dir/sub.zexp", "", "..")) {
            assertThatThrownBy(() -> client.importObject(path("/yourfolder"), bad, true, false))
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining("bare file name")
                    .hasMessageContaining("'" + bad + "'");
        }
        assertThat(zope.calls()).isEmpty();
    }

    @Test
    void shouldSayWhenTheFileToImportDoesNotExist() {
        assertThatThrownBy(() -> client().importObject(path("/yourfolder"), "nowhere.zexp", true, false))
                .isInstanceOfSatisfying(ZopeException.class, e -> assertThat(e.getStatus()).isEqualTo(400))
                .hasMessage("Zope 'test' could not import 'nowhere.zexp' into /yourfolder:"
                        + " File does not exist: nowhere.zexp (HTTP 400)");
    }

    @Test
    void shouldExplainTheBare500OfACorruptFile() throws IOException {
        putInImportDirectory("corrupt-bad-magic.zexp", "bad.zexp");

        assertThatThrownBy(() -> client().importObject(path("/yourfolder"), "bad.zexp", true, false))
                .isInstanceOfSatisfying(ZopeException.class, e -> {
                    assertThat(e.getKind()).isEqualTo(ZopeException.Kind.SERVER);
                    assertThat(e.getStatus()).isEqualTo(500);
                })
                .hasMessageStartingWith("Zope 'test' could not import 'bad.zexp' into /yourfolder: Zope gave no"
                        + " detail")
                .hasMessageContaining("event log")
                .hasMessageContaining("corrupt or truncated .zexp file")
                .hasMessageEndingWith("(HTTP 500)");
        assertThat(zope.ids("/yourfolder")).isEmpty();
        assertThat(zope.calls("manage_importObject")).hasSize(1);
    }

    @Test
    void shouldDeleteAnObject() {
        client().delete(path("/src"), "doc1");

        assertThat(zope.exists("/src/doc1")).isFalse();
        assertThat(zope.calls("manage_delObjects").get(0).getParameters())
                .containsEntry("ids:list", List.of("doc1"));
    }

    @Test
    void shouldDeleteSeveralObjectsOfAFolderInOneRequest() {
        zope.addDocument("/src/doc 2", "<p>two</p>").addDocument("/src/doc3", "<p>three</p>");

        client().deleteAll(path("/src"), List.of("doc1", "doc 2", "doc3"));

        assertThat(zope.ids("/src")).isEmpty();
        assertThat(zope.calls("manage_delObjects")).hasSize(1);
        assertThat(zope.calls("manage_delObjects").get(0).getParameters())
                .containsEntry("ids:list", List.of("doc1", "doc 2", "doc3"));
    }

    @Test
    void shouldDeleteNoneOfSeveralObjectsWhenOneIsMissing() {
        zope.addDocument("/src/doc2", "<p>two</p>");

        assertThatThrownBy(() -> client().deleteAll(path("/src"), List.of("doc1", "ghost", "doc2")))
                .isInstanceOfSatisfying(ZopeException.class, e -> assertThat(e.getStatus()).isEqualTo(400))
                .hasMessageContaining("could not delete 3 objects in /src: ghost does not exist");
        assertThat(zope.ids("/src")).containsExactlyInAnyOrder("doc1", "doc2");
    }

    @Test
    void shouldSayWhichObjectCouldNotBeDeleted() {
        assertThatThrownBy(() -> client().delete(path("/src"), "ghost"))
                .isInstanceOfSatisfying(ZopeException.class, e -> {
                    assertThat(e.getStatus()).isEqualTo(400);
                    assertThat(e.getObject()).isEqualTo("/src/ghost");
                })
                .hasMessage("Zope 'test' could not delete 'ghost' in /src: ghost does not exist (HTTP 400)");
    }

    @Test
    void shouldRenameAnObject() {
        client().rename(path("/src"), "doc1", "doc1.zope-sync-backup");

        assertThat(zope.ids("/src")).containsExactly("doc1.zope-sync-backup");
        assertThat(zope.calls("manage_renameObject").get(0).getParameters())
                .containsEntry("id", List.of("doc1"))
                .containsEntry("new_id", List.of("doc1.zope-sync-backup"));
    }

    @Test
    void shouldHintAtTheLikelyCausesWhenARenameFails() {
        zope.addDocument("/src/doc2", "two");

        assertThatThrownBy(() -> client().rename(path("/src"), "doc1", "doc2"))
                .isInstanceOfSatisfying(ZopeException.class, e -> assertThat(e.getStatus()).isEqualTo(500))
                .hasMessageStartingWith("Zope 'test' could not rename 'doc1' to 'doc2' in /src:")
                .hasMessageContaining("new id is already in use");
        assertThat(zope.ids("/src")).containsExactly("doc1", "doc2");
    }

    @Test
    void shouldNotTakeAnAcquiredObjectForAnExistingOne() {
        zope.addDocument("/shared", "in the root");
        ZopeApi client = client();

        assertThat(client.exists(path("/shared"))).isTrue();
        assertThat(client.exists(path("/src/shared"))).isFalse();
        assertThat(client.exists(path("/src"))).isTrue();
        assertThat(client.exists(ObjectPath.root())).isTrue();
        assertThat(zope.calls()).extracting(ZopeCall::getHttpMethod).containsOnly("PROPFIND");
    }

    @Test
    void shouldListIdsWithSpacesDotsAndOtherCharacters() {
        zope.addFolder("/my folder");
        for (String id : List.of("a b", "file.txt", "x.y.z", "v1,2", "(draft) #1", "mail@example")) {
            zope.addDocument("/my folder/" + id, id);
        }
        zope.addFolder("/my folder/sub.d");

        List<String> ids = client().listIds(path("/my folder"));

        assertThat(ids).containsExactlyElementsOf(zope.ids("/my folder"));
        assertThat(ids).contains("a b", "(draft) #1", "sub.d");
        assertThat(client().listIds(path("/yourfolder"))).isEmpty();
        assertThat(client().listIds(ObjectPath.root())).containsExactlyElementsOf(zope.ids("/"));
    }

    @Test
    void shouldCheckTheLogin() {
        client().checkLogin();

        assertThat(zope.calls()).extracting(ZopeCall::getHttpMethod, ZopeCall::getPath, ZopeCall::getStatus)
                .containsExactly(Tuple.tuple("PROPFIND", "/", 207));
    }

    @Test
    void shouldReportAWrongPasswordAsAnAuthenticationFailure() {
        ZopeApi wrong = client(PASSWORD + "-wrong", TIMEOUTS, 3);

        assertThatThrownBy(wrong::checkLogin)
                .isInstanceOfSatisfying(ZopeException.class, e -> {
                    assertThat(e.getKind()).isEqualTo(ZopeException.Kind.AUTHENTICATION);
                    assertThat(e.getStatus()).isEqualTo(401);
                    assertNoSecret(e);
                })
                .hasMessageStartingWith("Zope 'test' (" + zope.getUrl() + ") refused the login of user 'adm'"
                        + " (HTTP 401)");
        assertThatThrownBy(() -> wrong.importObject(path("/yourfolder"), "x.zexp", true, false))
                .isInstanceOfSatisfying(ZopeException.class,
                        e -> assertThat(e.getKind()).isEqualTo(ZopeException.Kind.AUTHENTICATION));
        assertThat(zope.calls()).hasSize(2);
    }

    @Test
    void shouldTreatARedirectAsAnAuthenticationFailure() {
        zope.failNext("manage_delObjects", 1, 302);

        assertThatThrownBy(() -> client().delete(path("/src"), "doc1"))
                .isInstanceOfSatisfying(ZopeException.class, e -> {
                    assertThat(e.getKind()).isEqualTo(ZopeException.Kind.AUTHENTICATION);
                    assertThat(e.getStatus()).isEqualTo(302);
                })
                .hasMessageContaining("redirected the call to delete 'doc1' in /src")
                .hasMessageContaining("login of user 'adm'");
        assertThat(zope.exists("/src/doc1")).isTrue();
        assertThat(zope.calls("manage_delObjects")).hasSize(1);
    }

    @Test
    void shouldRetryAReadAfterTwoBusyAnswers() {
        zope.failNext("PROPFIND", 2, 503);

        assertThat(client().exists(path("/src/doc1"))).isTrue();

        assertThat(zope.calls("PROPFIND")).extracting(ZopeCall::getStatus).containsExactly(503, 503, 207);
        assertThat(logLines).filteredOn(line -> line.startsWith("WARNING")).hasSize(2)
                .allMatch(line -> line.contains("HTTP 503") && line.contains("trying again"));
    }

    @Test
    void shouldGiveUpAReadAfterTheLastAttempt() {
        zope.failNext("PROPFIND", 5, 503);

        assertThatThrownBy(() -> client().listIds(path("/src")))
                .isInstanceOfSatisfying(ZopeException.class, e -> assertThat(e.getStatus()).isEqualTo(503))
                .hasMessageStartingWith("Zope 'test' could not list /src:");
        assertThat(zope.calls("PROPFIND")).hasSize(3);
    }

    @Test
    void shouldRetryAnExportAfterADroppedConnection() throws IOException {
        zope.dropConnection("manage_exportObject");
        Path file = downloads.resolve("src.zexp");

        ExportedFile exported = client().export(path("/src"), file, size -> { });

        assertThat(exported.sha256()).isEqualTo(zope.exportSha256("/src"));
        assertThat(Files.readAllBytes(file)).isEqualTo(zope.export("/src"));
        assertThat(zope.calls("manage_exportObject")).extracting(ZopeCall::getStatus).containsExactly(0, 200);
    }

    @Test
    void shouldNeverRepeatAnImportThatWasSent() throws IOException {
        putInImportDirectory("sub-folder.zexp", "sub.zexp");
        zope.failNext("manage_importObject", 1, 503);
        ZopeApi client = client();

        assertThatThrownBy(() -> client.importObject(path("/yourfolder"), "sub.zexp", true, false))
                .isInstanceOfSatisfying(ZopeException.class, e -> assertThat(e.getStatus()).isEqualTo(503));
        assertThat(zope.calls("manage_importObject")).hasSize(1);

        zope.dropConnection("manage_importObject");
        assertThatThrownBy(() -> client.importObject(path("/yourfolder"), "sub.zexp", true, false))
                .isInstanceOfSatisfying(ZopeException.class,
                        e -> assertThat(e.getKind()).isEqualTo(ZopeException.Kind.TRANSPORT));
        assertThat(zope.calls("manage_importObject")).hasSize(2);
        assertThat(zope.ids("/yourfolder")).isEmpty();
    }

    @Test
    void shouldFailAStalledDownloadWithinTheReadTimeout() {
        ZopeApi client = client(PASSWORD, TIMEOUTS.withRead(Duration.ofMillis(500)), 1);
        zope.stallBody("manage_exportObject");
        Path file = downloads.resolve("src.zexp");
        long started = System.nanoTime();

        assertThatThrownBy(() -> client.export(path("/src"), file, size -> { }))
                .isInstanceOfSatisfying(ZopeException.class, e -> {
                    assertThat(e.getKind()).isEqualTo(ZopeException.Kind.TRANSPORT);
                    assertThat(e.getStatus()).isZero();
                })
                .hasMessageContaining("could not export /src")
                .hasMessageContaining("read timeout of 500 ms");

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(4));
        assertThat(file).doesNotExist();
    }

    @Test
    void shouldCancelARunningDownloadWhenTheThreadIsInterrupted() throws Exception {
        ZopeApi client = client(PASSWORD, TIMEOUTS.withRead(Duration.ofSeconds(30)), 3);
        zope.stallBody("manage_exportObject");
        Path file = downloads.resolve("src.zexp");
        AtomicReference<Throwable> failure = new AtomicReference<>();
        AtomicReference<Boolean> stillInterrupted = new AtomicReference<>();
        Thread worker = new Thread(() -> {
            try {
                client.export(path("/src"), file, size -> { });
            } catch (RuntimeException e) {
                failure.set(e);
                stillInterrupted.set(Thread.currentThread().isInterrupted());
            }
        });
        worker.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (zope.calls("manage_exportObject").isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        Thread.sleep(200);
        long interrupted = System.nanoTime();
        worker.interrupt();
        worker.join(10_000);

        assertThat(worker.isAlive()).isFalse();
        assertThat(Duration.ofNanos(System.nanoTime() - interrupted)).isLessThan(Duration.ofSeconds(3));
        assertThat(failure.get()).isInstanceOf(ZopeSyncException.class)
                .hasMessageContaining("Cancelled")
                .hasMessageContaining("export /src")
                .hasCauseInstanceOf(InterruptedException.class);
        assertThat(stillInterrupted.get()).isTrue();
        assertThat(file).doesNotExist();
        assertThat(zope.calls("manage_exportObject")).hasSize(1);
    }

    @Test
    void shouldCancelAReadWaitingForItsAnswerWhenTheThreadIsInterrupted() throws Exception {
        ZopeApi client = client(PASSWORD, TIMEOUTS.withRead(Duration.ofSeconds(30)), 3);
        zope.delay(Duration.ofSeconds(20));
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread worker = new Thread(() -> {
            try {
                client.listIds(path("/src"));
            } catch (RuntimeException e) {
                failure.set(e);
            }
        });
        worker.start();
        Thread.sleep(300);
        long interrupted = System.nanoTime();
        worker.interrupt();
        worker.join(10_000);

        assertThat(worker.isAlive()).isFalse();
        assertThat(Duration.ofNanos(System.nanoTime() - interrupted)).isLessThan(Duration.ofSeconds(3));
        assertThat(failure.get()).isInstanceOf(ZopeSyncException.class).hasMessageContaining("Cancelled")
                .hasMessageContaining("list /src");
    }

    @Test
    void shouldRetryWhenZopeCannotBeReachedAndSaySo() {
        ZopeApi client = client();
        String url = zope.getUrl();
        zope.close();

        assertThatThrownBy(() -> client.exists(path("/src")))
                .isInstanceOfSatisfying(ZopeException.class, e -> {
                    assertThat(e.getKind()).isEqualTo(ZopeException.Kind.TRANSPORT);
                    assertThat(e.getStatus()).isZero();
                })
                .hasMessageStartingWith("Zope 'test' (" + url + ") could not check whether /src exists")
                .hasMessageContaining("connection was refused");
        assertThat(logLines).filteredOn(line -> line.startsWith("WARNING")).hasSize(2);
    }

    @Test
    void shouldLogEachHttpStepWithoutCredentials() {
        client().exists(path("/src/doc1"));

        assertThat(logLines).anySatisfy(line -> assertThat(line).startsWith("DEBUG")
                .contains("PROPFIND " + zope.getUrl() + "/src/doc1 -> 207"));
    }

    @Test
    void shouldKeepThePasswordOutOfEveryFailure() throws IOException {
        putInImportDirectory("corrupt-bad-magic.zexp", "bad.zexp");
        ZopeApi client = client();
        List<Throwable> failures = new ArrayList<>();
        zope.failNext("PROPFIND", 5, 503);
        failures.add(catchFailure(() -> client.listIds(path("/src"))));
        failures.add(catchFailure(() -> client.importObject(path("/yourfolder"), "bad.zexp", true, false)));
        failures.add(catchFailure(() -> client.delete(path("/src"), "ghost")));
        failures.add(catchFailure(() -> client(PASSWORD + "x", TIMEOUTS, 1).checkLogin()));
        zope.close();
        failures.add(catchFailure(() -> client.exists(path("/src"))));

        assertThat(failures).hasSize(5).doesNotContainNull().allSatisfy(ZopeClientTest::assertNoSecret);
        assertThat(client.toString()).doesNotContain(PASSWORD);
    }

    private static Throwable catchFailure(Runnable call) {
        try {
            call.run();
            return null;
        } catch (RuntimeException e) {
            return e;
        }
    }

    @Test
    void shouldServeManyThreadsAtOnceOverASmallPool() throws Exception {
        for (int i = 0; i < 8; i++) {
            zope.addFile("/src/f" + i, ("content " + i).repeat(10_000).getBytes(StandardCharsets.UTF_8),
                    "text/plain");
        }
        ZopeApi client = client();
        ExecutorService workers = Executors.newFixedThreadPool(8);
        try {
            List<Future<ExportedFile>> exports = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                ObjectPath object = path("/src/f" + i);
                Path file = downloads.resolve("f" + i + ".zexp");
                exports.add(workers.submit(() -> client.export(object, file, size -> { })));
            }
            for (int i = 0; i < 8; i++) {
                assertThat(exports.get(i).get(20, TimeUnit.SECONDS).sha256())
                        .isEqualTo(zope.exportSha256("/src/f" + i));
            }
        } finally {
            workers.shutdownNow();
        }
    }

    @Test
    void shouldRefuseUnusableClientSettings() {
        ZopeServer server = ZopeServer.of("test", zope.getUrl(), USER, SecretValue.of(PASSWORD));

        assertThatThrownBy(() -> ZopeClient.create(server, TIMEOUTS, 0, Duration.ZERO, 1, log))
                .isInstanceOf(InvalidInputException.class).hasMessage("retries must be at least 1 (1 = no retry): 0");
        assertThatThrownBy(() -> ZopeClient.create(server, TIMEOUTS, 1, Duration.ofSeconds(-1), 1, log))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("back-off must not be negative");
        assertThatThrownBy(() -> ZopeClient.create(server, TIMEOUTS, 1, Duration.ZERO, 0, log))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("at least 1: 0");
        assertThatThrownBy(() -> client().export(ObjectPath.root(), downloads.resolve("root.zexp"), size -> { }))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("root folder cannot be exported");
        assertThat(zope.calls()).isEmpty();
    }

    @Test
    void shouldReadZope213ErrorPages() throws IOException {
        zope.close();
        zope = startDouble(ZopeFlavour.ZOPE_2_13);
        putInImportDirectory("corrupt-bad-magic.zexp", "bad.zexp");
        ZopeApi client = client();

        assertThatThrownBy(() -> client.delete(path("/src"), "ghost"))
                .hasMessage("Zope 'test' could not delete 'ghost' in /src: ghost does not exist (HTTP 400)");
        assertThatThrownBy(() -> client.importObject(path("/yourfolder"), "bad.zexp", true, false))
                .isInstanceOfSatisfying(ZopeException.class, e -> assertThat(e.getStatus()).isEqualTo(500))
                .hasMessage("Zope 'test' could not import 'bad.zexp' into /yourfolder:"
                        + " ExportError: Invalid export header (HTTP 500)");
        assertThat(client.exists(path("/src/doc1"))).isTrue();
        assertThat(client.listIds(path("/src"))).containsExactly("doc1");
    }
}
