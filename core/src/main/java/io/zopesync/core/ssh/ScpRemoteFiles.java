package io.zopesync.core.ssh;

import static io.zopesync.core.ssh.RemotePaths.checkDir;
import static io.zopesync.core.ssh.RemotePaths.checkName;
import static io.zopesync.core.ssh.RemotePaths.join;
import static io.zopesync.core.ssh.RemotePaths.shell;

import com.jcraft.jsch.ChannelExec;
import com.jcraft.jsch.JSchException;
import com.jcraft.jsch.Session;
import io.zopesync.core.kernel.SyncLog;
import io.zopesync.core.kernel.Timeouts;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.LongConsumer;

/**
 * {@link RemoteFiles} for servers without the SFTP subsystem: the classic SCP protocol ({@code scp -t}) and a few
 * POSIX commands, each over its own exec channel on the one session.
 *
 * <p><b>What reaches the remote shell.</b> An exec command is run by the user's login shell, which must be a POSIX
 * shell. Only two kinds of value ever appear in a command: the import directory, which {@link SshSettings} has
 * validated (absolute, no {@code ..}, no control characters), and file names that zope-sync generated from
 * {@code [A-Za-z0-9._-]} (checked again here); both are single-quoted ({@link RemotePaths#shell}). The uploaded
 * file's name travels in the SCP protocol's {@code C0644 <size> <name>} line, which no shell reads.
 *
 * <p>Commands (POSIX, plus {@code stat -c} of GNU coreutils or BusyBox): upload with {@code scp -t -d '<dir>'}
 * to {@code .<name>.part}, then one command that compares its size ({@code stat -c %s}) and renames it
 * ({@code mv -f}), or for {@link #write} only renames it; {@code rm -f --}; {@code ls -1A --}; {@code head -c} to
 * read. {@link #createExclusive} uploads the content to a uniquely named temporary file and then runs {@code ln}:
 * {@code link(2)} fails if the name exists, so the lock file appears atomically and complete (a {@code set -C}
 * noclobber redirection would be atomic too, but a reader could see the file before its content is written).
 */
final class ScpRemoteFiles extends JschRemoteFiles {
    private static final int READ_LIMIT = 64 * 1024;
    private static final int LIST_LIMIT = 16 * 1024 * 1024;
    private static final int ERROR_LIMIT = 4096;
    /** Commands whose output is not used may still print (a chatty shell start-up file): read and drop it. */
    private static final int IGNORED_OUTPUT_LIMIT = 4096;
    private static final int MISSING = 44;
    private static final int NOT_A_DIRECTORY = 45;
    private static final int NOT_WRITABLE = 46;
    private static final int EXISTS = 47;
    private static final int SIZE_MISMATCH = 48;

    ScpRemoteFiles(String endpoint, Session session, Timeouts timeouts, SyncLog log) {
        super(endpoint, session, timeouts, log);
    }

    @Override
    void closeChannels() {
        // Exec channels live for one command each; the session's end closes any still open.
    }

    @Override
    public void checkWritableDirectory(String dir) {
        String directory = checkDir(dir);
        String probe = shell(join(directory, ".zope-sync-probe-" + randomSuffix()));
        String command = "d=" + shell(directory) + "; [ -e \"$d\" ] || exit " + MISSING + "; [ -d \"$d\" ] || exit "
                + NOT_A_DIRECTORY + "; touch -- " + probe + " || exit " + NOT_WRITABLE + "; rm -f -- " + probe;
        call("check of directory", directory, false, operation -> {
            Result result = exec(operation, command, IGNORED_OUTPUT_LIMIT);
            switch (result.exit) {
                case 0:
                    return null;
                case MISSING:
                    throw fileProblem(operation, "it does not exist", null);
                case NOT_A_DIRECTORY:
                    throw fileProblem(operation, "it is not a directory", null);
                case NOT_WRITABLE:
                    throw fileProblem(operation, "cannot create a file in it (" + result.error() + ")", null);
                default:
                    throw failed(operation, result);
            }
        });
    }

    @Override
    void uploadViaTemporary(Path local, long size, String directory, String temporaryName, String target,
            LongConsumer progress) {
        String temporary = join(directory, temporaryName);
        call("upload of", target, true, operation -> {
            try (LocalInput in = new LocalInput(Files.newInputStream(local))) {
                try {
                    send(operation, directory, temporaryName, in, size, progress);
                } catch (IOException e) {
                    if (in.getFailure() != null) {
                        throw localProblem(local, target, in.getFailure());
                    }
                    throw e instanceof ScpProtocolException || !operation.isCancelled() ? e : cancelled(operation);
                }
            }
            if (operation.isCancelled()) {
                throw cancelled(operation);
            }
            String command = "[ \"$(stat -c %s -- " + shell(temporary) + ")\" = " + size + " ] || exit "
                    + SIZE_MISMATCH + "; mv -f -- " + shell(temporary) + " " + shell(target);
            Result result = exec(operation, command, IGNORED_OUTPUT_LIMIT);
            if (result.exit == SIZE_MISMATCH) {
                throw fileProblem(operation, "the uploaded file does not have " + size
                        + " bytes (is the disk full?)", null);
            }
            if (result.exit != 0) {
                throw failed(operation, result);
            }
            return null;
        });
    }

