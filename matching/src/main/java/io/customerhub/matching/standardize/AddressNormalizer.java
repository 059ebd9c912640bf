package io.customerhub.matching.standardize;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Normalises postal addresses for matching: street lines (house number with suffix extracted,
 * street types in one canonical word), postcodes per country, and city names without Cedex or
 * arrondissement noise. Stateless and thread-safe.
 */
public final class AddressNormalizer {

    // Number at the start: "12", "12B", "12 bis", "12-14", "12/14", "12 b,". A spaced single-letter
    // suffix is limited to A-H so "12 R DE LA PAIX" (R. = rue) keeps its street type.
    private static final Pattern NUMBER_FIRST = Pattern.compile(
            "^\\s*(\\d{1,5})(?:\\s*[-/]\\s*(\\d{1,5}))?(?:\\s*(BIS|TER|QUATER|QUINQUIES)\\b|([A-Z])\\b|\\s+([A-H])\\b)?[\\s,.]*");
    // Number at the end, German and Dutch style: "HAUPTSTRASSE 12A", "KALVERSTRAAT 1-3".
    private static final Pattern NUMBER_LAST = Pattern.compile(
            "[\\s,]+(\\d{1,5})(?:\\s*[-/]\\s*(\\d{1,5}))?\\s*([A-Z])?\\s*$");
    private static final Pattern HOUSE_NUMBER_ALONE = Pattern.compile(
            "^\\s*(\\d{1,5})(?:\\s*[-/]\\s*(\\d{1,5}))?\\s*(BIS|TER|QUATER|QUINQUIES|[A-Z])?\\s*$");

    /** French repetition indices as La Poste (AFNOR NF Z 10-011) abbreviates them. */
    private static final Map<String, String> REPETITION_INDEX = Map.of(
            "BIS", "B", "TER", "T", "QUATER", "Q", "QUINQUIES", "C");

    /** Street types written before the name (French style), abbreviated or not. */
    private static final Map<String, String> TYPES_BEFORE_NAME = Map.ofEntries(
            Map.entry("R", "RUE"), Map.entry("RUE", "RUE"),
            Map.entry("AV", "AVENUE"), Map.entry("AVE", "AVENUE"), Map.entry("AVN", "AVENUE"), Map.entry("AVENUE", "AVENUE"),
            Map.entry("BD", "BOULEVARD"), Map.entry("BLD", "BOULEVARD"), Map.entry("BLVD", "BOULEVARD"),
            Map.entry("BOUL", "BOULEVARD"), Map.entry("BOULEVARD", "BOULEVARD"),
            Map.entry("PL", "PLACE"), Map.entry("PLACE", "PLACE"),
            Map.entry("CH", "CHEMIN"), Map.entry("CHE", "CHEMIN"), Map.entry("CHEM", "CHEMIN"), Map.entry("CHEMIN", "CHEMIN"),
            Map.entry("ALL", "ALLEE"), Map.entry("AL", "ALLEE"), Map.entry("ALLEE", "ALLEE"), Map.entry("ALLEES", "ALLEE"),
            Map.entry("IMP", "IMPASSE"), Map.entry("IMPASSE", "IMPASSE"),
            Map.entry("RTE", "ROUTE"), Map.entry("RT", "ROUTE"), Map.entry("ROUTE", "ROUTE"),
            Map.entry("QU", "QUAI"), Map.entry("QUAI", "QUAI"),
            Map.entry("CRS", "COURS"), Map.entry("COURS", "COURS"),
            Map.entry("SQ", "SQUARE"), Map.entry("SQUARE", "SQUARE"),
            Map.entry("PASS", "PASSAGE"), Map.entry("PAS", "PASSAGE"), Map.entry("PASSAGE", "PASSAGE"),
            Map.entry("RES", "RESIDENCE"), Map.entry("RESID", "RESIDENCE"), Map.entry("RESIDENCE", "RESIDENCE"),
            Map.entry("LOT", "LOTISSEMENT"), Map.entry("LOTISSEMENT", "LOTISSEMENT"),
            Map.entry("FG", "FAUBOURG"), Map.entry("FBG", "FAUBOURG"), Map.entry("FAUBOURG", "FAUBOURG"),
            Map.entry("PROM", "PROMENADE"), Map.entry("PROMENADE", "PROMENADE"),
            Map.entry("ESPL", "ESPLANADE"), Map.entry("ESPLANADE", "ESPLANADE"),
            Map.entry("HAM", "HAMEAU"), Map.entry("HAMEAU", "HAMEAU"),
            Map.entry("MTE", "MONTEE"), Map.entry("MONTEE", "MONTEE"),
            Map.entry("TRAV", "TRAVERSE"), Map.entry("TRAVERSE", "TRAVERSE"),
            Map.entry("SENT", "SENTIER"), Map.entry("SENTIER", "SENTIER"),
            Map.entry("VOIE", "VOIE"), Map.entry("CITE", "CITE"), Map.entry("PARVIS", "PARVIS"),
            Map.entry("STR", "STRASSE"), Map.entry("STRASSE", "STRASSE"));

