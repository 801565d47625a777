package io.zopesync.core.internal;

import io.zopesync.core.model.Environment;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * One task per target, started at once on a pool of {@code parallelism} threads. {@link #await()} waits for
 * all; if the waiting thread is interrupted, the tasks are interrupted too and awaited, so that each restores
 * and cleans up its target; a task that never ran gets {@code notRun}'s value.
 */
final class TargetRuns<T> {
    /** How long a cancelled run waits for its targets to restore and clean up. */
    private static final long CANCEL_WAIT_MINUTES = 10;

    private final RunContext run;
    private final Function<String, T> notRun;
    private final List<Environment> targets;
    private final ExecutorService pool;
    private final List<Future<T>> futures = new ArrayList<>();

    TargetRuns(List<Callable<T>> tasks, RunContext run, Function<String, T> notRun,
            List<Environment> targets) {
        this.run = run;
        this.notRun = notRun;
        this.targets = targets;
        this.pool = Executors.newFixedThreadPool(Math.min(run.getOptions().getParallelism(),
                Math.max(1, tasks.size())), threads("zope-sync-target"));
        tasks.forEach(task -> futures.add(pool.submit(task)));
        pool.shutdown();
    }

    List<T> await() {
        boolean interrupted = false;
        try {
            try {
                while (!pool.awaitTermination(1, TimeUnit.SECONDS)) {
                    // keep waiting: every task ends by its own timeouts
                }
            } catch (InterruptedException e) {
                interrupted = true;
                run.getListener().warn("run " + run.getRunId() + " cancelled: restoring and cleaning up targets");
                pool.shutdownNow();
                try {
                    pool.awaitTermination(CANCEL_WAIT_MINUTES, TimeUnit.MINUTES);
                } catch (InterruptedException again) {
                    run.getListener().warn("cancelled again: not waiting for the targets' clean-up");
                }
            }
            List<T> results = new ArrayList<>();
            for (int i = 0; i < futures.size(); i++) {
                Future<T> future = futures.get(i);
                String name = targets.get(i).getName();
                if (future.isDone() && !future.isCancelled()) {
                    try {
                        results.add(future.get());
                    } catch (ExecutionException | InterruptedException e) {
                        results.add(notRun.apply(name));
                    }
                } else {
                    results.add(notRun.apply(name));
                }
            }
            return results;
        } finally {
            pool.shutdownNow();
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Runs one task per target, at most {@code parallelism} at once, and waits for all; see {@link TargetRuns}. */
    static <T> List<T> runAll(List<Callable<T>> tasks, RunContext run,
            Function<String, T> notRun, List<Environment> targets) {
        return new TargetRuns<>(tasks, run, notRun, targets).await();
    }

    /** Daemon threads named {@code prefix-1}, {@code prefix-2}, ... */
    static ThreadFactory threads(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return task -> {
            Thread thread = new Thread(task, prefix + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
