package io.zopesync.benchmarks;

import io.zopesync.core.kernel.SyncLog;
import io.zopesync.core.kernel.Timeouts;
import io.zopesync.core.ssh.JschConnector;
import io.zopesync.core.ssh.RemoteFiles;
import io.zopesync.core.ssh.SshSettings;
import io.zopesync.core.ssh.TransferProtocol;
import io.zopesync.testkit.ssh.OpenSshServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * (a) The wire: one large .zexp uploaded to the same sshd and directory by zope-sync's transport
 * ({@link JschConnector} and {@link RemoteFiles#upload}) and by OpenSSH's {@code scp} and {@code sftp}, all with
 * {@code aes128-gcm@openssh.com}; and by zope-sync with two other ciphers, to show why AES-GCM comes first. Each
 * timing includes connecting and logging in, as a {@code scp} run does.
 */
final class WireBenchmark {
    private final Loopback world;
    private final Results results;
    private final int runs;
    private final long size;

    WireBenchmark(Loopback world, Results results, int runs, long size) {
        this.world = world;
        this.results = results;
        this.runs = runs;
        this.size = size;
    }

    void run() {
        OpenSshServer sshd = world.startSshd();
        Path local = world.getDirectory().resolve("wire-source");
        Path remote = world.getDirectory().resolve("wire-target");
        try {
            Files.createDirectories(local);
            Files.createDirectories(remote);
            Path file = Data.randomFile(local.resolve("wire.zexp"), size);
            List<String> gcm = List.of(Loopback.CIPHER);
            SshSettings sftp = world.sshSettings("wire", sshd, remote.toString(), gcm);
            SshSettings scp = SshSettings.builder("wire", sshd.getHost()).port(sftp.getPort())
                    .username(sftp.getUsername()).key(sftp.getKey()).hostKey(sftp.getHostKey())
                    .importDir(remote.toString()).ciphers(gcm).protocol(TransferProtocol.SCP).build();
            SshSettings chacha = world.sshSettings("wire", sshd, remote.toString(),
                    List.of("chacha20-poly1305@openssh.com"));
            SshSettings ctr = world.sshSettings("wire", sshd, remote.toString(), List.of("aes128-ctr"));
            OpenSshClient openSsh = world.openSsh(sshd);
            Map<String, Runnable> contenders = new LinkedHashMap<>();
            contenders.put("zope-sync (SFTP)", () -> upload(sftp, file, remote));
            contenders.put("zope-sync (SCP protocol)", () -> upload(scp, file, remote));
            contenders.put("zope-sync (SFTP) with aes128-ctr instead", () -> upload(ctr, file, remote));
            contenders.put("zope-sync (SFTP) with chacha20-poly1305 instead", () -> upload(chacha, file, remote));
            contenders.put("OpenSSH scp", () -> openSsh.scp(List.of(file), remote.toString(), false));
            contenders.put("OpenSSH scp -O (legacy protocol)", () -> openSsh.scp(List.of(file), remote.toString(),
                    true));
            contenders.put("OpenSSH sftp put", () -> openSsh.sftpPut(file, remote.toString(), "wire.zexp",
                    world.getDirectory()));
            upload(sftp, file, remote);
            Data.empty(remote);
            Map<String, Samples> throughput = new LinkedHashMap<>();
            contenders.keySet().forEach(name -> throughput.put(name, new Samples("MiB/s")));
            for (int run = 0; run < runs; run++) {
                for (Map.Entry<String, Runnable> contender : contenders.entrySet()) {
                    long started = System.nanoTime();
                    contender.getValue().run();
                    long took = System.nanoTime() - started;
                    checkArrived(remote, size);
                    Data.empty(remote);
                    throughput.get(contender.getKey()).add(Data.mib(size) / Data.seconds(took));
                    Benchmarks.progress("wire run " + (run + 1) + ": " + contender.getKey() + " "
                            + Samples.format(Data.mib(size) / Data.seconds(took)) + " MiB/s");
                }
            }
            Samples ratio = new Samples("x");
            Samples ratioSftp = new Samples("x");
            for (int i = 0; i < runs; i++) {
                ratio.add(throughput.get("zope-sync (SFTP)").values().get(i)
                        / throughput.get("OpenSSH scp").values().get(i));
                ratioSftp.add(throughput.get("zope-sync (SFTP)").values().get(i)
                        / throughput.get("OpenSSH sftp put").values().get(i));
            }
            Results.Section section = results.section("a. Wire: " + Samples.format(Data.mib(size))
                    + " MiB upload to sshd, " + Loopback.CIPHER + ", connect and login included");
            throughput.forEach(section::row);
            section.row("ratio zope-sync / OpenSSH scp (target >= 1.0)", ratio);
            section.row("ratio zope-sync / OpenSSH sftp", ratioSftp);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } finally {
            Data.delete(local);
            Data.delete(remote);
        }
    }

    private static void upload(SshSettings settings, Path file, Path remote) {
        try (RemoteFiles files = new JschConnector().open(settings, Timeouts.defaults(), SyncLog.NONE)) {
            files.upload(file, remote.toString(), "wire.zexp", sent -> { });
        }
    }

    private static void checkArrived(Path remote, long size) {
        try {
            long arrived = Files.size(remote.resolve("wire.zexp"));
            if (arrived != size) {
                throw new IllegalStateException("wire.zexp arrived with " + arrived + " bytes instead of " + size);
            }
        } catch (java.io.IOException e) {
            throw new IllegalStateException("wire.zexp did not arrive in " + remote, e);
        }
    }
}
