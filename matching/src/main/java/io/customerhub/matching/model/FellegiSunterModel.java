package io.customerhub.matching.model;

import io.customerhub.matching.compare.PreparedRecord;
import io.customerhub.matching.compare.PredicateLibrary;
import io.customerhub.matching.compare.RecordField;
import io.customerhub.matching.compare.RecordPredicate;
import io.customerhub.matching.record.StandardizedRecord;
import io.customerhub.matching.settings.Bounds;
import io.customerhub.matching.settings.ComparisonSpec;
import io.customerhub.matching.settings.LevelSpec;
import io.customerhub.matching.settings.NegativeEvidenceCap;
import io.customerhub.matching.settings.Settings;
import java.util.List;
import java.util.Optional;

/**
 * Settings compiled for scoring: predicates compiled once, weights precomputed per level. Immutable
 * and thread-safe; compile once per job and share. See MODEL.md for the formulas.
 */
public final class FellegiSunterModel {

    private static final double LN2 = Math.log(2);

    private final Settings settings;
    private final double prior;
    private final RecordPredicate[][] predicates;
    /** Clamped log2(m/u) per level; 0 for null levels. */
    private final double[][] weights;
    private final boolean[][] nullLevel;
    private final RecordField[][] tfField;
    private final double[][] tfReferenceU;
    /** Per comparison: the settings' weight bounds, or the comparison's own maximum. */
    private final Bounds[] weightBounds;
    private final Bounds tfBounds;
    /** Per comparison: its evidence group's index, or -1. */
    private final int[] groupOf;
    /** Per evidence group: the cap on its summed positive weight. */
    private final double[] groupCap;
    /** Per negative evidence cap: the comparison and level that trigger it, and the cap (bits, positive). */
    private final int[] negCapComparison;
    private final int[] negCapLevel;
    private final double[] negCap;

    private FellegiSunterModel(Settings settings) {
        this.settings = settings;
        this.tfBounds = settings.tfAdjustmentBounds();
        double lambda = settings.probabilityTwoRandomRecordsMatch();
        this.prior = log2(lambda / (1 - lambda));
        List<ComparisonSpec> cs = settings.comparisons();
        int n = cs.size();
        predicates = new RecordPredicate[n][];
        weights = new double[n][];
        nullLevel = new boolean[n][];
        tfField = new RecordField[n][];
        tfReferenceU = new double[n][];
        weightBounds = new Bounds[n];
        groupOf = new int[n];
        java.util.Arrays.fill(groupOf, -1);
        List<io.customerhub.matching.settings.EvidenceGroup> groups = settings.evidenceGroups();
        groupCap = new double[groups.size()];
        for (int g = 0; g < groups.size(); g++) {
            groupCap[g] = groups.get(g).maxWeight();
            for (String name : groups.get(g).comparisons()) {
                groupOf[cs.indexOf(settings.comparison(name))] = g;
            }
        }
        List<NegativeEvidenceCap> caps = settings.negativeEvidenceCaps();
        negCapComparison = new int[caps.size()];
        negCapLevel = new int[caps.size()];
        negCap = new double[caps.size()];
        for (int i = 0; i < caps.size(); i++) {
            ComparisonSpec spec = settings.comparison(caps.get(i).comparison());
            negCapComparison[i] = cs.indexOf(spec);
            negCapLevel[i] = spec.levels().stream().map(LevelSpec::label).toList().indexOf(caps.get(i).level());
            negCap[i] = caps.get(i).maxWeight();
        }
        for (int c = 0; c < n; c++) {
            List<LevelSpec> levels = cs.get(c).levels();
            weightBounds[c] = cs.get(c).weightBounds(settings.weightBounds());
            int k = levels.size();
            predicates[c] = new RecordPredicate[k];
            weights[c] = new double[k];
            nullLevel[c] = new boolean[k];
            tfField[c] = new RecordField[k];
            tfReferenceU[c] = new double[k];
            for (int l = 0; l < k; l++) {
                LevelSpec level = levels.get(l);
                predicates[c][l] = PredicateLibrary.compile(level.predicate());
                nullLevel[c][l] = level.isNull();
                weights[c][l] = level.isNull() ? 0.0 : weightBounds[c].clamp(log2(level.m() / level.u()));
                tfField[c][l] = level.tfField() == null ? null : RecordField.byColumnName(level.tfField()).orElseThrow();
                tfReferenceU[c][l] = level.tfReferenceU();
            }
        }
    }

