package io.customerhub.jobs.train;

import io.customerhub.matching.model.Decision;
import io.customerhub.matching.model.FellegiSunterModel;
import io.customerhub.matching.model.ScoredPair;
import io.customerhub.matching.settings.ComparisonSpec;
import io.customerhub.matching.settings.LevelSpec;
import io.customerhub.matching.settings.Settings;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The pure rules of the model promotion gate: whether a candidate's m/u make sense, how two models'
 * decisions on the same pairs compare, and the verdict. No Spark here: the action feeds counts of
 * comparison vectors in.
 */
public final class PromotionChecks {

    /** Which evidence decided: steward labels when there are enough, else label-free checks only. */
    public enum Basis { LABELLED, LABEL_FREE }

    /** Confusion counts of one model on labelled pairs: a LINK decision is a positive, REVIEW and NO_LINK are negatives. */
    public record Confusion(long truePositives, long falsePositives, long falseNegatives, long trueNegatives) {

        public long total() {
            return truePositives + falsePositives + falseNegatives + trueNegatives;
        }

        /** F1 of LINK against the must-links; 1 when there is nothing to get wrong. */
        public double f1() {
            long denominator = 2 * truePositives + falsePositives + falseNegatives;
            return denominator == 0 ? 1.0 : 2.0 * truePositives / denominator;
        }

        Confusion plus(boolean match, boolean linked, long n) {
            return new Confusion(truePositives + (match && linked ? n : 0), falsePositives + (!match && linked ? n : 0),
                    falseNegatives + (match && !linked ? n : 0), trueNegatives + (!match && !linked ? n : 0));
        }
    }

    /** How the candidate's decisions differ from the baseline's on the fixed sample of blocked pairs. */
    public record Drift(long pairs, long baselineLinks, long candidateLinks, long linkFlips, long reviewChanges) {

        /** Share of pairs whose LINK / not-LINK decision changed. */
        public double share() {
            return pairs == 0 ? 0.0 : (double) linkFlips / pairs;
        }
    }

    /** The limits of the gate. */
    public record Limits(double maxDrift, long minLabelledPairs, double f1Tolerance) {
        public static final double DEFAULT_MAX_DRIFT = 0.05;
        public static final long DEFAULT_MIN_LABELLED_PAIRS = 50;
        public static final double DEFAULT_F1_TOLERANCE = 0.01;
    }

    /** The verdict: {@code notWorse} decides promotion; {@code reasons} say why, one line each. */
    public record Verdict(boolean notWorse, Basis basis, List<String> reasons) {
        public Verdict {
            reasons = List.copyOf(reasons);
        }
    }

    /** |ln(m/u)| below this counts as m = u. */
    private static final double FLAT_LOG_RATIO = 0.01;

    private PromotionChecks() {
    }

    /**
     * Degenerate m/u of a trained model, one line per problem: in every comparison the strongest
     * trained agreement level (the first non-null level that training may change; hand-set guard
     * levels are skipped) must favour a match (m > u), and not every level may have m = u (the
     * comparison would carry no evidence at all).
     */
    public static List<String> degenerateLevels(Settings settings) {
        List<String> problems = new ArrayList<>();
        for (ComparisonSpec c : settings.comparisons()) {
            List<LevelSpec> trained = c.levels().stream().filter(l -> !l.isNull() && !l.fixed()).toList();
            if (trained.isEmpty()) {
                continue;
            }
            LevelSpec strongest = trained.get(0);
            if (!(strongest.m() > strongest.u())) {
                problems.add(String.format(Locale.ROOT, "comparison '%s': level '%s' has m %.4g <= u %.4g (agreement no longer favours a match)",
                        c.name(), strongest.label(), strongest.m(), strongest.u()));
            }
            if (trained.size() > 1 && trained.stream().allMatch(l -> Math.abs(Math.log(l.m() / l.u())) < FLAT_LOG_RATIO)) {
                problems.add(String.format(Locale.ROOT, "comparison '%s': m = u on every level (it no longer tells matches from non-matches)", c.name()));
            }
        }
        return problems;
    }

    /** The threshold decision of a model for a comparison vector, without term-frequency adjustments. */
    public static Decision decide(FellegiSunterModel model, String gamma) {
        int[] g = ScoredPair.parseGamma(gamma);
        double[] noFrequencies = new double[g.length];
        Arrays.fill(noFrequencies, Double.NaN);
        return model.decide(model.score(g, noFrequencies)).decision();
    }

