package io.zopesync.core.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * A unified diff of two texts, line by line, as {@code diff -u} writes it, by Myers' O(ND) algorithm (the shortest
 * edit script; memory grows with the square of the number of differing lines only).
 *
 * <pre>{@code
 * UnifiedDiff.of("dev/site/page (raw)", "test/site/page (raw)", oldText, newText, 3)
 * // --- dev/site/page (raw)
 * // +++ test/site/page (raw)
 * // @@ -1,3 +1,3 @@ ...
 * }</pre>
 *
 * Texts that differ in more than {@link #MAX_EDITS} lines are not diffed: {@link #of} returns empty, and the caller
 * says that they differ. Stateless.
 */
final class UnifiedDiff {
    /** The most lines deleted plus inserted that a diff is computed for. */
    static final int MAX_EDITS = 2000;

    private enum Op { EQUAL, DELETE, INSERT }

    /** One line of the edit script: what happens, at which line of the old and of the new text (0-based). */
    private record Edit(Op op, int oldLine, int newLine) {
    }

    private UnifiedDiff() {
    }

    /**
     * The diff, or empty if the texts differ in more than {@link #MAX_EDITS} lines; {@code ""} if they are equal.
     *
     * @param context the unchanged lines shown around each change
     */
    static Optional<String> of(String fromLabel, String toLabel, String from, String to, int context) {
        List<String> a = lines(from);
        List<String> b = lines(to);
        Optional<List<Edit>> script = script(a, b);
        if (script.isEmpty()) {
            return Optional.empty();
        }
        List<Edit> edits = script.get();
        if (edits.stream().allMatch(edit -> edit.op() == Op.EQUAL)) {
            return Optional.of("");
        }
        StringBuilder out = new StringBuilder();
        out.append("--- ").append(fromLabel).append('\n').append("+++ ").append(toLabel).append('\n');
        int i = 0;
        while (i < edits.size()) {
            if (edits.get(i).op() == Op.EQUAL) {
                i++;
                continue;
            }
            // A hunk: from `context` lines before this change to `context` lines after the last change that is
            // at most 2 * context equal lines away from the next.
            int start = Math.max(0, i - context);
            int end = i;
            int equalRun = 0;
            for (int j = i; j < edits.size(); j++) {
                if (edits.get(j).op() == Op.EQUAL) {
                    equalRun++;
                    if (equalRun > 2 * context) {
                        break;
                    }
                } else {
                    equalRun = 0;
                    end = j;
                }
            }
            int stop = Math.min(edits.size(), end + 1 + context);
            hunk(out, edits.subList(start, stop), a, b);
            i = stop;
        }
        return Optional.of(out.toString());
    }

    private static void hunk(StringBuilder out, List<Edit> edits, List<String> a, List<String> b) {
        int oldStart = -1;
        int newStart = -1;
        int oldCount = 0;
        int newCount = 0;
        for (Edit edit : edits) {
            if (edit.op() != Op.INSERT) {
                oldCount++;
                if (oldStart < 0) {
                    oldStart = edit.oldLine();
                }
            }
            if (edit.op() != Op.DELETE) {
                newCount++;
                if (newStart < 0) {
                    newStart = edit.newLine();
                }
            }
        }
        // An empty side is named by the line before it, as diff -u does.
        Edit first = edits.get(0);
        out.append("@@ -").append(range(oldStart < 0 ? first.oldLine() : oldStart + 1, oldCount))
                .append(" +").append(range(newStart < 0 ? first.newLine() : newStart + 1, newCount))
                .append(" @@\n");
        for (Edit edit : edits) {
            switch (edit.op()) {
                case EQUAL -> out.append(' ').append(a.get(edit.oldLine())).append('\n');
                case DELETE -> out.append('-').append(a.get(edit.oldLine())).append('\n');
                case INSERT -> out.append('+').append(b.get(edit.newLine())).append('\n');
            }
        }
    }

    private static String range(int start, int count) {
        return count == 1 ? Integer.toString(start) : start + "," + count;
    }

    private static List<String> lines(String text) {
        if (text.isEmpty()) {
            return List.of();
        }
        List<String> lines = new ArrayList<>(Arrays.asList(text.split("\r?\n", -1)));
        if (lines.get(lines.size() - 1).isEmpty()) {
            lines.remove(lines.size() - 1);
        }
        return lines;
    }

    /** Myers' greedy forward search, keeping each round's frontier to walk the path back. */
    private static Optional<List<Edit>> script(List<String> a, List<String> b) {
        int n = a.size();
        int m = b.size();
        int max = n + m;
        int offset = max + 1;
        int[] v = new int[2 * max + 3];
        List<int[]> trace = new ArrayList<>();
        int found = -1;
        for (int d = 0; d <= Math.min(max, MAX_EDITS); d++) {
            // the frontier before round d, for k in [-d, d]
            trace.add(Arrays.copyOfRange(v, offset - d, offset + d + 1));
            for (int k = -d; k <= d; k += 2) {
                int x = k == -d || k != d && v[offset + k - 1] < v[offset + k + 1] ? v[offset + k + 1]
                        : v[offset + k - 1] + 1;
                int y = x - k;
                while (x < n && y < m && a.get(x).equals(b.get(y))) {
                    x++;
                    y++;
                }
                v[offset + k] = x;
                if (x >= n && y >= m) {
                    found = d;
                    break;
                }
            }
            if (found >= 0) {
                break;
            }
        }
        if (found < 0) {
            return Optional.empty();
        }
        List<Edit> reversed = new ArrayList<>();
        int x = n;
        int y = m;
        for (int d = found; d > 0; d--) {
            int[] before = trace.get(d);
            int k = x - y;
            int prevK = k == -d || k != d && at(before, d, k - 1) < at(before, d, k + 1) ? k + 1 : k - 1;
            int prevX = at(before, d, prevK);
            int prevY = prevX - prevK;
            while (x > prevX && y > prevY) {
                reversed.add(new Edit(Op.EQUAL, --x, --y));
            }
            if (x == prevX) {
                reversed.add(new Edit(Op.INSERT, x, --y));
            } else {
                reversed.add(new Edit(Op.DELETE, --x, y));
            }
        }
        while (x > 0 && y > 0) {
            reversed.add(new Edit(Op.EQUAL, --x, --y));
        }
        List<Edit> edits = new ArrayList<>();
        for (int i = reversed.size() - 1; i >= 0; i--) {
            edits.add(reversed.get(i));
        }
        return Optional.of(edits);
    }

    /** The frontier value for diagonal {@code k} in a snapshot taken before round {@code d}. */
    private static int at(int[] snapshot, int d, int k) {
        return snapshot[k + d];
    }
}
