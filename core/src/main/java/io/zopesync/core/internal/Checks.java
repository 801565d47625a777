package io.zopesync.core.internal;

import io.zopesync.core.kernel.ZopeSyncException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * Runs reads that may run side by side (existence checks) a few at a time on one server, so that their round
 * trips overlap instead of adding up.
 *
 * <p>{@code List<Boolean> found = Checks.each(paths, zope::exists)} checks every path, at most
 * {@value #MAX_AT_ONCE} at once, and returns the answers in the order of the paths. Only for calls that change
 * nothing: an import, rename or delete stays one after the other.
 *
 * <p>If a check fails, the checks not yet started are dropped, those under way are awaited (each ends by its own
 * timeouts), and the failure of the first failed input (in the inputs' order) is thrown, as a sequential loop would.
 * If the calling thread is interrupted, the checks are interrupted and awaited, and a {@link ZopeSyncException}
 * saying so is thrown with the thread's interrupt flag kept.
 */
final class Checks {
    /** The most checks in flight at once on one server. */
    static final int MAX_AT_ONCE = 4;
    /** How long an interrupted caller waits for its checks to notice. */
    private static final long CANCEL_WAIT_SECONDS = 30;

    private Checks() {
    }

    /**
     * Applies {@code check} to every input, at most {@value #MAX_AT_ONCE} at once.
     *
     * @return the answers, in the order of {@code inputs}
     * @throws ZopeSyncException the first failed input's failure, or "cancelled" if the thread was interrupted
     */
    static <T, R> List<R> each(List<T> inputs, Function<T, R> check) {
        if (inputs.size() <= 1) {
            return inputs.stream().map(check).toList();
        }
        AtomicInteger count = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(MAX_AT_ONCE, inputs.size()), task -> {
            Thread thread = new Thread(task, "zope-sync-check-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        try {
            List<Future<R>> futures = new ArrayList<>();
            for (T input : inputs) {
                futures.add(pool.submit(() -> check.apply(input)));
            }
            pool.shutdown();
            List<R> answers = new ArrayList<>();
            RuntimeException failure = null;
            for (Future<R> future : futures) {
                try {
                    R answer = future.get();
                    if (failure == null) {
                        answers.add(answer);
                    }
                } catch (ExecutionException e) {
                    if (failure == null) {
                        failure = unwrap(e.getCause());
                        futures.forEach(f -> f.cancel(false));
                    }
                } catch (CancellationException e) {
                    // dropped after an earlier input failed
                }
            }
            if (failure != null) {
                throw failure;
            }
            return answers;
        } catch (InterruptedException e) {
            pool.shutdownNow();
            try {
                pool.awaitTermination(CANCEL_WAIT_SECONDS, TimeUnit.SECONDS);
            } catch (InterruptedException again) {
                e.addSuppressed(again);
            }
            Thread.currentThread().interrupt();
            throw new ZopeSyncException("cancelled", e);
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * Waits for a task run in the background and returns its answer.
     *
     * @throws RuntimeException what the task threw (a checked exception wrapped in a {@link ZopeSyncException})
     * @throws InterruptedException if the waiting thread is interrupted
     */
    static <T> T result(Future<T> task) throws InterruptedException {
        try {
            return task.get();
        } catch (ExecutionException e) {
            throw unwrap(e.getCause());
        }
    }

    /**
     * The answer of a background task that is done, without waiting.
     *
     * @throws RuntimeException what the task threw, as {@link #result(Future)}
     * @throws IllegalStateException if the task is not done
     */
    static <T> T resultNow(Future<T> task) {
        if (!task.isDone()) {
            throw new IllegalStateException("the task is not done");
        }
        try {
            return result(task);
        } catch (InterruptedException e) {
            // get() on a done task does not wait, so it is not interrupted
            Thread.currentThread().interrupt();
            throw new IllegalStateException("a done task's answer was interrupted", e);
        }
    }

    private static RuntimeException unwrap(Throwable cause) {
        if (cause instanceof RuntimeException) {
            return (RuntimeException) cause;
        }
        if (cause instanceof Error) {
            throw (Error) cause;
        }
        return new ZopeSyncException(String.valueOf(cause.getMessage()), cause);
    }
}
