package io.jenkins.plugins.zopesync;

import hudson.model.Run;
import io.jenkins.plugins.zopesync.model.SyncSummary;
import io.jenkins.plugins.zopesync.model.Texts;
import jenkins.model.RunAction2;

/**
 * One {@code zopeSync} call's summary on the build page: objects by targets with outcome, size and time, and a
 * link to the archived bundle. Its {@code summary.jelly} prints the {@link SyncSummary} and nothing else.
 */
public class ZopeSyncAction implements RunAction2 {
    private final SyncSummary summary;
    private transient Run<?, ?> run;

    public ZopeSyncAction(SyncSummary summary) {
        this.summary = summary;
    }

    public SyncSummary getSummary() {
        return summary;
    }

    /** The build, for links to its artifacts. */
    public Run<?, ?> getRun() {
        return run;
    }

    @Override
    public void onAttached(Run<?, ?> r) {
        this.run = r;
    }

    @Override
    public void onLoad(Run<?, ?> r) {
        this.run = r;
    }

    /** No page of its own: the summary is shown on the build's page. */
    @Override
    public String getIconFileName() {
        return null;
    }

    @Override
    public String getDisplayName() {
        return Texts.get("ZopeSyncAction.DisplayName");
    }

    @Override
    public String getUrlName() {
        return null;
    }
}
