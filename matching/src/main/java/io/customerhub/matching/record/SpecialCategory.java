package io.customerhub.matching.record;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Special categories of personal data (GDPR art. 9), and criminal convictions and offences (art. 10),
 * that must never enter the hub. Used to refuse a contract that maps such a column, whatever
 * canonical field it targets. Keywords are matched on whole words, so ordinary names that only
 * contain one (`unionid`, `sexe`, `party_id`, `credit_union`) pass; `sex` and `gender` are ordinary
 * customer fields, and nationality is not a special category.
 */
public enum SpecialCategory {
    POLITICAL_OPINION(List.of("political", "politic", "party_affiliation", "voting_intention", "opinion_politique", "parti")),
    RELIGION(List.of("religion", "religious", "belief", "confession", "faith", "denomination", "church", "creed", "worship",
            "culte", "religieux")),
    HEALTH(List.of("health", "medical", "diagnosis", "disability", "disabled", "handicap", "illness", "disease", "medication",
            "allergy", "blood", "bloodtype", "bloodgroup", "pregnancy", "pregnant", "sante", "maladie")),
    SEXUAL_ORIENTATION(List.of("sexual_orientation", "sexual_preference", "orientation_sexuelle", "sexuality", "sex_life",
            "lgbt", "lgbtq")),
    ETHNIC_ORIGIN(List.of("ethnic", "ethnicity", "race", "racial", "skin_colour", "skin_color", "ethnie", "origine_ethnique")),
    TRADE_UNION(List.of("trade_union", "union_member", "union_membership", "labour_union", "labor_union", "unionised",
            "unionized", "syndicat", "syndique")),
    GENETIC_OR_BIOMETRIC(List.of("genetic", "genome", "genotype", "dna", "biometric", "fingerprint", "iris_scan",
            "faceprint", "voiceprint")),
    CRIMINAL_RECORD(List.of("criminal", "conviction", "offence", "offense", "felony", "casier_judiciaire"));

    private final List<List<String>> keywords;

    SpecialCategory(List<String> keywords) {
        this.keywords = keywords.stream().map(SpecialCategory::words).toList();
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', ' ');
    }

    /**
     * The category a column or field name suggests: the name is cut into words (camelCase, `-`, `_`,
     * `.`, spaces; case and accents folded; a plural `s` dropped) and a keyword must match whole words.
     */
    public static Optional<SpecialCategory> suggestedBy(String name) {
        if (name == null || name.isBlank()) {
            return Optional.empty();
        }
        List<String> words = words(name);
        for (SpecialCategory category : values()) {
            for (List<String> keyword : category.keywords) {
                if (Collections.indexOfSubList(words, keyword) >= 0) {
                    return Optional.of(category);
                }
            }
        }
        return Optional.empty();
    }

    /** The words of a name: "religionCode" -> [religion, code], "Blood-Type" -> [blood, type], "Santé" -> [sante]. */
    static List<String> words(String name) {
        // The patterns live in a holder class: enum constants are built before the enum's own static fields.
        String unaccented = Normalizer.normalize(name, Normalizer.Form.NFD).replaceAll("\\p{M}", "");
        String spaced = Words.BOUNDARY.matcher(unaccented).replaceAll("_").toLowerCase(Locale.ROOT);
        List<String> words = new ArrayList<>();
        for (String word : Words.NOT_ALPHANUMERIC.split(spaced)) {
            if (!word.isEmpty()) {
                words.add(singular(word));
            }
        }
        return words;
    }

    private static String singular(String word) {
        return word.length() > 3 && word.endsWith("s") && !word.endsWith("ss") ? word.substring(0, word.length() - 1) : word;
    }

    private static final class Words {
        /** Where camelCase, PascalCase ("DNASample") and letters-then-digits ("health2") start a new word. */
        static final Pattern BOUNDARY = Pattern.compile("(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])|(?<=[A-Za-z])(?=[0-9])");
        static final Pattern NOT_ALPHANUMERIC = Pattern.compile("[^a-z0-9]+");
    }
}
