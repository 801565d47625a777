package io.zopesync.core.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.zopesync.core.ZopeSync;
import io.zopesync.core.kernel.SecretValue;
import io.zopesync.core.kernel.Timeouts;
import io.zopesync.core.model.Environment;
import io.zopesync.core.model.ObjectSpec;
import io.zopesync.core.model.PushRequest;
import io.zopesync.core.model.SyncListener;
import io.zopesync.core.model.SyncOptions;
import io.zopesync.core.model.SyncRequest;
import io.zopesync.core.result.ObjectResult;
import io.zopesync.core.result.Outcome;
import io.zopesync.core.result.SyncResult;
import io.zopesync.core.ssh.HostKeyPolicy;
import io.zopesync.core.status.ObjectState;
import io.zopesync.core.status.ObjectStatus;
import io.zopesync.core.status.StatusResult;
import io.zopesync.core.ssh.SshKey;
import io.zopesync.core.ssh.SshSettings;
import io.zopesync.core.zope.ZopeServer;
import io.zopesync.testkit.Sandbox;
import io.zopesync.testkit.zope.RealZope;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The engine against real Zope 5.13 servers (source and target), the target's import directory reached through
 * the sandbox's SSH server: a first sync, a replace in an ordered folder, a restore, status and changed-only syncs
 * (in sync, drift by hand, a change on the source), and a target folder that is a
 * document. Skipped, saying why, where no real Zope is installed.
 */
@Timeout(300)
class RealZopeSyncTest {
    private static final String PASSWORD = "real-zope-secret";
    private static final Pattern HREF = Pattern.compile("<d:href>([^<]*)</d:href>");

    @TempDir
    Path tmp;

    private Sandbox sandbox;
    private RealZope dev;
    private RealZope prod;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeEach
    void start() {
        Assumptions.assumeTrue(RealZope.isAvailable(), RealZope.unavailableReason());
        sandbox = Sandbox.start(tmp.resolve("sandbox"));
        dev = RealZope.start(tmp.resolve("sandbox/dev-zope"), Sandbox.ZOPE_USER, PASSWORD);
        prod = RealZope.start(tmp.resolve("sandbox/prod-zope"), Sandbox.ZOPE_USER, PASSWORD);
        for (RealZope zope : List.of(dev, prod)) {
            String version = zope == dev ? "new" : "old";
            post(zope, "/manage_addProduct/OFSP/manage_addOrderedFolder", "id=of");
            for (String id : List.of("a", "b", "c", "d")) {
                post(zope, "/of/manage_addProduct/OFSP/manage_addDTMLDocument", "id=" + id + "&file="
                        + encode("<p>" + id + ", " + version + "</p>"));
            }
        }
        post(dev, "/manage_addProduct/OFSP/manage_addFolder", "id=site&title=The+site");
        post(dev, "/site/manage_addProduct/OFSP/manage_addDTMLDocument", "id=index.html&file=" + encode("hi"));
    }

