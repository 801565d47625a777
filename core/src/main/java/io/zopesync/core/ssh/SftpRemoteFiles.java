package io.zopesync.core.ssh;

import static io.zopesync.core.ssh.RemotePaths.checkDir;
import static io.zopesync.core.ssh.RemotePaths.checkName;
import static io.zopesync.core.ssh.RemotePaths.join;
import static io.zopesync.core.ssh.RemotePaths.sftp;

import com.jcraft.jsch.ChannelSftp;
import com.jcraft.jsch.JSchException;
import com.jcraft.jsch.Session;
import com.jcraft.jsch.SftpATTRS;
import com.jcraft.jsch.SftpException;
import com.jcraft.jsch.SftpProgressMonitor;
import io.zopesync.core.kernel.SyncLog;
import io.zopesync.core.kernel.Timeouts;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.LongConsumer;

/**
 * {@link RemoteFiles} over SFTP: one SSH session, a small pool of SFTP channels on it (one per concurrent caller,
 * at most {@value #MAX_CHANNELS}; a {@code ChannelSftp} is not safe for two threads at once).
 *
 * <p>Uploads stream the local file with {@code put(InputStream, tmp, monitor, OVERWRITE)} and
 * {@value #BULK_REQUESTS} write requests in flight to {@code .<name>.part}, compare the temporary file's size with
 * the local one and rename it to the final name (JSch uses the atomic {@code posix-rename@openssh.com} where the
 * server offers it). On any failure the temporary file is removed if the session still stands. Every remote path
 * handed to {@code ChannelSftp} is glob-escaped ({@code \}, {@code *}, {@code ?}): it treats them as wildcards.
 *
 * <p>{@link #createExclusive} writes the content to a uniquely named temporary file and then makes the final name
 * a hard link to it with {@code hardlink@openssh.com} (OpenSSH and Apache MINA SSHD both offer it): the server's
 * {@code link(2)} / {@code Files.createLink} fails if the name exists, so exactly one of two racing callers wins,
 * and the file is complete the moment it appears. SFTP v3 cannot open a file with {@code O_EXCL} through JSch's
 * public API, and a {@code mkdir}-based lock could not carry content. A server without the extension but also
 * without {@code posix-rename@openssh.com} gets a plain SFTP rename, which the protocol defines as failing if the
 * target exists; with neither, the call fails with a message saying so.
 */
final class SftpRemoteFiles extends JschRemoteFiles {
    /** The most SFTP channels opened on the one session (OpenSSH allows 10 per connection by default). */
    static final int MAX_CHANNELS = 8;
    /** Write requests in flight, as OpenSSH's own client: JSch's default of 16 is slow with real round trips. */
    static final int BULK_REQUESTS = 64;
    private static final int READ_LIMIT = 64 * 1024;

    private final Deque<ChannelSftp> idle = new ArrayDeque<>();
    private final Semaphore permits = new Semaphore(MAX_CHANNELS);

    private SftpRemoteFiles(String endpoint, Session session, Timeouts timeouts, SyncLog log) {
        super(endpoint, session, timeouts, log);
    }

    /**
     * Wraps a connected session and opens its first SFTP channel, so that a server without the SFTP subsystem is
     * found out at once.
     *
     * @throws TransferException naming the endpoint if no SFTP channel can be opened (the session is closed)
     */
    static SftpRemoteFiles open(String endpoint, Session session, Timeouts timeouts, SyncLog log) {
        SftpRemoteFiles files = new SftpRemoteFiles(endpoint, session, timeouts, log);
        try {
            ChannelSftp first = files.call("start of", "SFTP", false, files::openChannel);
            synchronized (files.idle) {
                files.idle.push(first);
            }
            return files;
        } catch (TransferException e) {
            files.close();
            throw new TransferException(e.getKind(), endpoint, e.getMessage() + "; if the server has no SFTP"
                    + " subsystem, use the SCP protocol", e.getCause());
        }
    }

