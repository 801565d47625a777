package io.zopesync.benchmarks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * OpenSSH's own {@code scp} and {@code sftp} clients, run as processes against one of the benchmark's sshd
 * servers, with the same key, the pinned host key and one forced cipher. No user or system configuration is read
 * ({@code -F /dev/null}).
 */
final class OpenSshClient {
    private static final long TIMEOUT_MINUTES = 10;

    private final Path key;
    private final Path knownHosts;
    private final String user;
    private final int port;
    private final String cipher;

    OpenSshClient(Path key, Path knownHosts, String user, int port, String cipher) {
        this.key = key;
        this.knownHosts = knownHosts;
        this.user = user;
        this.port = port;
        this.cipher = cipher;
    }

    private List<String> options() {
        return new ArrayList<>(List.of("-F", "/dev/null", "-i", key.toString(), "-o", "IdentitiesOnly=yes", "-o",
                "BatchMode=yes", "-o", "UserKnownHostsFile=" + knownHosts, "-o", "StrictHostKeyChecking=yes", "-o",
                "Compression=no", "-c", cipher, "-P", Integer.toString(port)));
    }

    /**
     * Copies files into a remote directory with one {@code scp} process.
     *
     * @param legacy {@code true} for the old SCP protocol ({@code -O}); OpenSSH 9 speaks SFTP otherwise
     */
    void scp(List<Path> files, String remoteDir, boolean legacy) {
        List<String> command = new ArrayList<>(List.of("scp", "-q", "-B"));
        if (legacy) {
            command.add("-O");
        }
        command.addAll(options());
        files.forEach(file -> command.add(file.toString()));
        command.add(user + "@127.0.0.1:" + remoteDir + "/");
        run(command);
    }

    /** Uploads one file with {@code sftp -b}, as {@code put local remoteDir/name}. */
    void sftpPut(Path file, String remoteDir, String name, Path work) {
        try {
            Path batch = Files.createTempFile(work, "sftp-", ".batch");
            Files.writeString(batch, "put " + file + " " + remoteDir + "/" + name + "\n", StandardCharsets.UTF_8);
            List<String> command = new ArrayList<>(List.of("sftp", "-q", "-b", batch.toString()));
            command.addAll(options());
            command.add(user + "@127.0.0.1");
            try {
                run(command);
            } finally {
                Files.deleteIfExists(batch);
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot write an sftp batch file in " + work, e);
        }
    }

    private static void run(List<String> command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            process.getOutputStream().close();
            byte[] output = process.getInputStream().readAllBytes();
            if (!process.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new IllegalStateException(command.get(0) + " did not finish within " + TIMEOUT_MINUTES
                        + " minutes");
            }
            if (process.exitValue() != 0) {
                throw new IllegalStateException(command.get(0) + " failed with " + process.exitValue() + ": "
                        + new String(output, StandardCharsets.UTF_8).strip());
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + command.get(0), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + command.get(0), e);
        }
    }
}
