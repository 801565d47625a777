package io.jenkins.plugins.zopesync.model;

import io.zopesync.core.result.ObjectResult;
import io.zopesync.core.result.SyncResult;
import io.zopesync.core.result.TargetResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The Pipeline step's return value and the build's failure message, made from the engine's result.
 *
 * <pre>{@code
 * def pushed = zopeSync source: 'dev', targets: ['test'], objects: [[path: '/myfolder/obj1']]
 * echo "${pushed.bundle}: ${pushed.targets.test.outcome}, ${pushed.targets.test.objects['/myfolder/obj1']}"
 * }</pre>
 * Only plain maps, lists, strings, numbers and booleans, so that sandboxed scripts can read every part.
 */
public final class ResultMap {
    private ResultMap() {}

    /**
     * {@code [bundle: 'zope-sync', manifestSha256: '…', success: true, dryRun: false, runId: '…', problems: [],
     * targets: [test: [outcome: 'synced', status: 'synced', message: null, objects: ['/a/b': 'imported']]]]}.
     *
     * @param bundle where the bundle is archived with the build, or {@code null}
     */
    public static Map<String, Object> of(SyncResult result, String bundle) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("bundle", bundle);
        // What a later promotion can be told to expect, so that it pushes exactly this bundle.
        map.put("manifestSha256", result.manifestSha256());
        map.put("success", result.isSuccess());
        map.put("dryRun", result.dryRun());
        map.put("runId", result.runId());
        map.put("problems", new ArrayList<>(result.problems()));
        Map<String, Object> targets = new LinkedHashMap<>();
        for (TargetResult target : result.targets()) {
            Map<String, Object> entry = new LinkedHashMap<>();
            String status = keyword(target.status().name());
            entry.put("outcome", status);
            entry.put("status", status);
            entry.put("message", target.message());
            Map<String, Object> objects = new LinkedHashMap<>();
            for (ObjectResult object : target.objects()) {
                objects.put(object.path(), keyword(object.outcome().name()));
            }
            entry.put("objects", objects);
            targets.put(target.target(), entry);
        }
        map.put("targets", targets);
        return map;
    }

    /**
     * Why a run failed, naming each failed target, its failed objects and their causes:
     * {@code zope-sync failed: target prod: /a/b failed: The id "b" is invalid}.
     */
    public static String failure(SyncResult result) {
        List<String> parts = new ArrayList<>();
        for (String problem : result.problems()) {
            parts.add(problem);
        }
        for (TargetResult target : result.targets()) {
            if (target.isSuccess()) {
                continue;
            }
            StringBuilder part = new StringBuilder("target ")
                    .append(target.target())
                    .append(' ')
                    .append(keyword(target.status().name()));
            if (target.message() != null) {
                part.append(": ").append(target.message());
            }
            for (ObjectResult object : target.objects()) {
                if (!object.outcome().isSuccess() && object.message() != null) {
                    part.append("; ")
                            .append(object.path())
                            .append(' ')
                            .append(keyword(object.outcome().name()))
                            .append(": ")
                            .append(object.message());
                }
            }
            parts.add(part.toString());
        }
        if (parts.isEmpty()) {
            parts.add("no target succeeded");
        }
        return Texts.get("Run.Failed", String.join("\n  ", parts));
    }

    private static String keyword(String name) {
        return name.toLowerCase(Locale.ROOT);
    }
}
