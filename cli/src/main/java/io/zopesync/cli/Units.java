package io.zopesync.cli;

import java.util.Locale;

/** Sizes, rates and times as people read them: {@code 1.5 MiB}, {@code 3.2 MiB/s}, {@code 1.4 s}, {@code 2:05}. */
final class Units {
    private static final String[] SIZE_UNITS = {"KiB", "MiB", "GiB", "TiB"};

    private Units() {
    }

    /** {@code 512 B}, {@code 1.5 KiB}, {@code 3.0 MiB}. */
    static String bytes(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        double value = bytes;
        int unit = -1;
        while (value >= 1024 && unit < SIZE_UNITS.length - 1) {
            value /= 1024;
            unit++;
        }
        return String.format(Locale.ROOT, "%.1f %s", value, SIZE_UNITS[unit]);
    }

    /** Bytes per second, {@code 3.2 MiB/s}; {@code -} before any time has passed. */
    static String rate(long bytes, long millis) {
        if (millis <= 0) {
            return "-";
        }
        return bytes(bytes * 1000 / millis) + "/s";
    }

    /** {@code 120 ms}, {@code 1.4 s}, {@code 2 min 05 s}. */
    static String millis(long millis) {
        if (millis < 1000) {
            return millis + " ms";
        }
        if (millis < 60_000) {
            return String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
        }
        long seconds = millis / 1000;
        return String.format(Locale.ROOT, "%d min %02d s", seconds / 60, seconds % 60);
    }

    /** The time left at the rate so far, {@code 0:42} or {@code 1:02:03}; {@code ?} if it cannot be known. */
    static String eta(long done, long total, long millis) {
        if (total < 0 || done <= 0 || millis <= 0) {
            return "?";
        }
        long left = (total - done) * millis / done / 1000;
        if (left >= 3600) {
            return String.format(Locale.ROOT, "%d:%02d:%02d", left / 3600, left / 60 % 60, left % 60);
        }
        return String.format(Locale.ROOT, "%d:%02d", left / 60, left % 60);
    }
}
