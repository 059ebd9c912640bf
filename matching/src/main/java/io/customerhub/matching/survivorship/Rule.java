package io.customerhub.matching.survivorship;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * A survivorship rule: how candidate values of one attribute are ranked. An attribute lists its
 * rules in order; a later rule only breaks the ties of the earlier ones. A blank never wins over a
 * value, whatever the rules (blanks are not candidates).
 */
public enum Rule {
    /** The source the contracts trust most for this attribute. */
    SOURCE_TRUST,
    /** The value whose record was updated last (records without an update time rank oldest). */
    MOST_RECENT,
    /** The value held by the most records of the cluster (compared by its standardised form). */
    MOST_FREQUENT,
    /** The value carrying the most information (more characters, a fuller date, more address parts). */
    MOST_COMPLETE;

    /** The name used in settings JSON, e.g. "source_trust". */
    public String jsonName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Rule> byJsonName(String name) {
        return Arrays.stream(values()).filter(r -> r.jsonName().equals(name)).findFirst();
    }
}
