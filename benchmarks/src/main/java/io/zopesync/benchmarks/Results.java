package io.zopesync.benchmarks;

import java.util.ArrayList;
import java.util.List;

/** The figures of one benchmark run, as Markdown tables: one per case. */
final class Results {
    private final List<Section> sections = new ArrayList<>();

    /** One case: a title and rows of figures. */
    static final class Section {
        private final String title;
        private final List<String[]> rows = new ArrayList<>();

        private Section(String title) {
            this.title = title;
        }

        void row(String what, Samples samples) {
            rows.add(new String[] {what, samples.describe()});
        }

        void row(String what, String value) {
            rows.add(new String[] {what, value});
        }
    }

    synchronized Section section(String title) {
        Section section = new Section(title);
        sections.add(section);
        return section;
    }

    synchronized String toMarkdown() {
        StringBuilder out = new StringBuilder();
        for (Section section : sections) {
            out.append("#### ").append(section.title).append("\n\n| measured | median (min, max, runs) |\n|---|---|\n");
            for (String[] row : section.rows) {
                out.append("| ").append(row[0]).append(" | ").append(row[1]).append(" |\n");
            }
            out.append('\n');
        }
        return out.toString();
    }
}
