package io.zopesync.core.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.zopesync.core.ZopeSync;
import io.zopesync.core.kernel.Timeouts;
import io.zopesync.core.model.ObjectSpec;
import io.zopesync.core.model.PushRequest;
import io.zopesync.core.model.SyncListener;
import io.zopesync.core.model.SyncOptions;
import io.zopesync.core.model.SyncRequest;
import io.zopesync.core.result.SyncResult;
import io.zopesync.core.result.TargetResult;
import io.zopesync.testkit.Sandbox;
import io.zopesync.testkit.zope.ZopeCall;
import io.zopesync.testkit.zope.ZopeDouble;
import io.zopesync.testkit.zope.ZopeNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Replacing objects in ordered folders ({@code OFS.OrderedFolder}, as Plone folders are) keeps their place, on
 * success, on rollback and on restore; a target folder that is not a folder is refused in the preflight.
 */
class OrderedFolderSyncTest {
    @TempDir
    Path tmp;

    private Sandbox sandbox;
    private SandboxEnvironments environments;
    private ZopeDouble dev;
    private ZopeDouble prod;

    @BeforeEach
    void startSandbox() {
        sandbox = Sandbox.start(tmp.resolve("sandbox"));
        environments = new SandboxEnvironments(sandbox);
        dev = sandbox.getSite("dev").getZope();
        prod = sandbox.getSite("prod").getZope();
        for (ZopeDouble zope : List.of(dev, prod)) {
            String version = zope == dev ? "new" : "old";
            zope.addOrderedFolder("/of").addFolder("/plain");
            for (String id : List.of("a", "b", "c", "d")) {
                zope.addDocument("/of/" + id, "<p>" + id + ", " + version + "</p>");
                zope.addDocument("/plain/" + id, "<p>" + id + ", " + version + "</p>");
            }
        }
    }

    @AfterEach
    void stopSandbox() {
        sandbox.close();
    }

    private static SyncOptions fast() {
        return SyncOptions.builder().retryBackoff(Duration.ofMillis(10))
                .timeouts(Timeouts.defaults().withRead(Duration.ofSeconds(10)).withLockWait(Duration.ofSeconds(1)))
                .build();
    }

    private SyncResult sync(String bundle, ObjectSpec... objects) {
        return new ZopeSync().sync(SyncRequest.builder(environments.get("dev"), tmp.resolve(bundle))
                .objects(List.of(objects)).options(fast()).holder("alice@build1").target(environments.get("prod"))
                .build(), SyncListener.NONE);
    }

    @Test
    void shouldKeepTheReplacedObjectsPlaceInAnOrderedFolder() {
        SyncResult result = sync("bundle", ObjectSpec.of("/of/b"), ObjectSpec.of("/of/c"));

        assertThat(result.isSuccess()).as(result.toJson()).isTrue();
        assertThat(prod.ids("/of")).containsExactly("a", "b", "c", "d");
        assertThat(prod.snapshot("/of/b").getText()).isEqualTo("<p>b, new</p>");
        assertThat(prod.snapshot("/of/c").getText()).isEqualTo("<p>c, new</p>");
    }

    @Test
    void shouldNeverMoveAnythingInAPlainFolder() {
        SyncResult result = sync("bundle", ObjectSpec.of("/plain/b"));

        assertThat(result.isSuccess()).as(result.toJson()).isTrue();
        assertThat(prod.snapshot("/plain/b").getText()).isEqualTo("<p>b, new</p>");
        assertThat(prod.calls()).extracting(ZopeCall::getName).noneMatch(name -> name.startsWith("manage_move"));
    }

    @Test
    void shouldPutTheOrderBackWhenALaterImportFails() {
        ZopeNode before = prod.snapshot();
        prod.failOn("manage_importObject", 2, 500);

        SyncResult result = sync("bundle", ObjectSpec.of("/of/b"), ObjectSpec.of("/of/c"));

        assertThat(result.target("prod").status()).as(result.toJson()).isEqualTo(TargetResult.Status.FAILED);
        assertThat(prod.ids("/of")).containsExactly("a", "b", "c", "d");
        assertThat(prod.snapshot()).isEqualTo(before);
    }

    @Test
    void shouldKeepThePlaceWhenARestorePutsTheReplacedObjectBack() {
        assertThat(sync("bundle", ObjectSpec.of("/of/b")).isSuccess()).isTrue();

        SyncResult restored = new ZopeSync().push(PushRequest.of(PushRequest.Mode.RESTORE, tmp.resolve("bundle"),
                List.of(environments.get("prod")), fast(), null), SyncListener.NONE);

        assertThat(restored.isSuccess()).as(restored.toJson()).isTrue();
        assertThat(prod.ids("/of")).containsExactly("a", "b", "c", "d");
        assertThat(prod.snapshot("/of/b").getText()).isEqualTo("<p>b, old</p>");
    }

    @Test
    void shouldRefuseATargetFolderThatIsADocumentInThePreflightAndMakeNoBundle() {
        ZopeNode before = prod.snapshot();

        SyncResult result = sync("bundle", ObjectSpec.of("/of/b", "/of/a"));

        assertThat(result.isPreflightFailed()).isTrue();
        assertThat(result.problems()).containsExactly("target 'prod': target folder /of/a is an object of type"
                + " text/html, not a folder; give the path of a folder");
        assertThat(result.bundle()).isNull();
        assertThat(Files.exists(tmp.resolve("bundle"))).isFalse();
        assertThat(prod.snapshot()).isEqualTo(before);
        assertThat(prod.calls()).extracting(ZopeCall::getName).doesNotContain("manage_importObject");
    }
}
