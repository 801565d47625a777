package io.zopesync.benchmarks;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * CPU used during a measurement: by this JVM (the engine and the in-process Zope doubles) and by the whole machine
 * (from {@code /proc/stat}: sshd, scp and anything else running), to tell a CPU-bound run from a waiting one.
 */
final class CpuMeter {
    private final long wallStart = System.nanoTime();
    private final long processStart = processCpuNanos();
    private final long[] machineStart = machineTicks();

    /**
     * CPU time used by every process of the machine since this meter started, in core-seconds (busy share of all
     * cores times the wall time), or {@code NaN} where {@code /proc/stat} is missing.
     */
    double machineCoreSeconds() {
        double wall = (System.nanoTime() - wallStart) / 1e9;
        long[] machineEnd = machineTicks();
        long busy = machineEnd[0] - machineStart[0];
        long total = busy + machineEnd[1] - machineStart[1];
        return total > 0 ? (double) busy / total * Runtime.getRuntime().availableProcessors() * wall : Double.NaN;
    }

    /** {@code JVM CPU 3.1 s, machine busy 97% of 2 cores over 2.4 s}. */
    String describe() {
        double wall = (System.nanoTime() - wallStart) / 1e9;
        double process = (processCpuNanos() - processStart) / 1e9;
        long[] machineEnd = machineTicks();
        long busy = machineEnd[0] - machineStart[0];
        long total = busy + machineEnd[1] - machineStart[1];
        int cores = Runtime.getRuntime().availableProcessors();
        return String.format(Locale.ROOT, "JVM CPU %.1f s, machine busy %s of %d cores over %.1f s", process,
                total > 0 ? Math.round(100.0 * busy / total) + "%" : "?", cores, wall);
    }

    private static long processCpuNanos() {
        java.lang.management.OperatingSystemMXBean bean = ManagementFactory.getOperatingSystemMXBean();
        if (bean instanceof com.sun.management.OperatingSystemMXBean) {
            return ((com.sun.management.OperatingSystemMXBean) bean).getProcessCpuTime();
        }
        return 0;
    }

    /** Busy and idle ticks of all CPUs (idle includes I/O wait), or zeros where /proc/stat is missing. */
    private static long[] machineTicks() {
        try {
            String[] fields = Files.readAllLines(Path.of("/proc/stat"), StandardCharsets.US_ASCII).get(0).trim()
                    .split("\\s+");
            long idle = Long.parseLong(fields[4]) + Long.parseLong(fields[5]);
            long all = 0;
            for (int i = 1; i < Math.min(fields.length, 9); i++) {
                all += Long.parseLong(fields[i]);
            }
            return new long[] {all - idle, idle};
        } catch (IOException | RuntimeException e) {
            return new long[] {0, 0};
        }
    }
}
