package io.zopesync.core.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zopesync.core.kernel.ObjectPath;
import io.zopesync.core.kernel.ZopeSyncException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ItemFeedTest {
    private final ExecutorService pool = Executors.newSingleThreadExecutor();

    @AfterEach
    void stop() {
        pool.shutdownNow();
    }

    private static PushItem planned(int n) {
        return new PushItem("/src/obj" + n, ObjectPath.parse("folder", "/src"), "obj" + n, null, -1,
                "zope-sync-run-" + n + ".zexp", "");
    }

    private static PushItem exported(int n) {
        return new PushItem("/src/obj" + n, ObjectPath.parse("folder", "/src"), "obj" + n,
                Path.of("objects/" + n + ".zexp"), 100L * n, "zope-sync-run-" + n + ".zexp", "sha" + n);
    }

    @Test
    void shouldHandAnItemToItsWaiterAsSoonAsItIsReadyAndAllOfThemOnlyAtTheEnd() throws Exception {
        ItemFeed feed = new ItemFeed(List.of(planned(1), planned(2)));
        Future<PushItem> second = pool.submit(() -> feed.await(1));
        CompletableFuture<List<PushItem>> all = CompletableFuture.supplyAsync(() -> {
            try {
                return feed.awaitAll();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });

        feed.ready(1, exported(2));

        assertThat(second.get(5, TimeUnit.SECONDS)).isEqualTo(exported(2));
        assertThat(feed.readyOrPlanned(0)).isEqualTo(planned(1));
        assertThat(feed.readyOrPlanned(1)).isEqualTo(exported(2));
        assertThat(all).isNotDone();

        feed.ready(0, exported(1));
        feed.allReady();

        assertThat(all.get(5, TimeUnit.SECONDS)).containsExactly(exported(1), exported(2));
    }

    @Test
    void shouldStopEveryWaiterOnceTheExportFailedEvenForAnItemThatIsReady() throws Exception {
        ItemFeed feed = new ItemFeed(List.of(planned(1), planned(2)));
        feed.ready(0, exported(1));
        Future<PushItem> second = pool.submit(() -> feed.await(1));

        feed.fail(new ZopeSyncException("export of /src/obj2 from 'dev' timed out"));

        assertThat(feed.isFailed()).isTrue();
        assertThatThrownBy(() -> second.get(5, TimeUnit.SECONDS)).hasCauseInstanceOf(ItemFeed.NotExported.class)
                .hasMessageContaining("export of /src/obj2 from 'dev' timed out");
        assertThatThrownBy(() -> feed.await(0)).isInstanceOf(ItemFeed.NotExported.class);
        assertThatThrownBy(feed::awaitAll).isInstanceOf(ItemFeed.NotExported.class);
        assertThatThrownBy(feed::checkNotFailed).isInstanceOf(ItemFeed.NotExported.class);
    }

    @Test
    void shouldHaveEveryItemOfAReadyFeedAtOnce() throws InterruptedException {
        ItemFeed feed = ItemFeed.ready(List.of(exported(1), exported(2)));

        assertThat(feed.await(1)).isEqualTo(exported(2));
        assertThat(feed.awaitAll()).containsExactly(exported(1), exported(2));
        assertThat(feed.isFailed()).isFalse();
    }

    @Test
    void shouldRefuseToCallTheFeedCompleteWhileAnItemIsMissing() {
        ItemFeed feed = new ItemFeed(List.of(planned(1), planned(2)));
        feed.ready(0, exported(1));

        assertThatThrownBy(feed::allReady).isInstanceOf(IllegalStateException.class);
    }
}
