package io.jenkins.plugins.zopesync.model;

import io.zopesync.core.result.SyncResult;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What one engine run on an agent sends back to the controller: the build page's summary, the Pipeline step's map
 * and, if it failed, the build's failure message, all made from the engine's {@link SyncResult} on the agent.
 *
 * <p>It exists because the engine's own result records must not cross the remoting channel: the controller reads
 * what an agent returns through remoting's class filter (JEP-200), which accepts classes of Jenkins, of remoting and
 * of a plugin's own jar, and rejects those of a library jar bundled in a plugin, such as {@code zope-sync-core}.
 * This class and everything it holds are the plugin's own or the JDK's.
 *
 * <pre>{@code
 * SyncReport report = SyncReport.of(result, EngineRun.exported(result, bundleDir)); // on the agent
 * run.addAction(new ZopeSyncAction(report.getSummary().withBundle("zope-sync")));  // on the controller
 * }</pre>
 */
public final class SyncReport implements Serializable {
    private static final long serialVersionUID = 1L;

    private final SyncSummary summary;
    private final LinkedHashMap<String, Object> resultMap;
    private final String failure;

    private SyncReport(SyncSummary summary, LinkedHashMap<String, Object> resultMap, String failure) {
        this.summary = summary;
        this.resultMap = resultMap;
        this.failure = failure;
    }

    /**
     * The report of an engine run, with no bundle yet (see {@link SyncSummary#withBundle(String)}).
     *
     * @param exported what an export put into its bundle ({@link EngineRun#exported}); empty for any other run
     */
    public static SyncReport of(SyncResult result, List<SyncSummary.ExportedObject> exported) {
        return new SyncReport(
                SyncSummary.of(result, null, new ArrayList<>(exported)),
                new LinkedHashMap<>(ResultMap.of(result, null)),
                result.isSuccess() ? null : ResultMap.failure(result));
    }

    /** The build page's summary, without the bundle. */
    public SyncSummary getSummary() {
        return summary;
    }

    /**
     * The Pipeline step's map ({@link ResultMap#of}), naming the bundle where the controller archived it.
     *
     * @param bundle the bundle's name among the build's artifacts, or {@code null}
     */
    public Map<String, Object> getResultMap(String bundle) {
        LinkedHashMap<String, Object> map = new LinkedHashMap<>(resultMap);
        map.put("bundle", bundle);
        return map;
    }

    public boolean isSuccess() {
        return failure == null;
    }

    /** Why the run failed ({@link ResultMap#failure}), or empty if it succeeded. */
    public Optional<String> getFailure() {
        return Optional.ofNullable(failure);
    }
}
