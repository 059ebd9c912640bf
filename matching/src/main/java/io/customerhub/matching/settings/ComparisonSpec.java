package io.customerhub.matching.settings;

import java.util.List;

/** A comparison: an ordered list of levels over some fields, first match wins, "else" last. */
public record ComparisonSpec(String name, String description, List<LevelSpec> levels) {

    public ComparisonSpec {
        levels = levels == null ? List.of() : List.copyOf(levels);
    }

    public ComparisonSpec withLevels(List<LevelSpec> newLevels) {
        return new ComparisonSpec(name, description, newLevels);
    }
}
