package io.customerhub.matching.settings;

import java.util.List;

/**
 * A comparison: an ordered list of levels over some fields, first match wins, "else" last.
 *
 * @param maxWeight upper bound of this comparison's weight in bits, overriding the settings' weight bound
 *                  (NaN: the settings' bound). A near-unique identifier may earn more than a name or a date.
 */
public record ComparisonSpec(String name, String description, List<LevelSpec> levels, double maxWeight) {

    public ComparisonSpec {
        levels = levels == null ? List.of() : List.copyOf(levels);
    }

    public ComparisonSpec(String name, String description, List<LevelSpec> levels) {
        this(name, description, levels, Double.NaN);
    }

    public ComparisonSpec withLevels(List<LevelSpec> newLevels) {
        return new ComparisonSpec(name, description, newLevels, maxWeight);
    }

    /** The clamp of this comparison's weights: the settings' bounds, with this comparison's own maximum if set. */
    public Bounds weightBounds(Bounds settingsBounds) {
        return Double.isNaN(maxWeight) ? settingsBounds : new Bounds(settingsBounds.min(), maxWeight);
    }
}
