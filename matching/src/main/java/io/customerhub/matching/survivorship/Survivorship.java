package io.customerhub.matching.survivorship;

import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Picks the surviving value among candidates by an attribute's ordered rules. Pure and deterministic. */
public final class Survivorship {

    private Survivorship() {
    }

    /**
     * The winner: the best candidate by the first rule, ties broken by the next rules, then by
     * source system and source id so that the same input always gives the same answer.
     */
    public static <T> Optional<Candidate<T>> choose(List<Candidate<T>> candidates, List<Rule> rules) {
        if (candidates.isEmpty()) {
            return Optional.empty();
        }
        Map<String, Integer> frequency = new HashMap<>();
        for (Candidate<T> c : candidates) {
            frequency.merge(c.key(), 1, Integer::sum);
        }
        return candidates.stream().min(order(rules, c -> frequency.get(c.key())));
    }

    /** Best first: the order the rules give, then source system and source id. */
    public static <T> Comparator<Candidate<T>> order(List<Rule> rules, java.util.function.ToIntFunction<Candidate<T>> frequency) {
        Comparator<Candidate<T>> order = (a, b) -> 0;
        for (Rule rule : rules) {
            order = order.thenComparing(switch (rule) {
                case SOURCE_TRUST -> Comparator.<Candidate<T>>comparingDouble(Candidate::trust).reversed();
                case MOST_RECENT -> Comparator.comparing(Candidate<T>::updatedAt, Comparator.nullsLast(Comparator.reverseOrder()));
                case MOST_FREQUENT -> Comparator.comparingInt(frequency).reversed();
                case MOST_COMPLETE -> Comparator.<Candidate<T>>comparingInt(Candidate::completeness).reversed();
            });
        }
        return order.thenComparing(Candidate<T>::sourceSystem).thenComparing(Candidate<T>::sourceId).thenComparing(Candidate<T>::key);
    }

    /** Information in a text value: its letters and digits ("1980-02-13" beats "1980", "Marie-Claire" beats "Marie"). */
    public static int completeness(String value) {
        int n = 0;
        for (int i = 0; i < value.length(); i++) {
            if (Character.isLetterOrDigit(value.charAt(i))) {
                n++;
            }
        }
        return n;
    }
}
