package org.stowage.bench.staging;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;

import org.stowage.bench.placement.Stats;

/**
 * The goals of issue 14's "Performance" section, judged on the medians of the repetitions (each ratio also paired per
 * repetition, the figure that drift of a shared machine between repetitions disturbs least):
 * <ol>
 *   <li>client-side completion with staging at most 1.15 × the all-fast time;</li>
 *   <li>with staging at least 3 × faster than with staging disabled;</li>
 *   <li>every byte reaches the tape after it turns idle: after the drain the tape holds every pack the disk holds,
 *       byte for byte (CRC32C), no writer waited for the busy tape, and staging is empty again;</li>
 *   <li>staging's peak stays under the computed limit (every sample of used / limit below 1).</li>
 * </ol>
 */
final class Verdicts {

    private final Map<Variant, List<Run>> runs;
    private final long tapeMib;

    Verdicts(Map<Variant, List<Run>> runs, long tapeMib) {
        this.runs = runs;
        this.tapeMib = tapeMib;
    }

    void print() {
        System.out.printf(Locale.ROOT, "%nclient-side completion, seconds (median (min-max, n)):%n");
        for (Variant variant : Variant.values()) {
            System.out.printf(Locale.ROOT, "  %-30s %s s, CPU %s s%n", variant.label, Stats.summary(of(variant,
                    Run::clientSeconds)), Stats.summary(of(variant, Run::cpuSeconds)));
        }
        List<Double> fast = of(Variant.FAST, Run::clientSeconds);
        List<Double> staged = of(Variant.STAGED, Run::clientSeconds);
        List<Double> unstaged = of(Variant.UNSTAGED, Run::clientSeconds);
        double ratio1 = Stats.median(staged) / Stats.median(fast);
        double ratio2 = Stats.median(unstaged) / Stats.median(staged);
        System.out.printf(Locale.ROOT, "%ngoal 1: with staging <= 1.15 x all fast: %.2f x (paired %s)  %s%n", ratio1,
                paired(staged, fast), ratio1 <= 1.15 ? "PASS" : "FAIL");
        System.out.printf(Locale.ROOT, "goal 2: with staging >= 3 x faster than staging disabled: %.2f x (paired %s)"
                + "  %s%n", ratio2, paired(unstaged, staged), ratio2 >= 3 ? "PASS" : "FAIL");
        System.out.printf(Locale.ROOT, "  (staging disabled waits for the tape: about busy %.2f s + packs / %d MiB/s "
                + "= %.2f s; the tape held everything at %s s)%n", Stats.median(of(Variant.UNSTAGED,
                Run::busySeconds)), tapeMib, Stats.median(of(Variant.UNSTAGED, Run::busySeconds))
                + Stats.median(of(Variant.UNSTAGED, r -> r.tape() == null ? Double.NaN : r.tape().diskBytes()))
                / StagingBench.MIB / tapeMib, Stats.summary(of(Variant.UNSTAGED, Run::tapeDone)));
        printTape();
        printLimit();
        double bare = Stats.median(of(Variant.FAST_BARE, Run::clientSeconds));
        System.out.printf(Locale.ROOT, "%nreference: all fast with staging / without a staging service: %.2f x "
                + "(paired %s; not a goal)%n", Stats.median(fast) / bare,
                paired(fast, of(Variant.FAST_BARE, Run::clientSeconds)));
    }

    private void printTape() {
        List<Run> staged = runs.getOrDefault(Variant.STAGED, List.of());
        boolean every = !staged.isEmpty();
        for (Run run : staged) {
            every &= run.drained() && run.tape() != null && run.tape().complete() && run.waitedPuts() == 0;
        }
        List<Double> drains = of(Variant.STAGED, Run::drainSeconds);
        List<Double> tails = of(Variant.STAGED, r -> r.tapeDone() - r.clientSeconds());
        List<Double> rates = of(Variant.STAGED, r -> r.tape().diskBytes() / StagingBench.MIB / r.drainSeconds());
        System.out.printf(Locale.ROOT, "goal 3: every byte reaches the tape after it turns idle: %s  %s%n",
                describeTape(staged), every ? "PASS" : "FAIL");
        System.out.printf(Locale.ROOT, "  drain: from the tape turning idle until it held every pack %s s (%s MiB/s "
                + "of packs, tape rate %d MiB/s); after the client finished %s s more%n", Stats.summary(drains),
                Stats.summary(rates), tapeMib, Stats.summary(tails));
    }

    private static String describeTape(List<Run> staged) {
        List<String> parts = new ArrayList<>();
        for (Run run : staged) {
            parts.add(run.tape() == null ? "not checked" : String.format(Locale.ROOT, "%d/%d packs (%.1f MiB)%s%s%s",
                    run.tape().diskPacks() - run.tape().problems().size(), run.tape().diskPacks(),
                    run.tape().diskBytes() / StagingBench.MIB, run.waitedPuts() == 0 ? ", no writer waited"
                            : ", " + run.waitedPuts() + " puts waited", run.drained() ? "" : ", NOT drained",
                    run.tape().problems().isEmpty() ? "" : ", " + run.tape().problems().get(0)));
        }
        return String.join("; ", parts);
    }

    private void printLimit() {
        List<Run> staged = runs.getOrDefault(Variant.STAGED, List.of());
        boolean under = !staged.isEmpty() && staged.stream().allMatch(r -> r.closestShare() < 1);
        System.out.printf(Locale.ROOT, "goal 4: staging's peak under the computed limit: peak %s MiB, limit at the "
                        + "peak %s MiB, highest used/limit %s %%  %s%n",
                Stats.summary(of(Variant.STAGED, r -> r.peakUsed() / StagingBench.MIB)),
                Stats.summary(of(Variant.STAGED, r -> r.capacityAtPeak() / StagingBench.MIB)),
                Stats.summary(of(Variant.STAGED, r -> 100 * r.closestShare())), under ? "PASS" : "FAIL");
        if (!staged.isEmpty()) {
            System.out.println("  the sizer at the end of the last backup: " + staged.get(staged.size() - 1)
                    .limitWhy());
        }
        List<Run> fast = runs.getOrDefault(Variant.FAST, List.of());
        System.out.printf(Locale.ROOT, "  staged while all devices were fast and idle: peak %s MiB%n",
                Stats.summary(fast.stream().map(r -> r.peakUsed() / StagingBench.MIB).toList()));
    }

    private List<Double> of(Variant variant, ToDoubleFunction<Run> figure) {
        return runs.getOrDefault(variant, List.of()).stream().map(figure::applyAsDouble).toList();
    }

    private static String paired(List<Double> a, List<Double> b) {
        List<String> ratios = new ArrayList<>();
        for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
            ratios.add(String.format(Locale.ROOT, "%.2f", a.get(i) / b.get(i)));
        }
        return String.join(", ", ratios);
    }
}
