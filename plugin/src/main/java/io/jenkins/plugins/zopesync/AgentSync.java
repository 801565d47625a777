package io.jenkins.plugins.zopesync;

import hudson.AbortException;
import hudson.model.TaskListener;
import hudson.remoting.VirtualChannel;
import io.jenkins.plugins.zopesync.model.LogSyncListener;
import io.jenkins.plugins.zopesync.model.SyncStepRequest;
import io.jenkins.plugins.zopesync.model.Texts;
import io.zopesync.core.Environment;
import io.zopesync.core.PushRequest;
import io.zopesync.core.SyncOptions;
import io.zopesync.core.SyncRequest;
import io.zopesync.core.Timeouts;
import io.zopesync.core.ZopeSync;
import io.zopesync.core.ZopeSyncException;
import io.zopesync.core.result.SyncResult;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import jenkins.MasterToSlaveFileCallable;

/**
 * The engine's run on the agent that holds the bundle directory. It carries only serializable engine values (the
 * environments with their secret material, which never print themselves), the request and the build log, and
 * returns the result with the bundle's files and their MD5 sums (for Jenkins' fingerprints).
 */
final class AgentSync extends MasterToSlaveFileCallable<AgentSync.Outcome> {
    private static final long serialVersionUID = 1L;

    private final SyncStepRequest request;
    private final Environment source;
    private final ArrayList<Environment> targets;
    private final Timeouts timeouts;
    private final String holder;
    private final TaskListener listener;

    /**
     * @param source the source, or {@code null} for a promotion
     * @param holder who runs it, written into the targets' locks
     */
    AgentSync(SyncStepRequest request, Environment source, List<Environment> targets, Timeouts timeouts,
            String holder, TaskListener listener) {
        this.request = request;
        this.source = source;
        this.targets = new ArrayList<>(targets);
        this.timeouts = timeouts;
        this.holder = holder;
        this.listener = listener;
    }

    @Override
    public Outcome invoke(File directory, VirtualChannel channel) throws IOException, InterruptedException {
        Path bundle = directory.toPath();
        LogSyncListener log = new LogSyncListener(listener.getLogger(), System::nanoTime);
        SyncOptions options = request.toOptions(timeouts);
        SyncResult result;
        try {
            if (request.isPromotion()) {
                result = new ZopeSync().push(PushRequest.of(PushRequest.Mode.PROMOTE, bundle, targets, options,
                        holder), log);
            } else {
                result = new ZopeSync().sync(SyncRequest.builder(source, bundle).targets(targets)
                        .objects(request.getObjects()).options(options).holder(holder).build(), log);
            }
        } catch (ZopeSyncException e) {
            throw new AbortException(Texts.get("Run.Stopped", e.getMessage()));
        }
        return new Outcome(result, digests(bundle));
    }

    /** Each regular file under the bundle directory, by {@code /}-separated relative path, with its MD5 sum. */
    private static LinkedHashMap<String, String> digests(Path bundle) throws IOException {
        LinkedHashMap<String, String> files = new LinkedHashMap<>();
        if (!Files.isDirectory(bundle)) {
            return files;
        }
        List<Path> paths;
        try (Stream<Path> walk = Files.walk(bundle)) {
            paths = walk.filter(Files::isRegularFile).sorted().toList();
        }
        for (Path file : paths) {
            String relative = bundle.relativize(file).toString().replace(File.separatorChar, '/');
            files.put(relative, md5(file));
        }
        return files;
    }

    private static String md5(Path file) throws IOException {
        MessageDigest digest;
        try {
            // Jenkins' fingerprints are MD5 sums by definition; this is no security use
            digest = MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IOException("the JVM has no MD5 for Jenkins' fingerprints", e);
        }
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest)) {
            in.transferTo(OutputStream.nullOutputStream());
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    /** What comes back to the controller. */
    static final class Outcome implements Serializable {
        private static final long serialVersionUID = 1L;

        private final SyncResult result;
        private final LinkedHashMap<String, String> files;

        Outcome(SyncResult result, LinkedHashMap<String, String> files) {
            this.result = result;
            this.files = files;
        }

        SyncResult getResult() {
            return result;
        }

        /** The bundle's files (relative, {@code /}-separated) and their MD5 sums. */
        Map<String, String> getFiles() {
            return files;
        }
    }
}