    @Override
    void writeViaTemporary(byte[] content, String directory, String temporaryName, String target) {
        String temporary = join(directory, temporaryName);
        call("writing of", target, false, operation -> {
            send(operation, directory, temporaryName, new ByteArrayInputStream(content), content.length, sent -> { });
            if (operation.isCancelled()) {
                throw cancelled(operation);
            }
            Result result = exec(operation, "mv -f -- " + shell(temporary) + " " + shell(target),
                    IGNORED_OUTPUT_LIMIT);
            if (result.exit != 0) {
                throw failed(operation, result);
            }
            return null;
        });
    }

    @Override
    void removeTemporary(String path) {
        removePath("removal of the temporary file", path);
    }

    /**
     * Sends one file with {@code scp -t}: wait for the sink's ready byte, the {@code C} line, the bytes, a zero
     * byte, each acknowledged.
     */
    private void send(Operation operation, String directory, String fileName, InputStream data, long size,
            LongConsumer progress) throws JSchException, IOException {
        ChannelExec channel = (ChannelExec) session.openChannel("exec");
        ByteArrayOutputStream errors = new ByteArrayOutputStream();
        try {
            // -d: the sink refuses a target that is not a directory instead of writing a file under its name.
            channel.setCommand("scp -t -d " + shell(directory));
            channel.setErrStream(errors, true);
            OutputStream out = channel.getOutputStream();
            InputStream in = channel.getInputStream();
            operation.attach(channel);
            channel.connect(readTimeoutMillis());
            expectAck(operation, in, errors);
            out.write(("C0644 " + size + " " + fileName + "\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            expectAck(operation, in, errors);
            byte[] buffer = new byte[32 * 1024];
            long sent = 0;
            int n;
            while (sent < size && (n = data.read(buffer, 0, (int) Math.min(buffer.length, size - sent))) > 0) {
                out.write(buffer, 0, n);
                sent += n;
                operation.touch();
                progress.accept(sent);
                if (operation.isCancelled()) {
                    return;
                }
            }
            if (sent != size) {
                throw new IOException("the local file changed its size during the upload");
            }
            out.write(0);
            out.flush();
            expectAck(operation, in, errors);
            out.close();
            awaitExit(operation, channel);
        } finally {
            channel.disconnect();
        }
    }

    private static void expectAck(Operation operation, InputStream in, ByteArrayOutputStream errors)
            throws IOException {
        int status = in.read();
        operation.touch();
        if (status == 0) {
            return;
        }
        if (status == 1 || status == 2) {
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            int c;
            while ((c = in.read()) != -1 && c != '\n' && line.size() < ERROR_LIMIT) {
                line.write(c);
            }
            throw new ScpProtocolException("scp: " + line.toString(StandardCharsets.UTF_8).strip());
        }
        String stderr = errors.toString(StandardCharsets.UTF_8).strip();
        throw new ScpProtocolException(status == -1 ? "scp ended early" + (stderr.isEmpty() ? " (is scp installed"
                + " on the server?)" : ": " + stderr) : "scp answered with the unexpected byte " + status);
    }

    @Override
    public Optional<Long> size(String dir, String name) {
        String path = join(checkDir(dir), checkName(name));
        String command = "[ -e " + shell(path) + " ] || exit " + MISSING + "; stat -c %s -- " + shell(path);
        return call("size of", path, false, operation -> {
            Result result = exec(operation, command, 64);
            if (result.exit == MISSING) {
                return Optional.empty();
            }
            if (result.exit != 0) {
                throw failed(operation, result);
            }
            try {
                return Optional.of(Long.parseLong(result.output().strip()));
            } catch (NumberFormatException e) {
                throw fileProblem(operation, "stat printed no size: " + result.output().strip(), e);
            }
        });
    }

    @Override
    public void remove(String dir, String name) {
        removePath("removal of", join(checkDir(dir), checkName(name)));
    }

    private void removePath(String what, String path) {
        call(what, path, false, operation -> {
            Result result = exec(operation, "rm -f -- " + shell(path), IGNORED_OUTPUT_LIMIT);
            if (result.exit != 0) {
                throw failed(operation, result);
            }
            return null;
        });
    }

    @Override
    public List<String> list(String dir) {
        String directory = checkDir(dir);
        return call("listing of", directory, false, operation -> {
            Result result = exec(operation, "ls -1A -- " + shell(directory), LIST_LIMIT);
            if (result.exit != 0) {
                throw failed(operation, result);
            }
            return result.output().lines().filter(line -> !line.isEmpty()).sorted().toList();
        });
    }

    @Override
    public boolean createExclusive(String dir, String name, byte[] content) {
        Objects.requireNonNull(content, "content");
        String directory = checkDir(dir);
        String target = join(directory, checkName(name));
        String temporaryName = "." + name + "." + randomSuffix() + ".tmp";
        String temporary = shell(join(directory, temporaryName));
        byte[] copy = content.clone();
        String command = "ln -- " + temporary + " " + shell(target) + "; s=$?; rm -f -- " + temporary
                + "; [ $s -eq 0 ] && exit 0; [ -e " + shell(target) + " ] && exit " + EXISTS + "; exit $s";
        return call("exclusive creation of", target, false, operation -> {
            send(operation, directory, temporaryName, new ByteArrayInputStream(copy), copy.length, sent -> { });
            Result result = exec(operation, command, IGNORED_OUTPUT_LIMIT);
            if (result.exit == EXISTS) {
                return false;
            }
            if (result.exit != 0) {
                throw failed(operation, result);
            }
            return true;
        });
    }

    @Override
    public Optional<byte[]> read(String dir, String name) {
        String path = join(checkDir(dir), checkName(name));
        String command = "[ -e " + shell(path) + " ] || exit " + MISSING + "; head -c " + (READ_LIMIT + 1) + " -- "
                + shell(path);
        return call("reading of", path, false, operation -> {
            Result result = exec(operation, command, READ_LIMIT + 1);
            if (result.exit == MISSING) {
                return Optional.empty();
            }
            if (result.exit != 0) {
                throw failed(operation, result);
            }
            if (result.out.length > READ_LIMIT) {
                throw fileProblem(operation, "the file is larger than " + READ_LIMIT / 1024 + " KiB", null);
            }
            return Optional.of(result.out);
        });
    }

    /** What an exec command left behind. */
    private static final class Result {
        private final int exit;
        private final byte[] out;
        private final String err;

        Result(int exit, byte[] out, String err) {
            this.exit = exit;
            this.out = out;
            this.err = err;
        }

        String output() {
            return new String(out, StandardCharsets.UTF_8);
        }

        String error() {
            return err.isBlank() ? "exit status " + exit : err.strip();
        }
    }

    /**
     * Runs one command and collects up to {@code outputLimit} bytes of its output (more ends the channel and
     * fails) and the start of its error output.
     */
    private Result exec(Operation operation, String command, int outputLimit) throws JSchException, IOException {
        ChannelExec channel = (ChannelExec) session.openChannel("exec");
        ByteArrayOutputStream errors = new ByteArrayOutputStream();
        try {
            channel.setCommand(command);
            channel.setErrStream(errors, true);
            InputStream in = channel.getInputStream();
            operation.attach(channel);
            channel.connect(readTimeoutMillis());
            channel.getOutputStream().close();
            byte[] out = in.readNBytes(outputLimit);
            operation.touch();
            if (in.read() != -1) {
                throw new ScpProtocolException("the output of '" + command + "' is longer than " + outputLimit
                        + " bytes");
            }
            awaitExit(operation, channel);
            String err = errors.toString(StandardCharsets.UTF_8);
            return new Result(channel.getExitStatus(), out, err.length() > ERROR_LIMIT ? err.substring(0,
                    ERROR_LIMIT) : err);
        } finally {
            channel.disconnect();
        }
    }

    /** The exit status follows the end of the output closely; the watchdog bounds this wait. */
    private void awaitExit(Operation operation, ChannelExec channel) throws IOException {
        while (!channel.isClosed()) {
            if (operation.isExpired() || operation.isCancelled()) {
                throw new IOException("no exit status");
            }
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while waiting for the exit status", e);
            }
        }
        if (channel.getExitStatus() < 0) {
            throw new IOException("the command ended without an exit status");
        }
    }

    private int readTimeoutMillis() {
        return Math.toIntExact(Math.min(Integer.MAX_VALUE, timeouts.getRead().toMillis()));
    }

    private TransferException failed(Operation operation, Result result) {
        return fileProblem(operation, result.error(), null);
    }

    @Override
    TransferException translate(Operation operation, Exception e) {
        TransferException transport = translateTransport(operation, e);
        if (transport != null) {
            return transport;
        }
        if (e instanceof ScpProtocolException) {
            return fileProblem(operation, e.getMessage(), e);
        }
        if (e instanceof JSchException) {
            return new TransferException(TransferException.Kind.TRANSPORT, endpoint,
                    message(operation.getWhat(), operation.getPath(), "cannot open an exec channel ("
                            + describe(e) + ")"), e);
        }
        return new TransferException(TransferException.Kind.TRANSPORT, endpoint,
                message(operation.getWhat(), operation.getPath(), describe(e)), e);
    }

    /** The server's scp or shell said no: a file problem, not a broken connection. */
    private static final class ScpProtocolException extends IOException {
        private static final long serialVersionUID = 1L;

        ScpProtocolException(String message) {
            super(message);
        }
    }
}
