package io.customerhub.matching.record;

import java.text.Normalizer;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Special categories of personal data (GDPR art. 9) that must never enter the hub. Used to refuse a
 * contract that maps such a column, whatever canonical field it targets.
 */
public enum SpecialCategory {
    POLITICAL_OPINION(List.of("political", "politic", "party_affiliation", "opinion_politique", "parti")),
    RELIGION(List.of("religion", "religious", "belief", "confession", "faith", "culte")),
    HEALTH(List.of("health", "medical", "diagnosis", "disability", "handicap", "sante", "maladie", "allergy")),
    SEXUAL_ORIENTATION(List.of("sexual_orientation", "orientation_sexuelle", "sexuality", "sex_life")),
    ETHNIC_ORIGIN(List.of("ethnic", "ethnicity", "race", "racial", "ethnie", "origine_ethnique")),
    TRADE_UNION(List.of("trade_union", "union_member", "syndicat")),
    GENETIC_OR_BIOMETRIC(List.of("genetic", "biometric", "fingerprint", "dna"));

    private final List<String> keywords;

    SpecialCategory(List<String> keywords) {
        this.keywords = keywords;
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', ' ');
    }

    /** The category a column or field name suggests, matched on whole words of the folded name. */
    public static Optional<SpecialCategory> suggestedBy(String name) {
        if (name == null || name.isBlank()) {
            return Optional.empty();
        }
        String folded = Normalizer.normalize(name, Normalizer.Form.NFD)
                .replaceAll("\\p{M}", "")
                .toLowerCase(Locale.ROOT)
                .replaceAll("[^a-z0-9]+", "_");
        String padded = "_" + folded + "_";
        for (SpecialCategory category : values()) {
            for (String keyword : category.keywords) {
                if (padded.contains("_" + keyword + "_")) {
                    return Optional.of(category);
                }
            }
        }
        return Optional.empty();
    }
}