    /** Street types written after the name (English style); "ST" here is street, not saint. */
    private static final Map<String, String> TYPES_AFTER_NAME = Map.ofEntries(
            Map.entry("ST", "STREET"), Map.entry("STR", "STREET"), Map.entry("STREET", "STREET"),
            Map.entry("RD", "ROAD"), Map.entry("ROAD", "ROAD"),
            Map.entry("AVE", "AVENUE"), Map.entry("AV", "AVENUE"), Map.entry("AVENUE", "AVENUE"),
            Map.entry("LN", "LANE"), Map.entry("LANE", "LANE"),
            Map.entry("DR", "DRIVE"), Map.entry("DRIVE", "DRIVE"),
            Map.entry("CT", "COURT"), Map.entry("COURT", "COURT"),
            Map.entry("PL", "PLACE"), Map.entry("PLACE", "PLACE"),
            Map.entry("SQ", "SQUARE"), Map.entry("SQUARE", "SQUARE"),
            Map.entry("BLVD", "BOULEVARD"), Map.entry("BOULEVARD", "BOULEVARD"),
            Map.entry("CRES", "CRESCENT"), Map.entry("CRESCENT", "CRESCENT"),
            Map.entry("TCE", "TERRACE"), Map.entry("TERR", "TERRACE"), Map.entry("TERRACE", "TERRACE"),
            Map.entry("CL", "CLOSE"), Map.entry("CLOSE", "CLOSE"),
            Map.entry("GDNS", "GARDENS"), Map.entry("GARDENS", "GARDENS"),
            Map.entry("HWY", "HIGHWAY"), Map.entry("HIGHWAY", "HIGHWAY"),
            Map.entry("PKWY", "PARKWAY"), Map.entry("PARKWAY", "PARKWAY"));

    private static final Map<String, String> WORDS_ANYWHERE = Map.of(
            "ST", "SAINT", "STE", "SAINTE", "FG", "FAUBOURG", "FBG", "FAUBOURG", "GAL", "GENERAL", "MAL", "MARECHAL");

    private static final Pattern UK_POSTCODE = Pattern.compile("[A-Z]{1,2}[0-9][A-Z0-9]?[0-9][A-Z]{2}");
    private static final Pattern DIGITS = Pattern.compile("[0-9]+");
    private static final Pattern GENERIC_POSTCODE = Pattern.compile("[A-Z0-9][A-Z0-9-]{1,9}");
    private static final Pattern COUNTRY_PREFIX = Pattern.compile("^(?:F|FR|D|DE|B|BE|CH|L|LU|A|AT)-");
    private static final Set<String> FRENCH_POSTCODE_COUNTRIES = Set.of(
            "FR", "MC", "GP", "MQ", "GF", "RE", "YT", "PM", "BL", "MF", "NC", "PF", "WF");
    private static final Set<String> FOUR_DIGIT_POSTCODE_COUNTRIES = Set.of("BE", "CH", "LU", "AT", "DK", "NO", "HU");
    private static final Set<String> FIVE_DIGIT_POSTCODE_COUNTRIES = Set.of("DE", "ES", "IT", "FI", "MA", "DZ", "TN");

    /** City words after which the rest is delivery noise: "PARIS CEDEX 08". */
    private static final Set<String> CITY_NOISE_START = Set.of("CEDEX", "CEDEX.", "CS", "BP");
    private static final Set<String> ARRONDISSEMENT_WORDS = Set.of("ARRONDISSEMENT", "ARR", "ARRT", "EME", "E", "ER");
    private static final Pattern ORDINAL = Pattern.compile("\\d{1,2}(?:E|EME|ER|ERE)?");

