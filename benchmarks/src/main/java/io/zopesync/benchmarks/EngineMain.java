package io.zopesync.benchmarks;

import io.zopesync.core.ZopeSync;
import io.zopesync.core.kernel.SecretValue;
import io.zopesync.core.model.Environment;
import io.zopesync.core.model.ObjectSpec;
import io.zopesync.core.model.SyncListener;
import io.zopesync.core.model.SyncOptions;
import io.zopesync.core.model.SyncRequest;
import io.zopesync.core.result.SyncResult;
import io.zopesync.core.ssh.HostKeyPolicy;
import io.zopesync.core.ssh.SshKey;
import io.zopesync.core.ssh.SshSettings;
import io.zopesync.core.zope.ZopeServer;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/**
 * The engine alone, for a child JVM with a small heap: one sync described by a properties file, then the
 * process's peak resident set size ({@code VmHWM} of {@code /proc/self/status}) on standard output as
 * {@code VmHWM <kB>}. Exits with 0 if the sync succeeded, 1 if not.
 *
 * <p>Keys of the file: {@code source.url}, {@code target.url}, {@code zope.user}, {@code zope.password},
 * {@code ssh.port}, {@code ssh.user}, {@code ssh.key} (a private key file), {@code ssh.hostKey},
 * {@code target.importDir}, {@code object}, {@code bundle}.
 */
public final class EngineMain {
    private EngineMain() {
    }

    public static void main(String[] args) throws IOException {
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(Path.of(args[0]), StandardCharsets.UTF_8)) {
            p.load(in);
        }
        SecretValue password = SecretValue.of(p.getProperty("zope.password"));
        Environment source = Environment.of("dev", ZopeServer.of("dev", p.getProperty("source.url"),
                p.getProperty("zope.user"), password), null);
        SshSettings ssh = SshSettings.builder("target", "127.0.0.1").port(Integer.parseInt(p.getProperty("ssh.port")))
                .username(p.getProperty("ssh.user"))
                .key(SshKey.of(SecretValue.of(Files.readString(Path.of(p.getProperty("ssh.key")))), null))
                .hostKey(HostKeyPolicy.pinned(p.getProperty("ssh.hostKey")))
                .importDir(p.getProperty("target.importDir")).build();
        Environment target = Environment.of("target", ZopeServer.of("target", p.getProperty("target.url"),
                p.getProperty("zope.user"), password), ssh);
        SyncResult result = new ZopeSync().sync(SyncRequest.builder(source, Path.of(p.getProperty("bundle")))
                .target(target).object(ObjectSpec.of(p.getProperty("object"))).options(SyncOptions.defaults())
                .holder("benchmark").build(), SyncListener.NONE);
        for (String line : Files.readAllLines(Path.of("/proc/self/status"), StandardCharsets.US_ASCII)) {
            if (line.startsWith("VmHWM:")) {
                System.out.println("VmHWM " + line.replaceAll("[^0-9]", ""));
            }
        }
        if (!result.isSuccess()) {
            System.out.println(result.toJson());
        }
        System.exit(result.isSuccess() ? 0 : 1);
    }
}