    @AfterEach
    void stop() {
        for (AutoCloseable closeable : new AutoCloseable[] {prod, dev, sandbox}) {
            try {
                if (closeable != null) {
                    closeable.close();
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }

    private Environment environment(String name, RealZope zope) {
        ZopeServer server = ZopeServer.of(name, zope.getUrl(), Sandbox.ZOPE_USER, SecretValue.of(PASSWORD));
        SshSettings ssh = SshSettings.builder(name, "127.0.0.1").port(sandbox.getSshServer().getPort())
                .username(Sandbox.SSH_USER).key(SshKey.of(SecretValue.of(sandbox.getPrivateKey()), null))
                .hostKey(HostKeyPolicy.pinned(sandbox.getHostKey())).importDir(zope.getImportDir().toString())
                .build();
        return Environment.of(name, server, ssh);
    }

    private static SyncOptions options() {
        return SyncOptions.builder().retryBackoff(Duration.ofMillis(10))
                .timeouts(Timeouts.defaults().withRead(Duration.ofSeconds(30)).withLockWait(Duration.ofSeconds(5)))
                .build();
    }

    private SyncResult sync(ObjectSpec... objects) {
        return sync(SyncOptions.builder(), "bundle", objects);
    }

    private SyncResult sync(SyncOptions.Builder options, String bundle, ObjectSpec... objects) {
        return new ZopeSync().sync(SyncRequest.builder(environment("dev", dev), tmp.resolve(bundle))
                .objects(List.of(objects)).options(options.retryBackoff(Duration.ofMillis(10))
                        .timeouts(Timeouts.defaults().withRead(Duration.ofSeconds(30))
                                .withLockWait(Duration.ofSeconds(5))).build())
                .holder("alice@build1").target(environment("prod", prod)).build(), SyncListener.NONE);
    }

    @Test
    void shouldSyncReplaceInPlaceInAnOrderedFolderAndRestore() throws IOException {
        SyncResult first = sync(ObjectSpec.of("/site"), ObjectSpec.of("/of/b"));

        assertThat(first.isSuccess()).as(first.toJson()).isTrue();
        assertThat(first.target("prod").objects()).extracting(ObjectResult::outcome)
                .containsExactly(Outcome.IMPORTED, Outcome.REPLACED);
        assertThat(childIds(prod, "/of")).containsExactly("a", "b", "c", "d");
        assertThat(source(prod, "/of/b")).isEqualTo("<p>b, new</p>");
        assertThat(source(prod, "/site/index.html")).isEqualTo("hi");
        assertThat(childIds(prod, "/")).contains("site", "of").noneMatch(id -> id.contains("zope-sync"));
        try (Stream<Path> files = java.nio.file.Files.list(prod.getImportDir())) {
            assertThat(files.map(file -> file.getFileName().toString()))
                    .as("uploads, journals or locks left in the import directory")
                    .allMatch(name -> name.equals("zope-sync-pushed.json"));
        }

        SyncResult restored = new ZopeSync().push(PushRequest.of(PushRequest.Mode.RESTORE, tmp.resolve("bundle"),
                List.of(environment("prod", prod)), options(), null), SyncListener.NONE);

        assertThat(restored.isSuccess()).as(restored.toJson()).isTrue();
        assertThat(childIds(prod, "/of")).containsExactly("a", "b", "c", "d");
        assertThat(source(prod, "/of/b")).isEqualTo("<p>b, old</p>");
    }

    @Test
    void shouldRefuseATargetFolderThatIsADocumentBeforeAnythingChanges() {
        SyncResult result = sync(ObjectSpec.of("/site", "/of/a"));

        assertThat(result.isPreflightFailed()).isTrue();
        assertThat(result.problems()).containsExactly("target 'prod': target folder /of/a is an object of type"
                + " text/html, not a folder; give the path of a folder");
        assertThat(result.bundle()).isNull();
        assertThat(childIds(prod, "/of")).containsExactly("a", "b", "c", "d");
    }

    @Test
    void shouldTellStatusAndSkipWhatIsInSyncAsOnTheDouble() throws InterruptedException {
        assertThat(sync(ObjectSpec.of("/site"), ObjectSpec.of("/of/b")).isSuccess()).isTrue();
        assertThat(states()).containsExactly(ObjectState.IN_SYNC, ObjectState.IN_SYNC);

        SyncResult unchanged = sync(SyncOptions.builder().changedOnly(true), "bundle2", ObjectSpec.of("/site"),
                ObjectSpec.of("/of/b"));

        assertThat(unchanged.isSuccess()).as(unchanged.toJson()).isTrue();
        assertThat(unchanged.target("prod").objects()).extracting(ObjectResult::outcome)
                .containsExactly(Outcome.UNCHANGED, Outcome.UNCHANGED);
        assertThat(childIds(prod, "/of")).containsExactly("a", "b", "c", "d");
        assertThat(states()).containsExactly(ObjectState.IN_SYNC, ObjectState.IN_SYNC);

        // Zope's modification times have a resolution of one second: edit after the second of the push
        Thread.sleep(1100);
        post(prod, "/site/index.html/manage_edit", "title=&data=" + encode("edited on prod by hand"));
        post(prod, "/site/manage_addProduct/OFSP/manage_addDTMLDocument", "id=extra&file=" + encode("by hand"));
        post(dev, "/of/b/manage_edit", "title=&data=" + encode("<p>b, newer</p>"));
        assertThat(states()).containsExactly(ObjectState.CHANGED_ON_TARGET, ObjectState.CHANGED_ON_SOURCE);
        assertThat(statuses().get(0).onlyOnTarget()).containsExactly("extra");

        SyncResult refused = sync(SyncOptions.builder().changedOnly(true), "bundle3", ObjectSpec.of("/site"),
                ObjectSpec.of("/of/b"));

        assertThat(refused.target("prod").isSuccess()).isFalse();
        assertThat(refused.target("prod").message()).contains("changed on the target by hand", "/site");
        assertThat(source(prod, "/site/index.html")).isEqualTo("edited on prod by hand");
        assertThat(source(prod, "/of/b")).isEqualTo("<p>b, new</p>");
        assertThat(childIds(prod, "/of")).containsExactly("a", "b", "c", "d");
    }

    private List<ObjectState> states() {
        return statuses().stream().map(ObjectStatus::state).toList();
    }

    private List<ObjectStatus> statuses() {
        StatusResult status = new ZopeSync().status(SyncRequest.builder(environment("dev", dev),
                tmp.resolve("unused")).objects(List.of(ObjectSpec.of("/site"), ObjectSpec.of("/of/b")))
                .options(options()).holder("alice@build1").target(environment("prod", prod)).build(),
                SyncListener.NONE);
        assertThat(status.problems()).isEmpty();
        return status.targets().get(0).objects();
    }

    private List<String> childIds(RealZope zope, String folder) {
        HttpResponse<String> response = send(zope, request(zope, folder.endsWith("/") ? folder : folder + "/")
                .header("Depth", "1").method("PROPFIND", HttpRequest.BodyPublishers.noBody()));
        assertThat(response.statusCode()).isEqualTo(207);
        List<String> ids = new ArrayList<>();
        Matcher href = HREF.matcher(response.body());
        while (href.find()) {
            String path = href.group(1);
            String prefix = folder.endsWith("/") ? folder : folder + "/";
            if (path.startsWith(prefix) && path.length() > prefix.length()) {
                String rest = path.substring(prefix.length());
                ids.add(rest.endsWith("/") ? rest.substring(0, rest.length() - 1) : rest);
            }
        }
        return ids;
    }

    /** A document as Zope renders it (these hold no DTML, so that is their text). */
    private String source(RealZope zope, String path) {
        HttpResponse<String> response = send(zope, request(zope, path).GET());
        assertThat(response.statusCode()).as(path).isEqualTo(200);
        return response.body();
    }

    private void post(RealZope zope, String path, String form) {
        HttpResponse<String> response = send(zope, request(zope, path)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)));
        assertThat(response.statusCode()).as(path + " " + form).isLessThan(400);
    }

    private HttpRequest.Builder request(RealZope zope, String path) {
        return HttpRequest.newBuilder(URI.create(zope.getUrl() + path)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                        (Sandbox.ZOPE_USER + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8)));
    }

    private HttpResponse<String> send(RealZope zope, HttpRequest.Builder request) {
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(zope.getLog(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
