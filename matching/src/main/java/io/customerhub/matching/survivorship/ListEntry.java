package io.customerhub.matching.survivorship;

import java.time.Instant;
import java.util.List;

/**
 * One distinct value of a list attribute (an e-mail, a phone, a customer number).
 *
 * @param sources   the records holding it, as {@code <source>/<id>}, sorted
 * @param updatedAt the latest update time among those records; null when none says
 */
public record ListEntry(String value, List<String> sources, Instant updatedAt) {

    public ListEntry {
        sources = List.copyOf(sources);
    }
}