    /** Opens a channel; it is attached to the operation first, so that the watchdog can end a stalled start. */
    private ChannelSftp openChannel(Operation operation) throws JSchException {
        ChannelSftp channel = (ChannelSftp) session.openChannel("sftp");
        operation.attach(channel);
        channel.setBulkRequests(BULK_REQUESTS);
        channel.connect(Math.toIntExact(Math.min(Integer.MAX_VALUE, timeouts.getRead().toMillis())));
        return channel;
    }

    /** SFTP I/O on a pooled channel. */
    @FunctionalInterface
    private interface SftpBody<T> {
        T run(ChannelSftp channel, Operation operation) throws Exception;
    }

    private <T> T onChannel(String what, String path, boolean gentleCancel, SftpBody<T> body) {
        return call(what, path, gentleCancel, operation -> {
            acquirePermit(operation);
            ChannelSftp channel = null;
            boolean healthy = false;
            try {
                channel = borrow(operation);
                T result = body.run(channel, operation);
                healthy = true;
                return result;
            } catch (SftpException e) {
                healthy = e.getCause() == null && !operation.isPipelined();
                throw e;
            } catch (TransferException e) {
                healthy = e.getKind() == TransferException.Kind.FILE && !operation.isPipelined();
                throw e;
            } finally {
                giveBack(channel, healthy && !operation.isExpired());
                permits.release();
            }
        });
    }

    private void acquirePermit(Operation operation) throws InterruptedException {
        while (!permits.tryAcquire(1, TimeUnit.SECONDS)) {
            operation.touch();
            if (operation.isCancelled()) {
                throw cancelled(operation);
            }
            if (isClosed()) {
                throw new TransferException(TransferException.Kind.TRANSPORT, endpoint,
                        message(operation.getWhat(), operation.getPath(), "the SSH session was closed"), null);
            }
        }
    }

    private ChannelSftp borrow(Operation operation) throws JSchException {
        synchronized (idle) {
            while (!idle.isEmpty()) {
                ChannelSftp channel = idle.pop();
                if (channel.isConnected()) {
                    operation.attach(channel);
                    return channel;
                }
            }
        }
        return openChannel(operation);
    }

    private void giveBack(ChannelSftp channel, boolean healthy) {
        if (channel == null) {
            return;
        }
        if (healthy && channel.isConnected() && !isClosed()) {
            synchronized (idle) {
                idle.push(channel);
            }
        } else {
            channel.disconnect();
        }
    }

    @Override
    void closeChannels() {
        synchronized (idle) {
            idle.forEach(ChannelSftp::disconnect);
            idle.clear();
        }
    }

    @Override
    public void checkWritableDirectory(String dir) {
        String directory = checkDir(dir);
        String probe = join(directory, ".zope-sync-probe-" + randomSuffix());
        onChannel("check of directory", directory, false, (channel, operation) -> {
            SftpATTRS attrs;
            try {
                attrs = channel.stat(sftp(directory));
            } catch (SftpException e) {
                if (e.id == ChannelSftp.SSH_FX_NO_SUCH_FILE) {
                    throw fileProblem(operation, "it does not exist", e);
                }
                throw e;
            }
            if (!attrs.isDir()) {
                throw fileProblem(operation, "it is not a directory", null);
            }
            try {
                operation.markPipelined();
                channel.put(new ByteArrayInputStream(new byte[0]), sftp(probe), ChannelSftp.OVERWRITE);
            } catch (SftpException e) {
                if (e.getCause() != null) {
                    throw e;
                }
                throw fileProblem(operation, "cannot create a file in it ("
                        + statusText(e) + ")", e);
            }
            channel.rm(sftp(probe));
            return null;
        });
    }

