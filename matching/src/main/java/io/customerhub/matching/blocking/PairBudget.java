package io.customerhub.matching.blocking;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SortedMap;

/**
 * A bound on the candidate pairs blocking may produce, so that pairs grow with the records and not
 * with their square: common names make loose rules (phonetic name + city) quadratic, 250 M pairs for
 * 1 M records where 100 k records gave 2 M. The budget, {@code pairsPerRecord x records} (never below
 * {@code floor}), is shared out across the rules by water-filling: a rule under its fair share keeps
 * all its pairs and leaves the rest to the others; a rule over it compares only its blocks up to the
 * largest size that fits. Skipped blocks are counted and reported like the fixed size cap; their
 * records still meet through the tighter rules (date of birth, e-mail, phone, customer number).
 */
public final class PairBudget {

    /** About the pairs per record that loose rules produce on 100,000 generated records: caps start above that. */
    public static final double DEFAULT_PAIRS_PER_RECORD = 20;
    /** Small hubs (the demo, the accuracy benchmarks) are never capped by the budget. */
    public static final long FLOOR = 2_000_000;

    private PairBudget() {
    }

    /**
     * The largest block size each rule compares.
     *
     * @param blockSizes    per rule (index = rule): block size -> number of blocks of that size
     * @param records       records blocked
     * @param maxBlockSize  the fixed cap that always applies
     */
    public static int[] caps(List<? extends SortedMap<Long, Long>> blockSizes, long records, double pairsPerRecord, int maxBlockSize) {
        return caps(blockSizes, records, pairsPerRecord, FLOOR, maxBlockSize);
    }

    /** As {@link #caps(List, long, double, int)} with another floor (0: the budget is pairsPerRecord x records alone). */
    public static int[] caps(List<? extends SortedMap<Long, Long>> blockSizes, long records, double pairsPerRecord, long floor,
                             int maxBlockSize) {
        if (pairsPerRecord <= 0) {
            throw new IllegalArgumentException("pairs per record must be positive, was " + pairsPerRecord);
        }
        int rules = blockSizes.size();
        int[] caps = new int[rules];
        long[] full = new long[rules];
        List<Integer> order = new ArrayList<>();
        for (int r = 0; r < rules; r++) {
            caps[r] = maxBlockSize;
            full[r] = pairsUpTo(blockSizes.get(r), maxBlockSize);
            order.add(r);
        }
        order.sort(Comparator.comparingLong(r -> full[r]));
        double remaining = Math.max((double) floor, pairsPerRecord * records);
        for (int i = 0; i < rules; i++) {
            int r = order.get(i);
            double share = remaining / (rules - i);
            if (full[r] > share) {
                caps[r] = largestSizeWithin(blockSizes.get(r), share, maxBlockSize);
            }
            remaining -= pairsUpTo(blockSizes.get(r), caps[r]);
        }
        return caps;
    }

    /** Pairs a rule produces comparing only blocks of at most {@code cap} records (before removing pairs other rules produced). */
    public static long pairsUpTo(SortedMap<Long, Long> sizes, long cap) {
        long pairs = 0;
        for (var e : sizes.headMap(cap + 1).entrySet()) {
            pairs += e.getValue() * (e.getKey() * (e.getKey() - 1) / 2);
        }
        return pairs;
    }

    private static int largestSizeWithin(SortedMap<Long, Long> sizes, double budget, int maxBlockSize) {
        long pairs = 0;
        long cap = 1;
        for (var e : sizes.headMap((long) maxBlockSize + 1).entrySet()) {
            long add = e.getValue() * (e.getKey() * (e.getKey() - 1) / 2);
            if (pairs + add > budget) {
                break;
            }
            pairs += add;
            cap = e.getKey();
        }
        return (int) cap;
    }
}
