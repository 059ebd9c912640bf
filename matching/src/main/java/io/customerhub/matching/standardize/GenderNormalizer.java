package io.customerhub.matching.standardize;

import java.util.Map;
import java.util.Set;

/**
 * Normalises a gender to "M", "F" or nothing. Reads letters (M, F, H for homme), words in French,
 * English, German and Spanish, and the INSEE codes 1 (man) and 2 (woman). "Unknown" style values
 * are empty, not rejected: they say "not known", which is a legitimate answer. Thread-safe.
 */
public final class GenderNormalizer {

    public static final String MALE = "M";
    public static final String FEMALE = "F";

    private static final Map<String, String> VALUES = Map.ofEntries(
            Map.entry("M", MALE), Map.entry("H", MALE), Map.entry("1", MALE), Map.entry("MALE", MALE),
            Map.entry("MAN", MALE), Map.entry("HOMME", MALE), Map.entry("MASCULIN", MALE),
            Map.entry("MASCULINE", MALE), Map.entry("MASC", MALE), Map.entry("MANNLICH", MALE), Map.entry("MAENNLICH", MALE),
            Map.entry("HOMBRE", MALE), Map.entry("MASCULINO", MALE), Map.entry("MR", MALE), Map.entry("MONSIEUR", MALE),
            Map.entry("F", FEMALE), Map.entry("W", FEMALE), Map.entry("2", FEMALE), Map.entry("FEMALE", FEMALE),
            Map.entry("WOMAN", FEMALE), Map.entry("FEMME", FEMALE), Map.entry("FEMININ", FEMALE),
            Map.entry("FEMININE", FEMALE), Map.entry("FEM", FEMALE), Map.entry("WEIBLICH", FEMALE),
            Map.entry("MUJER", FEMALE), Map.entry("FEMENINO", FEMALE), Map.entry("MME", FEMALE),
            Map.entry("MADAME", FEMALE), Map.entry("MLLE", FEMALE), Map.entry("MRS", FEMALE));

    private static final Set<String> UNKNOWN = Set.of(
            "U", "X", "0", "9", "N", "NC", "ND", "NA", "I", "INCONNU", "UNKNOWN", "NON PRECISE", "NON RENSEIGNE",
            "AUTRE", "OTHER", "DIVERS", "NONBINARY", "NON BINARY", "NON BINAIRE", "UNBEKANNT");

    private GenderNormalizer() {
    }

    public static Parsed<String> normalize(String raw) {
        if (raw == null || raw.isBlank()) {
            return Parsed.empty();
        }
        String folded = TextFolding.wordsKeepingDigits(raw);
        String gender = VALUES.get(folded);
        if (gender != null) {
            return Parsed.of(gender);
        }
        if (UNKNOWN.contains(folded) || UNKNOWN.contains(folded.replace(" ", ""))) {
            return Parsed.empty();
        }
        return Parsed.rejected("unrecognised gender code");
    }
}
