package io.customerhub.matching.standardize;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Normalises person names for matching: accents and case folded, apostrophes removed
 * ("N'Diaye" → "NDIAYE"), hyphens and other punctuation turned into spaces ("Jean-Pierre" →
 * "JEAN PIERRE", "J.-P." → "J P"), leading courtesy titles removed, particles kept inside the
 * family name ("de la Fontaine" → "DE LA FONTAINE"). Stateless and thread-safe.
 */
public final class NameNormalizer {

    /** Particles that start or sit inside family names (French, Dutch, German, Iberian, Arabic). */
    public static final Set<String> PARTICLES = Set.of(
            "DE", "DU", "DES", "D", "LA", "LE", "LES", "L", "VAN", "VON", "DER", "DEN", "TER", "TEN",
            "DI", "DA", "DO", "DOS", "DAS", "DEL", "DELLA", "DELLE", "DEI", "Y", "BEN", "BIN", "IBN", "AL", "EL",
            "ABU", "BOU", "ST", "SAINT", "SAINTE");

    /** Titles that may be written bare ("Madame Dupont", "Dr Martin"), folded. */
    private static final Set<String> TITLE_WORDS = Set.of("MR", "MRS", "MS", "MISS", "MISTER", "MME", "MMES", "MLLE",
            "MLLES", "MLE", "MM", "MONSIEUR", "MADAME", "MADEMOISELLE", "MESDAMES", "MESSIEURS", "DR", "DOCTEUR",
            "DOCTOR", "PR", "PROF", "PROFESSEUR", "PROFESSOR", "HERR", "FRAU", "FRAULEIN", "SR", "SRA", "SRTA",
            "SENOR", "SENORA", "SENORITA", "SIG", "SIGRA", "SIGNOR", "SIGNORA", "SIGNORINA", "SIR", "DAME", "LORD",
            "LADY", "MAITRE", "MGR", "REV");
    /** Abbreviations that are titles only when written with their dot ("M. Dupont", "Me. Martin"). */
    private static final Set<String> DOTTED_ONLY_TITLES = Set.of("M", "ME", "HR", "FR", "FRL", "DOTT", "AV", "ING", "DIPL");

    private static final Set<String> TITLE_ONLY_VALUES = TITLE_WORDS;

    /** Generational suffixes dropped from the end of a family name ("SMITH JR"). */
    private static final Set<String> SUFFIXES = Set.of("JR", "JNR", "SR", "SNR", "II", "III", "IV", "FILS", "PERE");

    /** Values that say "no name" rather than being one; kept out so they never match each other. */
    private static final Set<String> PLACEHOLDERS = Set.of(
            "X", "XX", "XXX", "XXXX", "INCONNU", "INCONNUE", "UNKNOWN", "NC", "NR", "ND", "NA", "N A", "NEANT",
            "SANS", "AUCUN", "TEST", "NOM", "PRENOM", "NOM PRENOM", "NONE", "NULL", "NIL", "ANONYME", "ANONYMOUS");

    /** One-letter prefixes written with an apostrophe or a space: "N DIAYE" → "NDIAYE", "O NEIL". */
    private static final Set<String> ELIDED_PREFIXES = Set.of("D", "L", "N", "O");

    /** Words announcing a marital form in a family-name field. */
    private static final Set<String> BIRTH_NAME_MARKERS = Set.of("NEE", "NE");
    private static final Set<String> USED_NAME_MARKERS = Set.of("EPOUSE", "EP", "EPSE", "VEUVE", "VVE", "EPX");

    private static final Set<String> KNOWN_GIVEN_NAMES = loadNames("given-names.txt");
    private static final Set<String> KNOWN_FAMILY_NAMES = loadNames("family-names.txt");

    private NameNormalizer() {
    }

