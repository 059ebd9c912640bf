package io.customerhub.matching.settings;

import io.customerhub.matching.compare.PredicateLibrary;
import io.customerhub.matching.compare.PredicateSpec;
import java.util.ArrayList;
import java.util.List;

/**
 * Fluent builder for a comparison, for settings written in Java:
 * {@code ComparisonBuilder.named("email").nullLevel("null", "email").level("exact", exact("email"), 0.7, 2e-5).elseLevel(0.2, 0.99).build()}.
 */
public final class ComparisonBuilder {

    private final String name;
    private String description;
    private final List<LevelSpec> levels = new ArrayList<>();
    private double maxWeight = Double.NaN;

    private ComparisonBuilder(String name) {
        this.name = name;
    }

    public static ComparisonBuilder named(String name) {
        return new ComparisonBuilder(name);
    }

    public ComparisonBuilder description(String text) {
        this.description = text;
        return this;
    }

    /** This comparison's own upper weight bound in bits (instead of the settings' bound). */
    public ComparisonBuilder maxWeight(double bits) {
        this.maxWeight = bits;
        return this;
    }

    /** A level with weight 0 when a listed field is missing on either side. */
    public ComparisonBuilder nullWhenAnyMissing(String... fields) {
        levels.add(LevelSpec.nullLevel(PredicateSpec.of("null", fields)));
        return this;
    }

    /** A level with weight 0 when one side has none of the listed fields. */
    public ComparisonBuilder nullWhenAllMissing(String... fields) {
        levels.add(LevelSpec.nullLevel(PredicateSpec.of("all_null", fields)));
        return this;
    }

    public ComparisonBuilder level(String label, PredicateSpec predicate, double m, double u) {
        levels.add(LevelSpec.of(label, predicate, m, u));
        return this;
    }

    /** A level whose weight training must not change (a guard set by hand, see MODEL.md). */
    public ComparisonBuilder fixedLevel(String label, PredicateSpec predicate, double m, double u) {
        levels.add(LevelSpec.of(label, predicate, m, u).asFixed());
        return this;
    }

    /** A level adjusted by the term frequency of {@code tfField}; {@code tfU} is the u of an average value of it. */
    public ComparisonBuilder tfLevel(String label, PredicateSpec predicate, double m, double u, String tfField, double tfU) {
        levels.add(LevelSpec.of(label, predicate, m, u).withTermFrequency(tfField, tfU));
        return this;
    }

    public ComparisonBuilder elseLevel(double m, double u) {
        levels.add(LevelSpec.elseLevel(m, u));
        return this;
    }

    /** An "else" level whose weight training must not change (a guard, see MODEL.md). */
    public ComparisonBuilder fixedElseLevel(double m, double u) {
        levels.add(LevelSpec.elseLevel(m, u).asFixed());
        return this;
    }

    public ComparisonSpec build() {
        return new ComparisonSpec(name, description, levels, maxWeight);
    }

    // Short predicate constructors for builder call sites.

    public static PredicateSpec exact(String... fields) {
        return PredicateSpec.of("exact", fields);
    }

    public static PredicateSpec jaroWinkler(double min, String... fields) {
        return PredicateSpec.of("jaro_winkler", fields).with("min", min);
    }

    public static PredicateSpec predicate(String name, String... fields) {
        if (PredicateLibrary.describe(name) == null) {
            throw new IllegalArgumentException("unknown predicate '" + name + "'; use one of " + PredicateLibrary.names());
        }
        return PredicateSpec.of(name, fields);
    }
}
