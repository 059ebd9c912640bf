package io.customerhub.matching.survivorship;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One current source record of a cluster, as survivorship reads it.
 *
 * @param values             non-blank values by column: the canonical columns as the source gave them
 *                           ({@code given_name}, {@code consent_email}, ...) and their standardised forms
 *                           ({@code std_given_name}, {@code std_email}, ...)
 * @param customerNumbers    the record's customer numbers as {@code namespace:value}
 * @param updatedAt          when the source last changed the record; null when it does not say
 * @param consentExpressedAt when the record's consent choices were expressed; null when it does not say
 */
public record SourceRecord(String sourceSystem, String sourceId, Map<String, String> values, List<String> customerNumbers,
                           Instant updatedAt, Instant consentExpressedAt) {

    public SourceRecord {
        Objects.requireNonNull(sourceSystem, "sourceSystem");
        Objects.requireNonNull(sourceId, "sourceId");
        Map<String, String> nonBlank = new HashMap<>();
        values.forEach((k, v) -> {
            if (v != null && !v.isBlank()) {
                nonBlank.put(k, v.trim());
            }
        });
        values = Map.copyOf(nonBlank);
        customerNumbers = customerNumbers == null ? List.of() : List.copyOf(customerNumbers);
    }

    public String value(String column) {
        return values.get(column);
    }

    /** The record key used across the hub: {@code <source>/<id>}. */
    public String recordKey() {
        return sourceSystem + "/" + sourceId;
    }
}
