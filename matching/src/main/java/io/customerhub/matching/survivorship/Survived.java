package io.customerhub.matching.survivorship;

import java.time.Instant;

/** A surviving value and where it came from: source system, source id, the record's last update. */
public record Survived<T>(T value, String sourceSystem, String sourceId, Instant updatedAt) {
}