    /** Validates and compiles; throws {@link io.customerhub.matching.settings.SettingsException} on invalid settings. */
    public static FellegiSunterModel compile(Settings settings) {
        return new FellegiSunterModel(settings.validated());
    }

    public Settings settings() {
        return settings;
    }

    public String version() {
        return settings.version();
    }

    public double prior() {
        return prior;
    }

    public int comparisonCount() {
        return predicates.length;
    }

    /** The comparison vector of the pair: first matching level per comparison. */
    public int[] gamma(StandardizedRecord a, StandardizedRecord b) {
        return gamma(PreparedRecord.of(a), PreparedRecord.of(b));
    }

    public int[] gamma(PreparedRecord a, PreparedRecord b) {
        int[] g = new int[predicates.length];
        for (int c = 0; c < predicates.length; c++) {
            g[c] = level(c, a, b);
        }
        return g;
    }

    private int level(int c, PreparedRecord a, PreparedRecord b) {
        RecordPredicate[] ps = predicates[c];
        for (int l = 0; l < ps.length; l++) {
            if (ps[l].test(a, b)) {
                return l;
            }
        }
        throw new IllegalStateException("comparison " + c + " has no level for the pair; its last level must be \"else\"");
    }

    /** The match weight alone. Prepares both records; prefer the {@link PreparedRecord} overload in loops. */
    public double matchWeight(StandardizedRecord a, StandardizedRecord b, TermFrequencies tf) {
        return matchWeight(PreparedRecord.of(a), PreparedRecord.of(b), tf);
    }

    /** The match weight alone, without the explanation: the hot path (allocates one small array only with evidence groups). */
    public double matchWeight(PreparedRecord a, PreparedRecord b, TermFrequencies tf) {
        double w = prior;
        double[] groupPositive = groupCap.length == 0 ? null : new double[groupCap.length];
        int[] capLevels = negCap.length == 0 ? null : new int[negCap.length];
        double[] capOwnNegative = negCap.length == 0 ? null : new double[negCap.length];
        double negative = 0.0;
        for (int c = 0; c < predicates.length; c++) {
            int l = level(c, a, b);
            RecordField f = tfField[c][l];
            double wc = f == null ? weights[c][l] : weightBounds[c].clamp(weights[c][l] + tfAdjustment(c, l, frequency(tf, f, a)));
            w += wc;
            if (groupOf[c] >= 0 && wc > 0) {
                groupPositive[groupOf[c]] += wc;
            }
            if (wc < 0) {
                negative += wc;
            }
            for (int i = 0; i < negCap.length; i++) {
                if (negCapComparison[i] == c) {
                    capLevels[i] = l;
                    capOwnNegative[i] = Math.min(0.0, wc);
                }
            }
        }
        for (int g = 0; g < groupCap.length; g++) {
            w -= Math.max(0.0, groupPositive[g] - groupCap[g]);
        }
        for (int i = 0; i < negCap.length; i++) {
            // One cap at most: the first triggered (caps rarely overlap; the explanation uses the same rule).
            if (capLevels[i] == negCapLevel[i]) {
                double others = negative - capOwnNegative[i];
                return w + Math.max(0.0, -negCap[i] - others);
            }
        }
        return w;
    }

    /** Compares and scores the pair, keeping the explanation. */
    public ScoredPair score(StandardizedRecord a, StandardizedRecord b, TermFrequencies tf) {
        return score(PreparedRecord.of(a), PreparedRecord.of(b), tf);
    }

    public ScoredPair score(PreparedRecord a, PreparedRecord b, TermFrequencies tf) {
        int n = predicates.length;
        int[] g = new int[n];
        double[] freqs = new double[n];
        for (int c = 0; c < n; c++) {
            g[c] = level(c, a, b);
            RecordField f = tfField[c][g[c]];
            freqs[c] = f == null ? Double.NaN : frequency(tf, f, a);
        }
        return score(g, freqs);
    }

