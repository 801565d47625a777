package io.zopesync.core.ssh;

import com.jcraft.jsch.Channel;
import com.jcraft.jsch.Session;
import io.zopesync.core.kernel.SyncLog;
import io.zopesync.core.kernel.Timeouts;
import io.zopesync.core.kernel.ZopeSyncException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongConsumer;
import org.jspecify.annotations.Nullable;

/**
 * What the SFTP and SCP implementations share: one JSch session, a {@link Watchdog}, and the way an operation
 * runs.
 *
 * <p><b>Why operations run on worker threads.</b> JSch swallows interrupts in places (it waits for the remote
 * window with {@code wait(100)} and ignores {@link InterruptedException}) and elsewhere turns them into an
 * {@link InterruptedIOException} that leaves a channel mid-conversation. So the caller's thread only waits for a
 * worker that does the I/O. An interrupt of the caller is seen there, never lost: it marks the operation
 * cancelled (an upload's progress monitor then stops at the next block and removes the temporary file; other
 * operations have their channel closed), the caller waits for the worker to finish its clean-up, restores its
 * interrupt flag and throws a {@link TransferException} that says the operation was cancelled. An operation that
 * completed before it noticed the cancellation returns normally, with the caller's interrupt flag set.
 */
abstract class JschRemoteFiles implements RemoteFiles {
    private static final AtomicInteger WORKER_IDS = new AtomicInteger();
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final long POLL_MILLIS = 200;
    private static final long STUCK_GRACE_MILLIS = 2000;

    /** {@code user@host:port}. */
    final String endpoint;
    final Session session;
    final Timeouts timeouts;
    final SyncLog log;
    private final Watchdog watchdog;
    private final ExecutorService workers;
    private volatile boolean closed;

