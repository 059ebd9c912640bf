package io.customerhub.matching.model;

import io.customerhub.matching.settings.ComparisonSpec;
import io.customerhub.matching.settings.Settings;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The explanation of a score, Splink-style: the prior, then one bar per comparison, then the final
 * weight and probability. Holds labels and numbers only, never field values.
 */
public record Waterfall(String modelVersion, double prior, List<Bar> bars, double matchWeight, double probability) {

    /**
     * One comparison's contribution.
     *
     * @param comparison   comparison name
     * @param level        level index reached
     * @param label        level label
     * @param baseWeight   clamped log2(m/u) of the level (0 for a null level)
     * @param tfAdjustment term-frequency adjustment
     * @param weight       the comparison's weight in the sum
     * @param cumulative   running total after this bar (prior included)
     * @param m            level m (NaN for null levels)
     * @param u            level u (NaN for null levels)
     */
    public record Bar(String comparison, int level, String label, double baseWeight, double tfAdjustment, double weight,
                      double cumulative, double m, double u) {
    }

    public Waterfall {
        bars = List.copyOf(bars);
    }

    /** The explanation of a pair's score. */
    public static Waterfall of(ScoredPair score, Settings settings) {
        if (!settings.version().equals(score.modelVersion())) {
            throw new IllegalArgumentException("score is from model '" + score.modelVersion() + "', settings are '"
                    + settings.version() + "'; load the settings version that scored the pair");
        }
        int[] gamma = score.gamma();
        double[] w = score.comparisonWeights();
        double[] tf = score.tfAdjustments();
        List<Bar> bars = new ArrayList<>();
        double cumulative = score.prior();
        for (int c = 0; c < gamma.length; c++) {
            ComparisonSpec cs = settings.comparisons().get(c);
            var level = cs.levels().get(gamma[c]);
            cumulative += w[c];
            double base = level.isNull() ? 0.0 : cs.weightBounds(settings.weightBounds()).clamp(FellegiSunterModel.log2(level.m() / level.u()));
            bars.add(new Bar(cs.name(), gamma[c], level.label(), base, tf[c], w[c], cumulative, level.m(), level.u()));
        }
        return new Waterfall(score.modelVersion(), score.prior(), bars, score.matchWeight(), score.probability());
    }

    /** Rebuilds the explanation from what is stored with a pair: its comparison vector and term frequencies. */
    public static Waterfall rebuild(Settings settings, int[] gamma, double[] termFrequencies) {
        return rebuild(FellegiSunterModel.compile(settings), gamma, termFrequencies);
    }

    /** As above with the model already compiled: many pairs of one version share it. */
    public static Waterfall rebuild(FellegiSunterModel model, int[] gamma, double[] termFrequencies) {
        return of(model.score(gamma, termFrequencies), model.settings());
    }

    /** A plain-text table for logs and the steward UI. */
    public String render() {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "model %s%n%-16s %-48s %8s %8s %8s%n", modelVersion, "comparison", "level", "weight", "tf", "total"));
        sb.append(String.format(Locale.ROOT, "%-16s %-48s %8.2f %8s %8.2f%n", "prior", "", prior, "", prior));
        for (Bar b : bars) {
            sb.append(String.format(Locale.ROOT, "%-16s %-48s %8.2f %8.2f %8.2f%n", b.comparison(), b.level() + " " + b.label(),
                    b.weight(), b.tfAdjustment(), b.cumulative()));
        }
        sb.append(String.format(Locale.ROOT, "match weight %.2f, probability %.6f%n", matchWeight, probability));
        return sb.toString();
    }
}
