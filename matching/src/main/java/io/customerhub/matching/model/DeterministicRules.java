package io.customerhub.matching.model;

import io.customerhub.matching.compare.Identifiers;
import io.customerhub.matching.record.StandardizedRecord;
import java.util.Optional;

/**
 * Rules that decide before the model: a shared strong identifier (same namespace and value) links;
 * a conflicting one (same namespace, different values) must not link; both at once is a data error
 * a steward must see.
 */
public final class DeterministicRules {

    public static final String SHARED = "shared strong identifier";
    public static final String CONFLICT = "conflicting strong identifiers (same namespace, different values)";
    public static final String BOTH = "shared and conflicting strong identifiers: data error, needs a steward";

    private DeterministicRules() {
    }

    /** The forced decision and its reason, or empty when the model should decide. */
    public static Optional<Forced> check(StandardizedRecord a, StandardizedRecord b) {
        boolean shared = Identifiers.shared(a.customerNumbers(), b.customerNumbers());
        boolean conflict = Identifiers.conflicting(a.customerNumbers(), b.customerNumbers());
        if (shared && conflict) {
            return Optional.of(new Forced(Decision.REVIEW, BOTH));
        }
        if (shared) {
            return Optional.of(new Forced(Decision.LINK, SHARED));
        }
        if (conflict) {
            return Optional.of(new Forced(Decision.NO_LINK, CONFLICT));
        }
        return Optional.empty();
    }

    public record Forced(Decision decision, String reason) {
    }
}
