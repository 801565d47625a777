package io.zopesync.benchmarks;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * Repeated measurements of one quantity: median, minimum and maximum, formatted for the results table.
 */
final class Samples {
    private final String unit;
    private final List<Double> values = new ArrayList<>();

    Samples(String unit) {
        this.unit = unit;
    }

    void add(double value) {
        values.add(value);
    }

    /** The values in the order measured. */
    List<Double> values() {
        return List.copyOf(values);
    }

    int count() {
        return values.size();
    }

    /** The median (the mean of the middle two for an even count). */
    double median() {
        if (values.isEmpty()) {
            return Double.NaN;
        }
        List<Double> sorted = sorted();
        int middle = sorted.size() / 2;
        return sorted.size() % 2 == 1 ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
    }

    double min() {
        return values.isEmpty() ? Double.NaN : sorted().get(0);
    }

    double max() {
        return values.isEmpty() ? Double.NaN : sorted().get(values.size() - 1);
    }

    private List<Double> sorted() {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted;
    }

    /** {@code 512 MiB/s (min 480, max 530, n=3)}. */
    String describe() {
        return String.format(Locale.ROOT, "%s %s (min %s, max %s, n=%d)", format(median()), unit, format(min()),
                format(max()), count());
    }

    static String format(double value) {
        if (Double.isNaN(value)) {
            return "-";
        }
        double magnitude = Math.abs(value);
        return String.format(Locale.ROOT, magnitude >= 100 ? "%.0f" : magnitude >= 10 ? "%.1f" : "%.2f", value);
    }
}
