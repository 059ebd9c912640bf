package io.customerhub.matching.survivorship;

import java.time.Instant;
import java.util.Objects;

/**
 * One source record's value of an attribute, with what the rules rank it by.
 *
 * @param value        the value to publish (a string, an address, ...)
 * @param key          the value's standardised form: equal keys are the same value for {@link Rule#MOST_FREQUENT}
 * @param completeness how much information the value carries ({@link Rule#MOST_COMPLETE})
 * @param trust        the source's trust for this attribute, 0..1 ({@link Rule#SOURCE_TRUST})
 * @param updatedAt    when the source last changed the record; null when it does not say
 */
public record Candidate<T>(T value, String key, int completeness, double trust, String sourceSystem, String sourceId, Instant updatedAt) {

    public Candidate {
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(sourceSystem, "sourceSystem");
        Objects.requireNonNull(sourceId, "sourceId");
    }

    /** The winning value with its provenance. */
    public Survived<T> survived() {
        return new Survived<>(value, sourceSystem, sourceId, updatedAt);
    }
}