    /**
     * Removes leading courtesy titles from raw text, keeping the case of what remains: "Mme DUPONT
     * Marie" → "DUPONT Marie", "Dr. Mme Martin" → "Martin" (several titles in a row). A title is removed
     * only when something follows it. Hand-written scan: this runs on every name of every record.
     */
    public static String stripTitles(String raw) {
        if (raw == null) {
            return null;
        }
        int length = raw.length();
        int keepFrom = 0;
        int pos = 0;
        while (true) {
            while (pos < length && isTitleSeparator(raw.charAt(pos))) {
                pos++;
            }
            int end = pos;
            while (end < length && Character.isLetter(raw.charAt(end))) {
                end++;
            }
            if (end == pos || end == length) {
                break; // no word, or the word ends the text: never strip the last word
            }
            char next = raw.charAt(end);
            String word = TextFolding.foldAccentsAndCase(raw.substring(pos, end));
            boolean title = next == '.' ? TITLE_WORDS.contains(word) || DOTTED_ONLY_TITLES.contains(word)
                    : isTitleSeparator(next) && TITLE_WORDS.contains(word);
            if (!title) {
                break;
            }
            pos = next == '.' ? end + 1 : end;
            keepFrom = pos;
        }
        String rest = raw.substring(keepFrom).strip();
        return rest.isEmpty() || !hasLetter(rest) ? raw.strip() : rest;
    }

    private static boolean isTitleSeparator(char c) {
        return Character.isWhitespace(c) || c == ',' || c == '/' || c == '\u00A0';
    }

