package dev.winelib.bench;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * What one side of a comparison measured: the median wall time, the peak resident memory of the largest
 * process (0 when not measured) and how many runs the median is of.
 */
record Figure(double millis, long peakKb, int runs) {

    static Figure of(List<TimedCommand.Sample> samples) {
        double[] times = samples.stream().mapToDouble(TimedCommand.Sample::millis).sorted().toArray();
        long peak = samples.stream().mapToLong(TimedCommand.Sample::peakKb).max().orElse(0);
        return new Figure(median(times), peak, times.length);
    }

    static double median(double[] values) {
        double[] v = values.clone();
        Arrays.sort(v);
        int n = v.length;
        return n == 0 ? Double.NaN : n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
    }

    String time() {
        return millis >= 1000 ? String.format(Locale.ROOT, "%.2f s", millis / 1000)
                : String.format(Locale.ROOT, millis >= 100 ? "%.0f ms" : "%.1f ms", millis);
    }

    String memory() {
        return peakKb <= 0 ? "–" : peakKb >= 10240 ? String.format(Locale.ROOT, "%d MB", Math.round(peakKb / 1024.0))
                : String.format(Locale.ROOT, "%.1f MB", peakKb / 1024.0);
    }

    /** Ours against {@code reference}: "2.1× faster" (bold) or "1.3× slower". */
    String ratioTo(Figure reference) {
        double r = reference.millis / millis;
        return r >= 1 ? String.format(Locale.ROOT, "**%.1f× faster**", r)
                : String.format(Locale.ROOT, "%.1f× slower", 1 / r);
    }
}
