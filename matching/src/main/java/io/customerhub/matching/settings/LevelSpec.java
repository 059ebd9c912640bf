package io.customerhub.matching.settings;

import io.customerhub.matching.compare.PredicateLibrary;
import io.customerhub.matching.compare.PredicateSpec;

/**
 * One comparison level: the first level (in order) whose predicate holds gives the pair its
 * m and u for this comparison.
 *
 * @param label     short human label, shown in explanations
 * @param predicate when the level applies
 * @param m         P(level | records match); NaN for a null level
 * @param u         P(level | records do not match); NaN for a null level
 * @param tfField   field whose term frequency adjusts this level's weight (e.g. "family_name"), or null
 * @param tfU       the u that an average value of {@code tfField} has on its own (NaN: use {@code u});
 *                  the adjustment is log2(tfU / tf(value))
 * @param fixed     true when training must keep m and u as written (hand-set guard levels)
 */
public record LevelSpec(String label, PredicateSpec predicate, double m, double u, String tfField, double tfU, boolean fixed) {

    public static LevelSpec nullLevel(PredicateSpec predicate) {
        return new LevelSpec("null", predicate, Double.NaN, Double.NaN, null, Double.NaN, false);
    }

    public static LevelSpec of(String label, PredicateSpec predicate, double m, double u) {
        return new LevelSpec(label, predicate, m, u, null, Double.NaN, false);
    }

    public static LevelSpec elseLevel(double m, double u) {
        return new LevelSpec("else", PredicateSpec.of(PredicateLibrary.ELSE), m, u, null, Double.NaN, false);
    }

    public LevelSpec withTermFrequency(String field, double averageU) {
        return new LevelSpec(label, predicate, m, u, field, averageU, fixed);
    }

    public LevelSpec asFixed() {
        return new LevelSpec(label, predicate, m, u, tfField, tfU, true);
    }

    public LevelSpec withMU(double newM, double newU) {
        return new LevelSpec(label, predicate, newM, newU, tfField, tfU, fixed);
    }

    /** True for "null"/"all_null" levels: a side lacks the data, weight 0. */
    public boolean isNull() {
        return PredicateLibrary.isNullPredicate(predicate.name());
    }

    /** The u the term-frequency adjustment is relative to. */
    public double tfReferenceU() {
        return Double.isNaN(tfU) ? u : tfU;
    }
}