    /** Rebuilds a score from a stored comparison vector and the term frequencies that were used. */
    public ScoredPair score(int[] gamma, double[] termFrequencies) {
        int n = predicates.length;
        if (gamma.length != n || termFrequencies.length != n) {
            throw new IllegalArgumentException("comparison vector has " + gamma.length + " levels and "
                    + termFrequencies.length + " term frequencies, model '" + version() + "' has " + n
                    + " comparisons; score with the settings version that produced it");
        }
        double[] weightsOut = new double[n];
        double[] tfOut = new double[n];
        double w = prior;
        for (int c = 0; c < n; c++) {
            int l = gamma[c];
            if (l < 0 || l >= weights[c].length) {
                throw new IllegalArgumentException("comparison '" + settings.comparisons().get(c).name() + "' has no level "
                        + l + " (it has " + weights[c].length + "); score with the settings version that produced it");
            }
            double adj = tfField[c][l] == null ? 0.0 : tfAdjustment(c, l, termFrequencies[c]);
            tfOut[c] = adj;
            weightsOut[c] = adj == 0.0 ? weights[c][l] : weightBounds[c].clamp(weights[c][l] + adj);
        }
        capGroups(weightsOut);
        capNegatives(gamma, weightsOut);
        for (int c = 0; c < n; c++) {
            w += weightsOut[c];
        }
        return new ScoredPair(gamma, weightsOut, tfOut, termFrequencies, prior, w, probability(w), version());
    }

    /** Scales each evidence group's positive weights down so that they sum to its cap at most. */
    private void capGroups(double[] weightsOut) {
        for (int g = 0; g < groupCap.length; g++) {
            double positive = 0.0;
            for (int c = 0; c < weightsOut.length; c++) {
                if (groupOf[c] == g && weightsOut[c] > 0) {
                    positive += weightsOut[c];
                }
            }
            if (positive > groupCap[g]) {
                double factor = groupCap[g] / positive;
                for (int c = 0; c < weightsOut.length; c++) {
                    if (groupOf[c] == g && weightsOut[c] > 0) {
                        weightsOut[c] *= factor;
                    }
                }
            }
        }
    }

    /** With the first triggered negative evidence cap, scales the other comparisons' negative weights to its cap at most. */
    private void capNegatives(int[] gamma, double[] weightsOut) {
        for (int i = 0; i < negCap.length; i++) {
            int own = negCapComparison[i];
            if (gamma[own] != negCapLevel[i]) {
                continue;
            }
            double negative = 0.0;
            for (int c = 0; c < weightsOut.length; c++) {
                if (c != own && weightsOut[c] < 0) {
                    negative -= weightsOut[c];
                }
            }
            if (negative > negCap[i]) {
                double factor = negCap[i] / negative;
                for (int c = 0; c < weightsOut.length; c++) {
                    if (c != own && weightsOut[c] < 0) {
                        weightsOut[c] *= factor;
                    }
                }
            }
            return;
        }
    }

    /** Clamped log2(tfU / tf(value)); 0 without a known frequency. */
    private double tfAdjustment(int c, int l, double frequency) {
        if (!(frequency > 0)) {
            return 0.0;
        }
        return tfBounds.clamp(log2(tfReferenceU[c][l] / frequency));
    }

    private static double frequency(TermFrequencies tf, RecordField f, PreparedRecord a) {
        // Only reached on an agreeing TF level, where both sides hold the same value: a's suffices.
        String v = a.get(f);
        return v == null ? Double.NaN : tf.frequency(f.columnName(), v);
    }

    /** LINK / REVIEW / NO_LINK: deterministic identifier rules first, then the thresholds on probability. */
    public MatchDecision decide(StandardizedRecord a, StandardizedRecord b, TermFrequencies tf) {
        return decide(PreparedRecord.of(a), PreparedRecord.of(b), tf);
    }

    public MatchDecision decide(PreparedRecord a, PreparedRecord b, TermFrequencies tf) {
        ScoredPair score = score(a, b, tf);
        Optional<DeterministicRules.Forced> forced = DeterministicRules.check(a.record(), b.record());
        if (forced.isPresent()) {
            return new MatchDecision(forced.get().decision(), forced.get().reason(), true, score);
        }
        return decide(score);
    }

    /** The threshold decision for a score (no deterministic rules: they need the records). */
    public MatchDecision decide(ScoredPair score) {
        double p = score.probability();
        if (p >= settings.thresholds().link()) {
            return new MatchDecision(Decision.LINK, "probability >= link threshold " + settings.thresholds().link(), false, score);
        }
        if (p >= settings.thresholds().review()) {
            return new MatchDecision(Decision.REVIEW, "probability between review threshold " + settings.thresholds().review()
                    + " and link threshold " + settings.thresholds().link(), false, score);
        }
        return new MatchDecision(Decision.NO_LINK, "probability < review threshold " + settings.thresholds().review(), false, score);
    }

    public static double probability(double matchWeight) {
        return 1.0 / (1.0 + Math.pow(2.0, -matchWeight));
    }

    static double log2(double x) {
        return Math.log(x) / LN2;
    }
}
