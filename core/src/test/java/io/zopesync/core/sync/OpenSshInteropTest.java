package io.zopesync.core.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.zopesync.core.ZopeSync;
import io.zopesync.core.model.ObjectSpec;
import io.zopesync.core.model.SyncListener;
import io.zopesync.core.model.SyncOptions;
import io.zopesync.core.model.SyncRequest;
import io.zopesync.core.result.ObjectResult;
import io.zopesync.core.result.Outcome;
import io.zopesync.core.result.SyncResult;
import io.zopesync.testkit.Sandbox;
import io.zopesync.testkit.ssh.OpenSshServer;
import io.zopesync.testkit.zope.ZopeDouble;
import io.zopesync.testkit.zope.ZopeNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The end-to-end sync against Debian's OpenSSH server instead of the embedded one: the transport must work with
 * the server users really run. Skipped, saying why, where {@code sshd} is not installed.
 */
class OpenSshInteropTest {
    @TempDir
    Path tmp;

    @ParameterizedTest(name = "over {0}")
    @ValueSource(booleans = {true, false})
    void shouldSyncThroughOpenSsh(boolean sftp) throws IOException {
        Assumptions.assumeTrue(OpenSshServer.isAvailable(), () -> "OpenSSH is not available here: "
                + OpenSshServer.unavailableReason());
        try (Sandbox sandbox = Sandbox.start(tmp.resolve("sandbox"));
                OpenSshServer sshd = OpenSshServer.start(tmp.resolve("sshd"), List.of(sandbox.getPublicKey()), sftp)) {
            SandboxEnvironments environments = new SandboxEnvironments(sandbox, sftp);
            ZopeDouble dev = sandbox.getSite("dev").getZope();
            ZopeDouble prod = sandbox.getSite("prod").getZope();
            ZopeNode before = prod.snapshot("/site");

            SyncResult result = new ZopeSync().sync(SyncRequest.builder(environments.get("dev"), tmp.resolve("b"))
                    .target(environments.get("prod", sshd.getPort(), OpenSshServer.currentUser(),
                            sshd.getHostKeyFingerprint()))
                    .object(ObjectSpec.of("/myfolder/obj1", "/yourfolder")).object(ObjectSpec.of("/ourfolder/obj2"))
                    .object(ObjectSpec.of("/site/my file")).options(SyncOptions.defaults()).build(),
                    SyncListener.NONE);

            assertThat(result.isSuccess()).as(result.toJson() + "\nsshd log:\n" + sshd.getLog()).isTrue();
            assertThat(result.target("prod").objects()).extracting(ObjectResult::outcome)
                    .containsExactly(Outcome.IMPORTED, Outcome.REPLACED, Outcome.IMPORTED);
            assertThat(prod.snapshot("/yourfolder/obj1")).isEqualTo(dev.snapshot("/myfolder/obj1"));
            assertThat(prod.snapshot("/ourfolder/obj2")).isEqualTo(dev.snapshot("/ourfolder/obj2"));
            assertThat(prod.snapshot("/site/my file")).isEqualTo(dev.snapshot("/site/my file"));
            assertThat(before.getChild("my file")).isEmpty();
            try (Stream<Path> left = Files.list(sandbox.getSite("prod").getImportDir())) {
                // Only the record of what was pushed stays, for a later status.
                assertThat(left.map(path -> path.getFileName().toString())).containsExactly("zope-sync-pushed.json");
            }
        }
    }
}
