package io.jenkins.plugins.zopesync;

import java.util.List;

/**
 * The fields the freestyle build step and the Pipeline step share, read by
 * {@link ZopeSyncRun#toRequest(SyncFields)}: the one place that turns them into a request.
 */
interface SyncFields {
    String getSource();

    List<String> getTargets();

    List<ZopeObject> getObjects();

    String getBundle();

    String getOnExisting();

    boolean isDryRun();

    boolean isKeepBackups();

    boolean isSaveReplaced();

    int getParallel();
}
