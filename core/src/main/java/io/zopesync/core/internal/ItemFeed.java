package io.zopesync.core.internal;

import io.zopesync.core.kernel.ZopeSyncException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * The files of a run as they become ready. A sync's targets start while its exports are still downloading: they
 * lock, recover, check and upload each file as soon as it is exported, and wait for every export before their
 * first change on the target, so that a failed export still leaves every target as it was. A promotion's or a
 * restore's files are all ready from the start ({@link #ready(List)}).
 *
 * <pre>
 * ItemFeed feed = new ItemFeed(planned);      // the exporter: feed.ready(i, item) ..., then feed.allReady()
 * PushItem item = feed.await(i);              // a target: the file to upload
 * List&lt;PushItem&gt; all = feed.awaitAll();    // a target, before its first change
 * </pre>
 *
 * Thread-safe.
 */
final class ItemFeed {
    /** The exports failed (or were cancelled): the target must change nothing; the engine reports the cause. */
    static final class NotExported extends ZopeSyncException {
        private static final long serialVersionUID = 1L;

        NotExported(ZopeSyncException cause) {
            super("the export failed: " + cause.getMessage(), cause);
        }
    }

    private final List<PushItem> planned;
    private final List<CompletableFuture<PushItem>> items = new ArrayList<>();
    private final CompletableFuture<List<PushItem>> all = new CompletableFuture<>();
    private volatile NotExported failure;

    /**
     * @param planned the items in the run's order, with what is known before the export (label, destination,
     *        remote name)
     */
    ItemFeed(List<PushItem> planned) {
        this.planned = List.copyOf(planned);
        planned.forEach(item -> items.add(new CompletableFuture<>()));
    }

    /** A feed whose files are all there already. */
    static ItemFeed ready(List<PushItem> items) {
        ItemFeed feed = new ItemFeed(items);
        for (int i = 0; i < items.size(); i++) {
            feed.ready(i, items.get(i));
        }
        feed.allReady();
        return feed;
    }

    /** Whether the export failed; no target may change anything then. */
    boolean isFailed() {
        return failure != null;
    }

    /**
     * Returns if the export has not failed (yet).
     *
     * @throws NotExported if it has
     */
    void checkNotFailed() {
        NotExported failed = failure;
        if (failed != null) {
            throw failed;
        }
    }

    /** The items as planned; their files and sizes may not be known yet. */
    List<PushItem> planned() {
        return planned;
    }

    /** The item at {@code index} has its file. */
    void ready(int index, PushItem item) {
        items.get(index).complete(item);
    }

    /** Every item has its file and the bundle is complete: targets may now change things. */
    void allReady() {
        List<PushItem> ready = new ArrayList<>();
        items.forEach(item -> ready.add(item.getNow(null)));
        if (ready.contains(null)) {
            throw new IllegalStateException("allReady() before every item is ready");
        }
        all.complete(List.copyOf(ready));
    }

    /** The export failed: every target waiting, or about to wait, gets {@link NotExported}. */
    void fail(ZopeSyncException cause) {
        NotExported failed = new NotExported(cause);
        failure = failed;
        all.completeExceptionally(failed);
        items.forEach(item -> item.completeExceptionally(failed));
    }

    /**
     * Waits for the file of the item at {@code index}.
     *
     * @throws NotExported if the export failed, even if this item's file is there
     * @throws InterruptedException if the waiting thread is interrupted
     */
    PushItem await(int index) throws InterruptedException {
        checkNotFailed();
        return get(items.get(index));
    }

    /**
     * Waits for every file and the complete bundle.
     *
     * @throws NotExported if the export failed
     * @throws InterruptedException if the waiting thread is interrupted
     */
    List<PushItem> awaitAll() throws InterruptedException {
        return get(all);
    }

    /** The item at {@code index} with its file if that is ready, else as planned. */
    PushItem readyOrPlanned(int index) {
        CompletableFuture<PushItem> item = items.get(index);
        return item.isDone() && !item.isCompletedExceptionally() ? item.join() : planned.get(index);
    }

    private static <T> T get(CompletableFuture<T> future) throws InterruptedException {
        try {
            return future.get();
        } catch (ExecutionException e) {
            throw (NotExported) e.getCause();
        }
    }
}
