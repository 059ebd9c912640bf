package io.customerhub.reader;

import java.util.List;

/**
 * The answer to a lookup: the golden row and, when the requested id was retired, the ids followed
 * to reach it (oldest first). {@code row} is the live successor unless the chain ends at a retired
 * row without one.
 *
 * @param goldenVersion the version of the golden table that was read
 */
public record GoldenLookup(String requestedId, GoldenRow row, List<String> redirectedFrom, long goldenVersion) {

    public GoldenLookup {
        redirectedFrom = List.copyOf(redirectedFrom);
    }

    public boolean redirected() {
        return !redirectedFrom.isEmpty();
    }
}
