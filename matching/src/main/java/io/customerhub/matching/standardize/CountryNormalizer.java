package io.customerhub.matching.standardize;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.MissingResourceException;

/**
 * Reads a country as ISO 3166 alpha-2 from its alpha-2 or alpha-3 code or its name in English,
 * French, German, Spanish or Italian ("France", "FRA", "Deutschland", "Royaume-Uni"), plus common
 * aliases ("UK", "England", "USA", "Holland"). Names come from the JDK's locale data, so the table
 * covers every ISO country without a hand-kept list. Thread-safe (read-only after class init).
 */
public final class CountryNormalizer {

    private static final Map<String, String> BY_FOLDED_NAME = buildTable();

    private CountryNormalizer() {
    }

    public static Parsed<String> toIsoAlpha2(String raw) {
        if (raw == null || raw.isBlank()) {
            return Parsed.empty();
        }
        String code = BY_FOLDED_NAME.get(TextFolding.words(raw));
        return code != null ? Parsed.of(code) : Parsed.rejected("unknown country");
    }

    private static Map<String, String> buildTable() {
        Map<String, String> table = new HashMap<>();
        Locale[] languages = {Locale.ENGLISH, Locale.FRENCH, Locale.GERMAN, new Locale("es"), Locale.ITALIAN};
        for (String alpha2 : Locale.getISOCountries()) {
            Locale country = new Locale("", alpha2);
            for (Locale language : languages) {
                table.putIfAbsent(TextFolding.words(country.getDisplayCountry(language)), alpha2);
            }
            try {
                table.put(country.getISO3Country(), alpha2);
            } catch (MissingResourceException e) {
                // no alpha-3 for this code: the alpha-2 still works
            }
        }
        for (String alpha2 : Locale.getISOCountries()) {
            table.put(alpha2, alpha2); // codes win over any name that happens to spell one
        }
        String[][] aliases = {
                {"UK", "GB"}, {"U K", "GB"}, {"GREAT BRITAIN", "GB"}, {"BRITAIN", "GB"}, {"ENGLAND", "GB"},
                {"ANGLETERRE", "GB"}, {"SCOTLAND", "GB"}, {"ECOSSE", "GB"}, {"WALES", "GB"}, {"NORTHERN IRELAND", "GB"},
                {"GRANDE BRETAGNE", "GB"}, {"UNITED KINGDOM", "GB"}, {"ROYAUME UNI", "GB"},
                {"USA", "US"}, {"U S A", "US"}, {"U S", "US"}, {"UNITED STATES", "US"}, {"UNITED STATES OF AMERICA", "US"},
                {"AMERICA", "US"}, {"ETATS UNIS", "US"}, {"ETATS UNIS D AMERIQUE", "US"},
                {"HOLLAND", "NL"}, {"THE NETHERLANDS", "NL"}, {"NEDERLAND", "NL"}, {"PAYS BAS", "NL"},
                {"DEUTSCHLAND", "DE"}, {"ALLEMAGNE", "DE"}, {"RFA", "DE"}, {"BRD", "DE"},
                {"ESPANA", "ES"}, {"ITALIA", "IT"}, {"BELGIQUE", "BE"}, {"BELGIE", "BE"}, {"SUISSE", "CH"},
                {"SCHWEIZ", "CH"}, {"SVIZZERA", "CH"}, {"OSTERREICH", "AT"}, {"OESTERREICH", "AT"},
                {"COTE D IVOIRE", "CI"}, {"COTE DIVOIRE", "CI"}, {"IVORY COAST", "CI"}, {"EL", "GR"},
                {"REPUBLIQUE TCHEQUE", "CZ"}, {"CZECH REPUBLIC", "CZ"}, {"RUSSIA", "RU"}, {"RUSSIE", "RU"},
                {"SOUTH KOREA", "KR"}, {"COREE DU SUD", "KR"}, {"VIETNAM", "VN"}, {"VIET NAM", "VN"},
                {"FRANCE METROPOLITAINE", "FR"}, {"METROPOLE", "FR"}, {"FX", "FR"},
        };
        for (String[] alias : aliases) {
            table.put(alias[0], alias[1]);
        }
        return Map.copyOf(table);
    }
}