    @Override
    void uploadViaTemporary(Path local, long size, String directory, String temporaryName, String target,
            LongConsumer progress) {
        String temporary = join(directory, temporaryName);
        onChannel("upload of", target, true, (channel, operation) -> {
            Monitor monitor = new Monitor(operation, progress);
            try (LocalInput in = new LocalInput(Files.newInputStream(local))) {
                try {
                    operation.markPipelined();
                    channel.put(in, sftp(temporary), monitor, ChannelSftp.OVERWRITE);
                } catch (SftpException e) {
                    if (in.getFailure() != null) {
                        throw localProblem(local, target, in.getFailure());
                    }
                    throw e;
                }
                if (operation.isCancelled()) {
                    throw cancelled(operation);
                }
            }
            long remote = channel.stat(sftp(temporary)).getSize();
            if (remote != size) {
                throw fileProblem(operation, "the uploaded file has " + remote + " bytes instead of " + size
                        + " (is the disk full?)", null);
            }
            channel.rename(sftp(temporary), sftp(target));
            return null;
        });
    }

    @Override
    void writeViaTemporary(byte[] content, String directory, String temporaryName, String target) {
        String temporary = join(directory, temporaryName);
        onChannel("writing of", target, false, (channel, operation) -> {
            operation.markPipelined();
            channel.put(new ByteArrayInputStream(content), sftp(temporary), ChannelSftp.OVERWRITE);
            channel.rename(sftp(temporary), sftp(target));
            return null;
        });
    }

    @Override
    void removeTemporary(String path) {
        onChannel("removal of the temporary file", path, false, (channel, operation) -> {
            removeIfPresent(channel, path);
            return null;
        });
    }

    private static void removeIfPresent(ChannelSftp channel, String path) throws SftpException {
        try {
            channel.rm(sftp(path));
        } catch (SftpException e) {
            if (e.id != ChannelSftp.SSH_FX_NO_SUCH_FILE) {
                throw e;
            }
        }
    }

    @Override
    public Optional<Long> size(String dir, String name) {
        String path = join(checkDir(dir), checkName(name));
        return onChannel("size of", path, false, (channel, operation) -> {
            try {
                return Optional.of(channel.stat(sftp(path)).getSize());
            } catch (SftpException e) {
                if (e.id == ChannelSftp.SSH_FX_NO_SUCH_FILE) {
                    return Optional.empty();
                }
                throw e;
            }
        });
    }

    @Override
    public void remove(String dir, String name) {
        String path = join(checkDir(dir), checkName(name));
        onChannel("removal of", path, false, (channel, operation) -> {
            removeIfPresent(channel, path);
            return null;
        });
    }

    @Override
    public List<String> list(String dir) {
        String directory = checkDir(dir);
        return onChannel("listing of", directory, false, (channel, operation) -> {
            List<String> names = new ArrayList<>();
            channel.ls(sftp(directory), entry -> {
                String name = entry.getFilename();
                if (!name.equals(".") && !name.equals("..")) {
                    names.add(name);
                }
                operation.touch();
                return ChannelSftp.LsEntrySelector.CONTINUE;
            });
            Collections.sort(names);
            return List.copyOf(names);
        });
    }

    @Override
    public boolean createExclusive(String dir, String name, byte[] content) {
        Objects.requireNonNull(content, "content");
        String directory = checkDir(dir);
        String target = join(directory, checkName(name));
        String temporary = join(directory, "." + name + "." + randomSuffix() + ".tmp");
        byte[] copy = content.clone();
        try {
            return onChannel("exclusive creation of", target, false, (channel, operation) -> {
                operation.markPipelined();
                try {
                    channel.put(new ByteArrayInputStream(copy), sftp(temporary), ChannelSftp.OVERWRITE);
                    linkExclusively(channel, operation, temporary, target);
                    return true;
                } catch (SftpException e) {
                    if (e.getCause() == null && exists(channel, target)) {
                        return false;
                    }
                    throw e;
                } finally {
                    removeIfPresent(channel, temporary);
                }
            });
        } catch (TransferException e) {
            // A cancelled or broken channel could not remove it above; try once more on a fresh one.
            removeAfterFailure(temporary, e);
            throw e;
        }
    }

