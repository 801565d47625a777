package io.zopesync.core.status;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@link io.zopesync.core.ZopeSync#status} found: per target and object, what the target holds compared
 * with the source and with zope-sync's record of its last push there. Nothing was changed anywhere.
 *
 * @param source the source environment's name
 * @param checked when the status was taken (this machine's clock)
 * @param targets per target, in task order; empty if {@code problems} stopped the status
 * @param problems what stopped the status before any target was looked at (the source's login, an object
 *     missing on the source, an export that failed)
 */
public record StatusResult(String source, Instant checked, List<TargetStatus> targets, List<String> problems) {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public StatusResult {
        targets = List.copyOf(targets);
        problems = List.copyOf(problems);
    }

    /** Whether the status was found for every target. */
    public boolean isComplete() {
        return problems.isEmpty() && targets.stream().allMatch(target -> target.problem().isEmpty());
    }

    /** Whether every object is in sync on every target. */
    public boolean isInSync() {
        return problems.isEmpty() && targets.stream().allMatch(TargetStatus::isInSync);
    }

    /** Whether some target was changed by hand since the last push. */
    public boolean hasDrift() {
        return targets.stream().flatMap(target -> target.objects().stream()).anyMatch(o -> o.state().isDrift());
    }

    /**
     * The status as plain maps, lists, strings and booleans (what a Jenkinsfile gets, and the JSON form):
     * {@code inSync}, {@code drift}, {@code complete}, {@code source}, {@code checked}, {@code problems}, and per
     * target {@code target}, {@code inSync}, {@code problem} and {@code objects}, each with {@code path},
     * {@code destination}, {@code state} (e.g. {@code "changed on target"}), {@code sourceSha256},
     * {@code pushedSha256}, {@code pushedAt}, {@code pushedBy}, {@code onlyOnSource}, {@code onlyOnTarget},
     * {@code compared} and {@code differences} (each with {@code path}, {@code change}, {@code className},
     * {@code attributes} and {@code texts}, each text with {@code attribute} and {@code unified}).
     */
    public Map<String, Object> toMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("source", source);
        map.put("checked", checked.toString());
        map.put("inSync", isInSync());
        map.put("drift", hasDrift());
        map.put("complete", isComplete());
        map.put("problems", new ArrayList<>(problems));
        List<Object> targetMaps = new ArrayList<>();
        for (TargetStatus target : targets) {
            Map<String, Object> targetMap = new LinkedHashMap<>();
            targetMap.put("target", target.target());
            targetMap.put("inSync", target.isInSync());
            targetMap.put("problem", target.problem().orElse(null));
            List<Object> objectMaps = new ArrayList<>();
            for (ObjectStatus object : target.objects()) {
                Map<String, Object> objectMap = new LinkedHashMap<>();
                objectMap.put("path", object.path());
                objectMap.put("destination", object.destination());
                objectMap.put("state", object.state().label());
                objectMap.put("sourceSha256", object.sourceSha256());
                objectMap.put("pushedSha256", object.pushedSha256().orElse(null));
                objectMap.put("pushedAt", object.pushedAt().map(Instant::toString).orElse(null));
                objectMap.put("pushedBy", object.pushedBy().orElse(null));
                objectMap.put("onlyOnSource", new ArrayList<>(object.onlyOnSource()));
                objectMap.put("onlyOnTarget", new ArrayList<>(object.onlyOnTarget()));
                objectMap.put("compared", object.compared());
                objectMap.put("differences", differences(object.differences()));
                objectMaps.add(objectMap);
            }
            targetMap.put("objects", objectMaps);
            targetMaps.add(targetMap);
        }
        map.put("targets", targetMaps);
        return map;
    }

    private static List<Object> differences(List<ObjectDiff> differences) {
        List<Object> maps = new ArrayList<>();
        for (ObjectDiff diff : differences) {
            Map<String, Object> map = new LinkedHashMap<>();
            map.put("path", diff.path());
            map.put("change", diff.change().label());
            map.put("className", diff.className());
            map.put("attributes", new ArrayList<>(diff.attributes()));
            List<Object> texts = new ArrayList<>();
            for (ObjectDiff.TextDiff text : diff.texts()) {
                Map<String, Object> textMap = new LinkedHashMap<>();
                textMap.put("attribute", text.attribute());
                textMap.put("unified", text.unified());
                texts.add(textMap);
            }
            map.put("texts", texts);
            maps.add(map);
        }
        return maps;
    }

    /** {@link #toMap()} as indented JSON. */
    public String toJson() {
        try {
            return JSON.writeValueAsString(toMap());
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
