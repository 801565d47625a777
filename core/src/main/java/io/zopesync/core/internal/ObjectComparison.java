package io.zopesync.core.internal;

import io.zopesync.core.status.ObjectDiff;
import io.zopesync.core.status.ObjectDiff.Change;
import io.zopesync.core.zexp.ZexpContent;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Compares the source's export of an object with a target's, object by object of the tree: what is on one side
 * only, and for the rest which attributes differ, with a unified diff for text (a DTML document's {@code raw}, a
 * page template's {@code _text}, a Python script's {@code _body} and {@code _params}, a file's {@code data} when it
 * is text, the {@link ZexpContent#PROPERTIES properties}, and any value of several lines). A folder's children
 * are compared as objects of their own, so its list of them ({@code _objects}) is not: a new order of the same
 * children does not show. Stateless.
 */
final class ObjectComparison {
    private static final Set<String> TEXT = Set.of("raw", "_text", "_body", "_params", "data",
            ZexpContent.PROPERTIES);
    private static final int CONTEXT = 3;

    private ObjectComparison() {
    }

    /**
     * @param sourceLabel names the source's object in diff headers, e.g. {@code dev:/myfolder/obj1}
     * @param targetLabel names the target's, e.g. {@code test:/yourfolder/obj1}
     * @return the differences, the compared object first, then in path order; empty if the exports hold the same
     */
    static List<ObjectDiff> compare(ZexpContent source, ZexpContent target, String sourceLabel, String targetLabel) {
        Map<String, ZexpContent.ZopeObject> left = byPath(source);
        Map<String, ZexpContent.ZopeObject> right = byPath(target);
        Set<String> paths = new TreeSet<>(left.keySet());
        paths.addAll(right.keySet());
        List<ObjectDiff> diffs = new ArrayList<>();
        for (String path : paths) {
            ZexpContent.ZopeObject from = left.get(path);
            ZexpContent.ZopeObject to = right.get(path);
            if (to == null) {
                diffs.add(new ObjectDiff(path, Change.ONLY_ON_SOURCE, from.className(), List.of(), List.of()));
            } else if (from == null) {
                diffs.add(new ObjectDiff(path, Change.ONLY_ON_TARGET, to.className(), List.of(), List.of()));
            } else {
                changed(from, to, below(sourceLabel, path), below(targetLabel, path)).ifPresent(diffs::add);
            }
        }
        return diffs;
    }

    private static Optional<ObjectDiff> changed(ZexpContent.ZopeObject from, ZexpContent.ZopeObject to,
            String fromLabel, String toLabel) {
        List<String> attributes = new ArrayList<>();
        List<ObjectDiff.TextDiff> texts = new ArrayList<>();
        if (!from.className().equals(to.className())) {
            attributes.add("class: " + from.className() + " -> " + to.className());
        }
        Set<String> names = new TreeSet<>(from.attributes().keySet());
        names.addAll(to.attributes().keySet());
        for (String name : names) {
            String a = from.attributes().get(name);
            String b = to.attributes().get(name);
            if (a != null && a.equals(b) || isChild(a) || isChild(b) || name.equals("_objects")) {
                // children (and the folder's list of them) are compared as objects of their own
                continue;
            }
            if (TEXT.contains(name) || a != null && a.contains("\n") || b != null && b.contains("\n")) {
                String unified = UnifiedDiff.of(fromLabel + " (" + name + ")", toLabel + " (" + name + ")",
                        a == null ? "" : a, b == null ? "" : b, CONTEXT)
                        .orElse("the texts differ in more than " + UnifiedDiff.MAX_EDITS + " lines; not shown\n");
                texts.add(new ObjectDiff.TextDiff(name, unified));
            } else {
                attributes.add(name + ": " + shown(a) + " -> " + shown(b));
            }
        }
        if (attributes.isEmpty() && texts.isEmpty()) {
            return Optional.empty();
        }
        String path = from.path();
        return Optional.of(new ObjectDiff(path, Change.CHANGED, from.className(), attributes, texts));
    }

    private static boolean isChild(String value) {
        return value != null && value.startsWith("<object ") && value.endsWith(">");
    }

    private static String shown(String value) {
        if (value == null) {
            return "(none)";
        }
        String quoted = "'" + value + "'";
        return quoted.length() <= ObjectDiff.MAX_VALUE ? quoted
                : quoted.substring(0, ObjectDiff.MAX_VALUE - 1) + "…";
    }

    private static String below(String label, String path) {
        return path.isEmpty() ? label : label + "/" + path;
    }

    private static Map<String, ZexpContent.ZopeObject> byPath(ZexpContent content) {
        Map<String, ZexpContent.ZopeObject> objects = new LinkedHashMap<>();
        content.objects().forEach(object -> objects.put(object.path(), object));
        return objects;
    }
}