    private AddressNormalizer() {
    }

    /**
     * A street line: "12 bis, av. de la République" → "12B AVENUE DE LA REPUBLIQUE" (number "12B");
     * "221B Baker St." → "221B BAKER STREET"; "Hauptstr. 5a" → "5A HAUPTSTRASSE".
     */
    public static Parsed<NormalizedStreet> streetLine(String raw) {
        if (raw == null || raw.isBlank()) {
            return Parsed.empty();
        }
        String folded = TextFolding.foldAccentsAndCase(raw).strip();
        String houseNumber = null;
        String rest = folded;
        Matcher first = NUMBER_FIRST.matcher(folded);
        if (first.lookingAt() && first.end() < folded.length()) {
            houseNumber = houseNumber(first.group(1), first.group(2), firstNonNull(first.group(3), first.group(4), first.group(5)));
            rest = folded.substring(first.end());
        } else if (!startsWithFrenchStreetType(folded)) {
            // not for "AVENUE DU 11 NOVEMBRE 1918": the trailing number is part of the name there
            Matcher last = NUMBER_LAST.matcher(folded);
            if (last.find() && last.start() > 0) {
                houseNumber = houseNumber(last.group(1), last.group(2), last.group(3));
                rest = folded.substring(0, last.start());
            }
        }
        String street = canonicalStreet(TextFolding.wordsKeepingDigits(rest));
        if (street.isEmpty() && houseNumber == null) {
            return Parsed.rejected("no street in address line");
        }
        String line = houseNumber == null ? street : street.isEmpty() ? houseNumber : houseNumber + " " + street;
        return Parsed.of(new NormalizedStreet(line, houseNumber, street.isEmpty() ? null : street));
    }

    /** A house-number field: "12 bis" → "12B", "12-14" → "12-14", "007" → "7". */
    public static Parsed<String> houseNumber(String raw) {
        if (raw == null || raw.isBlank()) {
            return Parsed.empty();
        }
        Matcher m = HOUSE_NUMBER_ALONE.matcher(TextFolding.foldAccentsAndCase(raw));
        if (!m.matches()) {
            return Parsed.rejected("not a house number");
        }
        return Parsed.of(houseNumber(m.group(1), m.group(2), m.group(3)));
    }

    private static boolean startsWithFrenchStreetType(String folded) {
        int end = 0;
        while (end < folded.length() && Character.isLetter(folded.charAt(end))) {
            end++;
        }
        String firstWord = folded.substring(0, end);
        return TYPES_BEFORE_NAME.containsKey(firstWord) && !firstWord.startsWith("STR");
    }

    private static String houseNumber(String number, String rangeEnd, String suffix) {
        StringBuilder out = new StringBuilder(stripLeadingZeros(number));
        if (rangeEnd != null) {
            out.append('-').append(stripLeadingZeros(rangeEnd));
        }
        if (suffix != null) {
            out.append(REPETITION_INDEX.getOrDefault(suffix, suffix));
        }
        return out.toString();
    }

    private static String stripLeadingZeros(String digits) {
        int i = 0;
        while (i < digits.length() - 1 && digits.charAt(i) == '0') {
            i++;
        }
        return digits.substring(i);
    }

    private static String firstNonNull(String a, String b, String c) {
        return a != null ? a : b != null ? b : c;
    }

    private static String canonicalStreet(String words) {
        if (words.isEmpty()) {
            return words;
        }
        String[] tokens = words.split(" ");
        int n = tokens.length;
        for (int i = 0; i < n; i++) {
            String token = tokens[i];
            String canonical = null;
            if (i == 0) {
                canonical = TYPES_BEFORE_NAME.get(token);
            }
            if (canonical == null && i == n - 1 && n > 1) {
                canonical = TYPES_AFTER_NAME.get(token);
            }
            if (canonical == null) {
                canonical = WORDS_ANYWHERE.get(token);
            }
            if (canonical == null && token.length() > 3 && token.endsWith("STR")) {
                canonical = token + "ASSE"; // German compounds: "HAUPTSTR." → "HAUPTSTRASSE"
            }
            if (canonical != null) {
                tokens[i] = canonical;
            }
        }
        return String.join(" ", tokens);
    }

