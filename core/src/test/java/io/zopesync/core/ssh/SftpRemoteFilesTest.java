package io.zopesync.core.ssh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** SFTP, including the faults the embedded server can show. */
class SftpRemoteFilesTest extends RemoteFilesContractTest {

    @Override
    TransferProtocol protocol() {
        return TransferProtocol.SFTP;
    }

    @Override
    boolean serverHasSftp() {
        return true;
    }

    @Test
    void shouldNameDirectoryThatIsNotWritable() {
        server.getFaults().denyWrites(true);

        TransferException e = catchThrowableOfType(TransferException.class,
                () -> files.checkWritableDirectory(importDir));

        assertThat(e.getKind()).isEqualTo(TransferException.Kind.FILE);
        assertThat(e.getMessage()).contains(importDir).contains("cannot create a file in it")
                .contains("permission denied");
    }

    @Test
    void shouldFailWhenConnectionDropsAndLeaveNoFinalFile() throws IOException {
        Path local = randomFile("drop.zexp", 1024 * 1024);
        server.getFaults().dropConnectionAfterBytes(200_000);

        TransferException e = catchThrowableOfType(TransferException.class,
                () -> files.upload(local, importDir, "drop.zexp", sent -> { }));

        assertThat(e.getKind()).isEqualTo(TransferException.Kind.TRANSPORT);
        assertThat(e.getMessage()).contains(files.getEndpoint()).contains("upload of " + importDir + "/drop.zexp");
        assertThat(importPath.resolve("drop.zexp")).doesNotExist();
    }

    @Test
    void shouldReportFullDisk() throws IOException {
        Path local = randomFile("full.zexp", 100_000);
        server.getFaults().diskFull(true);

        TransferException e = catchThrowableOfType(TransferException.class,
                () -> files.upload(local, importDir, "full.zexp", sent -> { }));

        assertThat(e.getKind()).isEqualTo(TransferException.Kind.FILE);
        assertThat(e.getMessage()).contains(files.getEndpoint()).contains(importDir + "/full.zexp")
                .contains("No space left on device");
        assertThat(importPath).isEmptyDirectory();
    }

    @Test
    void shouldGiveUpOnStalledServerWithinReadTimeout() throws IOException {
        files.close();
        files = open(TIMEOUTS.withRead(Duration.ofSeconds(1)));
        Path local = randomFile("stall.zexp", 100_000);
        server.getFaults().stall(true);
        long start = System.nanoTime();

        TransferException e = catchThrowableOfType(TransferException.class,
                () -> files.upload(local, importDir, "stall.zexp", sent -> { }));

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(15));
        assertThat(e.getKind()).isEqualTo(TransferException.Kind.TRANSPORT);
        assertThat(e.getMessage()).contains("no progress for 1 s");
        assertThat(importPath.resolve("stall.zexp")).doesNotExist();
    }

    @Test
    void shouldGiveUpOnStalledListingWithinReadTimeout() {
        files.close();
        files = open(TIMEOUTS.withRead(Duration.ofSeconds(1)));
        files.list(importDir);
        server.getFaults().stall(true);
        long start = System.nanoTime();

        TransferException e = catchThrowableOfType(TransferException.class, () -> files.list(importDir));

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
        assertThat(e.getMessage()).contains("listing of " + importDir).contains("no progress for 1 s");
    }

    @Test
    void shouldCancelStalledOperationWhenInterrupted() throws InterruptedException {
        server.getFaults().stall(true);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        AtomicBoolean interruptedAfterwards = new AtomicBoolean();
        Thread caller = new Thread(() -> {
            try {
                files.size(importDir, "x.zexp");
            } catch (RuntimeException e) {
                failure.set(e);
            }
            interruptedAfterwards.set(Thread.currentThread().isInterrupted());
        });
        caller.start();
        Thread.sleep(300);
        long start = System.nanoTime();

        caller.interrupt();
        caller.join(10_000);

        assertThat(caller.isAlive()).isFalse();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
        assertThat(failure.get()).isInstanceOf(TransferException.class).hasMessageContaining("cancelled");
        assertThat(interruptedAfterwards).isTrue();
    }
}
