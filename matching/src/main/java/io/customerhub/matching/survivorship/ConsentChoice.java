package io.customerhub.matching.survivorship;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * An explicit consent choice for one purpose, made in one channel.
 *
 * @param granted     true for an opt-in, false for an opt-out
 * @param expressedAt when it was expressed (the record's consent time, else its update time); null when unknown
 */
public record ConsentChoice(boolean granted, String sourceSystem, String sourceId, Instant expressedAt) {

    /** Latest first; at the same time (or both unknown) an opt-out wins, then source order for determinism. */
    private static final Comparator<ConsentChoice> PRECEDENCE =
            Comparator.comparing(ConsentChoice::expressedAt, Comparator.nullsLast(Comparator.reverseOrder()))
                    .thenComparing(ConsentChoice::granted)
                    .thenComparing(ConsentChoice::sourceSystem)
                    .thenComparing(ConsentChoice::sourceId);

    /**
     * The consolidated choice: the most recent explicit choice across all channels, so an opt-out
     * made in one channel holds in every other until a later opt-in. A blank is no choice.
     */
    public static Optional<ConsentChoice> resolve(List<ConsentChoice> choices) {
        return choices.stream().min(PRECEDENCE);
    }
}
