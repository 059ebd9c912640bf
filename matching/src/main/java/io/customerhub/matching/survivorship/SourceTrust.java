package io.customerhub.matching.survivorship;

import java.io.Serializable;
import java.util.HashMap;
import java.util.Map;

/**
 * Trust per source and canonical field, as the source contracts declare it (their {@code trust}
 * blocks, resolved to one number per field). A source or field not listed gets {@link #DEFAULT}.
 */
public record SourceTrust(Map<String, Map<String, Double>> bySource) implements Serializable {

    /** The trust of a source that declares none (the contracts' own default). */
    public static final double DEFAULT = 0.5;

    public SourceTrust {
        Map<String, Map<String, Double>> copy = new HashMap<>();
        bySource.forEach((s, fields) -> copy.put(s, Map.copyOf(fields)));
        bySource = Map.copyOf(copy);
    }

    public static SourceTrust none() {
        return new SourceTrust(Map.of());
    }

    public double of(String sourceSystem, String field) {
        Map<String, Double> fields = bySource.get(sourceSystem);
        if (fields == null) {
            return DEFAULT;
        }
        return fields.getOrDefault(field, fields.getOrDefault("*", DEFAULT));
    }
}