    /** Drift from counts of (baseline gamma, candidate gamma) pairs. */
    public static Drift drift(Settings baseline, Settings candidate, Map<GammaPair, Long> sample) {
        FellegiSunterModel b = FellegiSunterModel.compile(baseline);
        FellegiSunterModel c = FellegiSunterModel.compile(candidate);
        long pairs = 0;
        long baseLinks = 0;
        long candLinks = 0;
        long flips = 0;
        long reviewChanges = 0;
        for (Map.Entry<GammaPair, Long> e : sample.entrySet()) {
            Decision before = decide(b, e.getKey().baseline());
            Decision after = decide(c, e.getKey().candidate());
            long n = e.getValue();
            pairs += n;
            baseLinks += before == Decision.LINK ? n : 0;
            candLinks += after == Decision.LINK ? n : 0;
            flips += (before == Decision.LINK) != (after == Decision.LINK) ? n : 0;
            reviewChanges += (before == Decision.REVIEW) != (after == Decision.REVIEW) ? n : 0;
        }
        return new Drift(pairs, baseLinks, candLinks, flips, reviewChanges);
    }

    /** Confusion counts of one model from counts of (gamma, label) where label true = must-link. */
    public static Confusion confusion(Settings settings, Map<String, Long> mustLinks, Map<String, Long> cannotLinks) {
        FellegiSunterModel model = FellegiSunterModel.compile(settings);
        Confusion confusion = new Confusion(0, 0, 0, 0);
        for (Map.Entry<String, Long> e : mustLinks.entrySet()) {
            confusion = confusion.plus(true, decide(model, e.getKey()) == Decision.LINK, e.getValue());
        }
        for (Map.Entry<String, Long> e : cannotLinks.entrySet()) {
            confusion = confusion.plus(false, decide(model, e.getKey()) == Decision.LINK, e.getValue());
        }
        return confusion;
    }

    /**
     * Not worse when the candidate's m/u are sane and: with at least {@code minLabelledPairs} steward
     * labels of both kinds, its F1 is at most {@code f1Tolerance} below the baseline's; without
     * them, its LINK decisions on the sample of blocked pairs differ from the baseline's on at most
     * {@code maxDrift} of the pairs (and there is a sample).
     */
    public static Verdict verdict(List<String> degenerate, Drift drift, Confusion baseline, Confusion candidate,
                                  long mustLinks, long cannotLinks, Limits limits) {
        List<String> reasons = new ArrayList<>();
        boolean notWorse = degenerate.isEmpty();
        reasons.addAll(degenerate);
        if (notWorse) {
            reasons.add("m/u sane: in every comparison the strongest trained level favours a match and not every level has m = u");
        }
        String driftLine = String.format(Locale.ROOT, "LINK decisions changed on %d of %d sampled blocked pairs (%.2f%%, limit %.2f%%); links %d -> %d",
                drift.linkFlips(), drift.pairs(), 100 * drift.share(), 100 * limits.maxDrift(), drift.baselineLinks(), drift.candidateLinks());
        boolean labelled = mustLinks + cannotLinks >= limits.minLabelledPairs() && mustLinks > 0 && cannotLinks > 0;
        if (labelled) {
            boolean f1Ok = candidate.f1() >= baseline.f1() - limits.f1Tolerance();
            notWorse &= f1Ok;
            reasons.add(String.format(Locale.ROOT, "on %d steward-labelled pairs (%d same, %d not the same) F1 %.4f -> %.4f (%s, tolerance %.4f)",
                    mustLinks + cannotLinks, mustLinks, cannotLinks, baseline.f1(), candidate.f1(), f1Ok ? "not worse" : "WORSE",
                    limits.f1Tolerance()));
            reasons.add(driftLine + " (informative: the labels decide)");
            return new Verdict(notWorse, Basis.LABELLED, reasons);
        }
        reasons.add(String.format(Locale.ROOT, "only %d steward-labelled pairs (%d same, %d not the same; %d of both kinds needed): label-free checks decide",
                mustLinks + cannotLinks, mustLinks, cannotLinks, limits.minLabelledPairs()));
        if (drift.pairs() == 0) {
            notWorse = false;
            reasons.add("no blocked pairs to compare the models on: run match before promoting");
        } else {
            boolean driftOk = drift.share() <= limits.maxDrift();
            notWorse &= driftOk;
            reasons.add(driftLine + (driftOk ? "" : ": TOO MUCH DRIFT"));
        }
        return new Verdict(notWorse, Basis.LABEL_FREE, reasons);
    }

    /** A pair's comparison vector under the baseline and under the candidate. */
    public record GammaPair(String baseline, String candidate) {
    }
}