    private static boolean hasLetter(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (Character.isLetter(text.charAt(i))) {
                return true;
            }
        }
        return false;
    }

    /** A given-name field: "Jean-Pierre" → "JEAN PIERRE"; "J.-P." → "J P"; "Mme Marie" → "MARIE". */
    public static Parsed<NormalizedName> givenName(String raw) {
        return normalize(raw, false);
    }

    /** A family-name field: "de la Fontaine" → "DE LA FONTAINE"; "N'Diaye" → "NDIAYE"; "Smith Jr." → "SMITH". */
    public static Parsed<NormalizedName> familyName(String raw) {
        return normalize(raw, true);
    }

    /**
     * A family-name field that may hold a French marital form. "MARTIN née DUPONT" gives used
     * MARTIN and birth DUPONT; "DUPONT ép. MARTIN" gives birth DUPONT and used MARTIN; a plain name
     * is the used name.
     */
    public static Parsed<FamilyNames> familyNames(String raw) {
        Parsed<NormalizedName> whole = familyName(raw);
        if (!whole.isPresent()) {
            return whole.isRejected() ? Parsed.rejected(whole.rejection().orElseThrow()) : Parsed.empty();
        }
        List<String> tokens = whole.orNull().tokens();
        for (int i = 0; i < tokens.size(); i++) {
            String token = tokens.get(i);
            boolean birthMarker = BIRTH_NAME_MARKERS.contains(token);
            boolean usedMarker = USED_NAME_MARKERS.contains(token);
            if (!birthMarker && !usedMarker) {
                continue;
            }
            NormalizedName before = partOf(raw, tokens.subList(0, i));
            NormalizedName after = partOf(raw, tokens.subList(i + 1, tokens.size()));
            return birthMarker ? Parsed.of(new FamilyNames(before, after)) : Parsed.of(new FamilyNames(after, before));
        }
        return Parsed.of(new FamilyNames(whole.orNull(), null));
    }

    private static NormalizedName partOf(String raw, List<String> tokens) {
        return tokens.isEmpty() ? null : new NormalizedName(raw, String.join(" ", tokens), tokens);
    }

    private static Parsed<NormalizedName> normalize(String raw, boolean familyName) {
        if (raw == null || raw.isBlank()) {
            return Parsed.empty();
        }
        String words = TextFolding.words(stripTitles(raw));
        if (words.isEmpty()) {
            return Parsed.rejected("no letters in name");
        }
        if (PLACEHOLDERS.contains(words)) {
            return Parsed.rejected("placeholder instead of a name");
        }
        if (TITLE_ONLY_VALUES.contains(words)) {
            return Parsed.rejected("title only, no name");
        }
        List<String> tokens = new ArrayList<>(Arrays.asList(words.split(" ")));
        if (familyName) {
            if (tokens.size() > 1 && tokens.get(0).equals("M")) {
                tokens.remove(0); // "M DUPONT": a family name does not start with an initial, it is "M." undotted
            }
            joinElidedPrefixes(tokens);
            while (tokens.size() > 1 && SUFFIXES.contains(tokens.get(tokens.size() - 1))) {
                tokens.remove(tokens.size() - 1);
            }
        }
        return Parsed.of(new NormalizedName(raw, String.join(" ", tokens), tokens));
    }

    private static void joinElidedPrefixes(List<String> tokens) {
        for (int i = 0; i < tokens.size() - 1; i++) {
            if (ELIDED_PREFIXES.contains(tokens.get(i))) {
                tokens.set(i, tokens.get(i) + tokens.remove(i + 1));
            }
        }
    }

    /** Space-separated words of a normalised name; empty list for null or blank. */
    public static List<String> tokens(String normalized) {
        if (normalized == null || normalized.isBlank()) {
            return List.of();
        }
        return List.of(normalized.trim().split(" +"));
    }

    /** The words joined without spaces: "LE GALL" → "LEGALL". Null stays null. */
    public static String compact(String normalized) {
        return normalized == null ? null : normalized.replace(" ", "");
    }

    /**
     * The family name without its particles, for a looser comparison level: "DE LA FONTAINE" →
     * "FONTAINE". A name made only of particles ("LE", "DA") is returned whole.
     */
    public static String withoutParticles(String normalized) {
        List<String> kept = new ArrayList<>();
        for (String token : tokens(normalized)) {
            if (!PARTICLES.contains(token)) {
                kept.add(token);
            }
        }
        return kept.isEmpty() ? normalized : String.join(" ", kept);
    }

    /** First letter of each word: "JEAN PIERRE" → "JP", "J P" → "JP". */
    public static String initials(String normalized) {
        StringBuilder out = new StringBuilder();
        for (String token : tokens(normalized)) {
            out.append(token.charAt(0));
        }
        return out.toString();
    }

    /**
     * Whether two records hold the same names with given and family swapped, as happens when one
     * source keeps "DUPONT Marie" in a single field: (MARIE, DUPONT) vs (DUPONT, MARIE). Compares
     * compact forms, so spacing of particles does not matter. Nulls never swap.
     */
    public static boolean isGivenFamilySwap(String givenA, String familyA, String givenB, String familyB) {
        if (givenA == null || familyA == null || givenB == null || familyB == null) {
            return false;
        }
        String gA = compact(givenA);
        String fA = compact(familyA);
        return !gA.equals(fA) && gA.equals(compact(familyB)) && fA.equals(compact(givenB));
    }

    /**
     * Whether the given and family names of two records use the same words regardless of which
     * field they sit in (order and field ignored): catches a full name split at the wrong place,
     * "JEAN | PIERRE DUPONT" vs "JEAN PIERRE | DUPONT". Nulls count as no words.
     */
    public static boolean sameNameWords(String givenA, String familyA, String givenB, String familyB) {
        List<String> a = new ArrayList<>(tokens(givenA));
        a.addAll(tokens(familyA));
        List<String> b = new ArrayList<>(tokens(givenB));
        b.addAll(tokens(familyB));
        if (a.isEmpty()) {
            return false;
        }
        a.sort(null);
        b.sort(null);
        return a.equals(b);
    }

    /** Whether a folded word is a common given name (bundled list, French and international). */
    public static boolean isKnownGivenName(String foldedWord) {
        return KNOWN_GIVEN_NAMES.contains(foldedWord);
    }

    /** Whether a folded word is a very common family name (bundled list, mostly French). */
    public static boolean isKnownFamilyName(String foldedWord) {
        return KNOWN_FAMILY_NAMES.contains(foldedWord);
    }

    private static Set<String> loadNames(String resource) {
        Set<String> names = new HashSet<>();
        try (InputStream in = NameNormalizer.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + resource);
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                String word = line.strip();
                if (!word.isEmpty() && !word.startsWith("#")) {
                    names.add(TextFolding.words(word));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Set.copyOf(names);
    }
}
