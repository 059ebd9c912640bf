package io.customerhub.matching.model;

import java.util.Map;

/**
 * Relative frequencies of field values (e.g. the share of records whose family name is "MARTIN"),
 * computed by the caller from the records table. Used to weigh agreement on a rare value more than
 * agreement on a common one (see MODEL.md, "Term-frequency adjustment").
 */
@FunctionalInterface
public interface TermFrequencies {

    /** No table: no adjustment anywhere. */
    TermFrequencies NONE = (field, value) -> Double.NaN;

    /**
     * The share in (0,1] of records whose {@code field} (column name, e.g. "family_name") equals
     * {@code value}; NaN when unknown, which means "no adjustment".
     */
    double frequency(String field, String value);

    /** A table held in memory: field -> (value -> relative frequency). */
    static TermFrequencies of(Map<String, Map<String, Double>> table) {
        Map<String, Map<String, Double>> copy = Map.copyOf(table);
        return (field, value) -> {
            Map<String, Double> byValue = copy.get(field);
            Double f = byValue == null || value == null ? null : byValue.get(value);
            return f == null ? Double.NaN : f;
        };
    }
}