    private void linkExclusively(ChannelSftp channel, Operation operation, String from, String to)
            throws SftpException {
        if ("1".equals(channel.getExtension("hardlink@openssh.com"))) {
            channel.hardlink(sftp(from), sftp(to));
        } else if (channel.getExtension("posix-rename@openssh.com") == null) {
            channel.rename(sftp(from), sftp(to));
        } else {
            throw fileProblem(operation, "the server offers neither hardlink@openssh.com nor a rename that keeps"
                    + " an existing file, so the file cannot be created atomically", null);
        }
    }

    private static boolean exists(ChannelSftp channel, String path) throws SftpException {
        try {
            channel.lstat(sftp(path));
            return true;
        } catch (SftpException e) {
            if (e.id == ChannelSftp.SSH_FX_NO_SUCH_FILE) {
                return false;
            }
            throw e;
        }
    }

    @Override
    public Optional<byte[]> read(String dir, String name) {
        String path = join(checkDir(dir), checkName(name));
        return onChannel("reading of", path, false, (channel, operation) -> {
            try (InputStream in = channel.get(sftp(path))) {
                byte[] data = in.readNBytes(READ_LIMIT + 1);
                if (data.length > READ_LIMIT) {
                    throw fileProblem(operation, "the file is larger than " + READ_LIMIT / 1024 + " KiB", null);
                }
                return Optional.of(data);
            } catch (SftpException e) {
                if (e.id == ChannelSftp.SSH_FX_NO_SUCH_FILE) {
                    return Optional.empty();
                }
                throw e;
            }
        });
    }

    @Override
    TransferException translate(Operation operation, Exception e) {
        TransferException transport = translateTransport(operation, e);
        if (transport != null) {
            return transport;
        }
        if (e instanceof SftpException && e.getCause() == null) {
            return fileProblem(operation, statusText((SftpException) e), e);
        }
        if (e instanceof JSchException) {
            return new TransferException(TransferException.Kind.TRANSPORT, endpoint,
                    message(operation.getWhat(), operation.getPath(), "cannot open an SFTP channel ("
                            + describe(e) + ")"), e);
        }
        return new TransferException(TransferException.Kind.TRANSPORT, endpoint,
                message(operation.getWhat(), operation.getPath(), describe(e)), e);
    }

    private static String statusText(SftpException e) {
        String server = e.getMessage() == null || e.getMessage().isBlank() ? "" : ": " + e.getMessage();
        switch (e.id) {
            case ChannelSftp.SSH_FX_NO_SUCH_FILE:
                return "no such file or directory" + server;
            case ChannelSftp.SSH_FX_PERMISSION_DENIED:
                return "permission denied" + server;
            case ChannelSftp.SSH_FX_FAILURE:
                return "the server reported a failure (a full disk, or a file that exists already?)" + server;
            case ChannelSftp.SSH_FX_OP_UNSUPPORTED:
                return "the server does not support this operation" + server;
            default:
                return "SFTP status " + e.id + server;
        }
    }

    /** Reports progress, feeds the watchdog and stops the upload once the caller cancels. */
    private static final class Monitor implements SftpProgressMonitor {
        private final Operation operation;
        private final LongConsumer progress;
        private long sent;

        Monitor(Operation operation, LongConsumer progress) {
            this.operation = operation;
            this.progress = progress;
        }

        @Override
        public void init(int op, String src, String dest, long max) {
            operation.touch();
        }

        @Override
        public boolean count(long bytes) {
            sent += bytes;
            operation.touch();
            progress.accept(sent);
            return !operation.isCancelled() && !Thread.currentThread().isInterrupted();
        }

        @Override
        public void end() {
            operation.touch();
        }
    }
}