    /**
     * A postcode, spaces removed and upper case. Checked against the country's format when the
     * country is known: French 5 digits (a 4-digit code lost its leading zero in a spreadsheet and
     * gets it back: "1000" → "01000"), UK "SW1A 1AA" → "SW1A1AA", US ZIP+4 cut to the 5-digit ZIP.
     *
     * @param countryIso2 the address country (or the source's default), null when unknown
     */
    public static Parsed<String> postcode(String raw, String countryIso2) {
        if (raw == null || raw.isBlank()) {
            return Parsed.empty();
        }
        StringBuilder compact = new StringBuilder(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (!Character.isWhitespace(c) && c != '.' && c != '\u00A0') {
                compact.append(Character.toUpperCase(c));
            }
        }
        String code = COUNTRY_PREFIX.matcher(compact).replaceFirst("");
        String country = countryIso2 == null ? "" : countryIso2.toUpperCase(Locale.ROOT);
        if (FRENCH_POSTCODE_COUNTRIES.contains(country)) {
            if (DIGITS.matcher(code).matches() && code.length() == 4) {
                code = "0" + code;
            }
            return digits(code, 5, "not a French postcode (5 digits)");
        }
        if (country.equals("GB") || country.equals("GG") || country.equals("JE") || country.equals("IM")) {
            return UK_POSTCODE.matcher(code).matches() ? Parsed.of(code) : Parsed.rejected("not a UK postcode");
        }
        if (country.equals("US")) {
            String zip = code.length() == 10 && code.charAt(5) == '-' ? code.substring(0, 5) : code.length() == 9 ? code.substring(0, 5) : code;
            return digits(zip, 5, "not a US ZIP code");
        }
        if (FIVE_DIGIT_POSTCODE_COUNTRIES.contains(country)) {
            return digits(code, 5, "not a 5-digit postcode");
        }
        if (FOUR_DIGIT_POSTCODE_COUNTRIES.contains(country)) {
            return digits(code, 4, "not a 4-digit postcode");
        }
        return GENERIC_POSTCODE.matcher(code).matches() ? Parsed.of(code) : Parsed.rejected("not a postcode");
    }

    private static Parsed<String> digits(String code, int length, String reason) {
        return code.length() == length && DIGITS.matcher(code).matches() ? Parsed.of(code) : Parsed.rejected(reason);
    }

    /**
     * A city: accents, hyphens and apostrophes folded, St/Ste → SAINT/SAINTE, and delivery noise
     * removed: "Paris Cedex 08" → "PARIS", "PARIS 15" → "PARIS", "Lyon 3e arrondissement" → "LYON",
     * "75015 Paris" → "PARIS", "L'Isle-Adam" and "L ISLE ADAM" → "LISLE ADAM".
     */
    public static Parsed<String> city(String raw) {
        if (raw == null || raw.isBlank()) {
            return Parsed.empty();
        }
        List<String> tokens = new ArrayList<>(Arrays.asList(TextFolding.wordsKeepingDigits(raw).split(" ")));
        while (!tokens.isEmpty() && isDigits(tokens.get(0))) {
            tokens.remove(0); // postcode typed into the city field
        }
        for (int i = 0; i < tokens.size(); i++) {
            if (i > 0 && CITY_NOISE_START.contains(tokens.get(i))) {
                tokens.subList(i, tokens.size()).clear();
                break;
            }
        }
        while (tokens.size() > 1 && isArrondissementNoise(tokens.get(tokens.size() - 1))) {
            tokens.remove(tokens.size() - 1);
        }
        for (int i = 0; i < tokens.size(); i++) {
            String token = tokens.get(i);
            if (token.equals("ST")) {
                tokens.set(i, "SAINT");
            } else if (token.equals("STE")) {
                tokens.set(i, "SAINTE");
            } else if ((token.equals("L") || token.equals("D")) && i + 1 < tokens.size()) {
                tokens.set(i, token + tokens.remove(i + 1)); // La Poste writes "L ISLE ADAM" for L'Isle-Adam
            }
        }
        String city = String.join(" ", tokens).strip();
        if (city.isEmpty() || isDigits(city.replace(" ", ""))) {
            return Parsed.rejected("no letters in city");
        }
        return Parsed.of(city);
    }

    private static boolean isArrondissementNoise(String token) {
        return ARRONDISSEMENT_WORDS.contains(token) || ORDINAL.matcher(token).matches();
    }

    private static boolean isDigits(String token) {
        return !token.isEmpty() && DIGITS.matcher(token).matches();
    }
}
