package org.stowage.bench.placement;

import java.util.List;
import java.util.Locale;

/** Median and spread of a few repetitions. */
public final class Stats {

    private Stats() {
    }

    public static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n == 0 ? Double.NaN : n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    public static double min(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
    }

    public static double max(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
    }

    /** {@code median (min-max, n=N)} with one decimal. */
    public static String summary(List<Double> values) {
        return String.format(Locale.ROOT, "%.1f (%.1f-%.1f, n=%d)", median(values), min(values), max(values),
                values.size());
    }
}