    JschRemoteFiles(String endpoint, Session session, Timeouts timeouts, SyncLog log) {
        this.endpoint = endpoint;
        this.session = session;
        this.timeouts = timeouts;
        this.log = log;
        this.watchdog = new Watchdog(endpoint, timeouts.getRead());
        this.workers = Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, "zope-sync ssh " + endpoint + " #" + WORKER_IDS.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    @Override
    public final String getEndpoint() {
        return endpoint;
    }

    /** A remote operation's I/O, run on a worker thread. */
    @FunctionalInterface
    interface Body<T> {
        T run(Operation operation) throws Exception;
    }

    /** One running operation: its watch, its channel, whether it was cancelled. */
    final class Operation {
        private final String what;
        private final String path;
        private final boolean gentleCancel;
        private volatile @Nullable Channel channel;
        private volatile boolean cancelled;
        private volatile boolean pipelined;
        private volatile Watchdog.@Nullable Watch watch;

        private Operation(String what, String path, boolean gentleCancel) {
            this.what = what;
            this.path = path;
            this.gentleCancel = gentleCancel;
        }

        /** The channel to close if the operation stands still or is cancelled. */
        void attach(Channel attached) {
            this.channel = attached;
            // The watch may have expired (or the caller cancelled) while the channel was being found or opened.
            if (cancelled && !gentleCancel || isExpired()) {
                attached.disconnect();
            }
        }

        /** Bytes or answers moved. */
        void touch() {
            Watchdog.Watch current = watch;
            if (current != null) {
                current.touch();
            }
        }

        boolean isCancelled() {
            return cancelled;
        }

        /**
         * Notes that the operation sends requests without waiting for each answer (an SFTP upload): after a
         * failure, answers to requests sent earlier may still be on their way, so the channel must not be reused.
         */
        void markPipelined() {
            pipelined = true;
        }

        boolean isPipelined() {
            return pipelined;
        }

        boolean isExpired() {
            Watchdog.Watch current = watch;
            return current != null && current.isExpired();
        }

        String getWhat() {
            return what;
        }

        String getPath() {
            return path;
        }

        private void cancel() {
            cancelled = true;
            Channel current = channel;
            if (!gentleCancel && current != null) {
                current.disconnect();
            }
        }

        private void expire() {
            Channel current = channel;
            if (current != null) {
                current.disconnect();
            }
        }
    }

    /**
     * Runs an operation on a worker and waits for it.
     *
     * @param what e.g. {@code "upload of"}, for messages
     * @param path the remote path, for messages
     * @param gentleCancel {@code true} if the body checks {@link Operation#isCancelled()} itself and cleans up
     *        (an upload); {@code false} to close the channel at once on cancellation
     */
    final <T> T call(String what, String path, boolean gentleCancel, Body<T> body) {
        if (closed) {
            throw new TransferException(TransferException.Kind.TRANSPORT, endpoint,
                    message(what, path, "the SSH session was closed"), null);
        }
        Operation operation = new Operation(what, path, gentleCancel);
        Future<T> future;
        try {
            future = workers.submit(() -> {
                try (Watchdog.Watch watch = watchdog.start(operation::expire)) {
                    operation.watch = watch;
                    return body.run(operation);
                }
            });
        } catch (RejectedExecutionException e) {
            throw new TransferException(TransferException.Kind.TRANSPORT, endpoint,
                    message(what, path, "the SSH session was closed"), e);
        }
        try {
            return awaitWatched(operation, future);
        } catch (InterruptedException e) {
            operation.cancel();
            try {
                return unwrap(operation,
                        () -> future.get(timeouts.getRead().toMillis() + 1000, TimeUnit.MILLISECONDS));
            } catch (InterruptedException | TimeoutException again) {
                operation.expire();
                throw cancelled(operation);
            } catch (TransferException failure) {
                boolean saysCancelled = failure.getMessage().equals(message(what, path, "cancelled"));
                throw saysCancelled ? failure : cancelled(operation, failure);
            } finally {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * Waits for an operation. One whose watch expired but that still does not end (JSch can stay blocked on a
     * channel that was closed before it was connected) gets {@value #STUCK_GRACE_MILLIS} ms more; then the whole
     * session is closed, which ends every read on it, and the operation fails as a transport failure: the server
     * stopped answering, so the session is of no use any more.
     */
    private <T> T awaitWatched(Operation operation, Future<T> future) throws InterruptedException {
        long expiredAt = 0;
        while (true) {
            try {
                return unwrap(operation, () -> future.get(POLL_MILLIS, TimeUnit.MILLISECONDS));
            } catch (TimeoutException e) {
                if (!operation.isExpired()) {
                    continue;
                }
                long now = System.nanoTime();
                if (expiredAt == 0) {
                    expiredAt = now;
                } else if (now - expiredAt > TimeUnit.MILLISECONDS.toNanos(STUCK_GRACE_MILLIS)) {
                    log.warn(message(operation.what, operation.path, "it did not end after its channel was"
                            + " closed; closing the SSH session"));
                    session.disconnect();
                    try {
                        return unwrap(operation, () -> future.get(STUCK_GRACE_MILLIS, TimeUnit.MILLISECONDS));
                    } catch (TimeoutException again) {
                        future.cancel(true);
                        throw new TransferException(TransferException.Kind.TRANSPORT, endpoint,
                                message(operation.what, operation.path, "no progress for "
                                        + timeouts.getRead().toSeconds() + " s (the server stopped answering);"
                                        + " the session was closed"), again);
                    }
                }
            }
        }
    }

    /** A wait for a future, as a lambda. */
    @FunctionalInterface
    private interface Wait<T> {
        T get() throws InterruptedException, ExecutionException, TimeoutException;
    }

    private <T> T unwrap(Operation operation, Wait<T> wait)
            throws InterruptedException, TimeoutException {
        try {
            return wait.get();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof TransferException) {
                throw (TransferException) cause;
            }
            if (cause instanceof ZopeSyncException) {
                throw (ZopeSyncException) cause;
            }
            if (cause instanceof Error) {
                throw (Error) cause;
            }
            throw translate(operation, (Exception) cause);
        }
    }

    /**
     * Turns a JSch or I/O failure into a {@link TransferException} naming the endpoint, operation and path. Runs
     * after the operation's watch has been closed.
     */
    abstract TransferException translate(Operation operation, Exception e);

    /** The common cases of {@link #translate}: the watchdog fired, the session is gone, the caller cancelled. */
    final @Nullable TransferException translateTransport(Operation operation, Exception e) {
        if (operation.isExpired()) {
            return new TransferException(TransferException.Kind.TRANSPORT, endpoint, message(operation.what,
                    operation.path, "no progress for " + timeouts.getRead().toSeconds()
                            + " s (the server stopped answering); the channel was closed"), e);
        }
        if (operation.isCancelled()) {
            return cancelled(operation, e);
        }
        if (!session.isConnected()) {
            return new TransferException(TransferException.Kind.TRANSPORT, endpoint, message(operation.what,
                    operation.path, "the connection was lost (" + describe(e) + ")"), e);
        }
        return null;
    }

    final TransferException cancelled(Operation operation) {
        return cancelled(operation, null);
    }

    private TransferException cancelled(Operation operation, @Nullable Throwable cause) {
        return new TransferException(TransferException.Kind.TRANSPORT, endpoint,
                message(operation.what, operation.path, "cancelled"), cause);
    }

    /** The size of the local file to upload. */
    private long localSize(Path local, String target) {
        try {
            return Files.size(local);
        } catch (IOException e) {
            throw localProblem(local, target, e);
        }
    }

    final TransferException localProblem(Path local, String target, IOException e) {
        return new TransferException(TransferException.Kind.FILE, endpoint, "cannot read local file " + local
                + " to upload it as " + target + ": " + describe(e), e);
    }

    final TransferException fileProblem(Operation operation, String reason, Exception cause) {
        return new TransferException(TransferException.Kind.FILE, endpoint,
                message(operation.getWhat(), operation.getPath(), reason), cause);
    }

    /** Twelve random hex digits for temporary names. */
    static String randomSuffix() {
        byte[] bytes = new byte[6];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    /** {@code user@host:port: upload of /dir/name failed: reason} for what {@code "upload of"}. */
    final String message(String what, String path, String reason) {
        return endpoint + ": " + what + " " + path + " failed: " + reason;
    }

    /** A short description of a low-level failure (JSch and socket messages carry no secrets). */
    static String describe(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String text = root.getMessage();
        return text == null || text.isBlank() ? root.getClass().getSimpleName() : text;
    }

    /** Whether anything in the cause chain is an interruption. */
    static boolean isInterruption(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof InterruptedIOException || t instanceof InterruptedException) {
                return true;
            }
        }
        return false;
    }

    boolean isClosed() {
        return closed;
    }

    /**
     * Uploads through {@code .<name>.part}: checks the arguments and the local file, lets the subclass transfer,
     * check and rename, and removes the temporary file if anything fails.
     */
    @Override
    public final void upload(Path local, String dir, String name, LongConsumer progress) {
        Objects.requireNonNull(local, "local");
        Objects.requireNonNull(progress, "progress");
        String directory = RemotePaths.checkDir(dir);
        String target = RemotePaths.join(directory, RemotePaths.checkName(name));
        String temporaryName = "." + name + ".part";
        long size = localSize(local, target);
        try {
            uploadViaTemporary(local, size, directory, temporaryName, target, progress);
        } catch (TransferException e) {
            removeAfterFailure(RemotePaths.join(directory, temporaryName), e);
            throw e;
        }
    }

    /** Writes through {@code .<name>.part}, like {@link #upload}, and removes the temporary file on failure. */
    @Override
    public final void write(String dir, String name, byte[] content) {
        Objects.requireNonNull(content, "content");
        String directory = RemotePaths.checkDir(dir);
        String target = RemotePaths.join(directory, RemotePaths.checkName(name));
        String temporaryName = "." + name + ".part";
        try {
            writeViaTemporary(content, directory, temporaryName, target);
        } catch (TransferException e) {
            removeAfterFailure(RemotePaths.join(directory, temporaryName), e);
            throw e;
        }
    }

    /** Sends {@code content} as {@code directory/temporaryName} and renames it to {@code target}. */
    abstract void writeViaTemporary(byte[] content, String directory, String temporaryName, String target);

    /**
     * Sends the local file as {@code directory/temporaryName}, checks that it has {@code size} bytes there and
     * renames it to {@code target}; stops early if the operation is cancelled.
     */
    abstract void uploadViaTemporary(Path local, long size, String directory, String temporaryName, String target,
            LongConsumer progress);

    /**
     * Removes a temporary file after a failure, best effort: a failure to remove it is logged and
     * attached to the original failure. The interrupt flag is held back meanwhile, so that a cancelled upload can
     * still clean up.
     */
    final void removeAfterFailure(String temporary, TransferException failure) {
        if (isClosed() || !session.isConnected()) {
            log.warn(endpoint + ": could not remove the temporary file " + temporary + " (the session is gone)");
            return;
        }
        boolean interrupted = Thread.interrupted();
        try {
            removeTemporary(temporary);
        } catch (TransferException e) {
            failure.addSuppressed(e);
            log.warn(e.getMessage());
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Removes a file if it exists. */
    abstract void removeTemporary(String path);

    /** Closes the subclass's channels; called once from {@link #close()} before the session ends. */
    abstract void closeChannels();

    @Override
    public final void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            closeChannels();
        } finally {
            session.disconnect();
            watchdog.close();
            workers.shutdownNow();
            log.debug("ssh " + endpoint + ": session closed");
        }
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "[" + endpoint + "]";
    }

    /** Remembers a failure to read the local file, which would otherwise look like a transfer failure. */
    static final class LocalInput extends FilterInputStream {
        private @Nullable IOException failure;

        LocalInput(InputStream in) {
            super(in);
        }

        /** The read failure, or {@code null}. */
        @Nullable IOException getFailure() {
            return failure;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            try {
                return super.read(buffer, offset, length);
            } catch (IOException e) {
                failure = e;
                throw e;
            }
        }
    }
}
