package io.customerhub.matching.standardize;

import org.apache.commons.codec.language.DoubleMetaphone;

/**
 * Phonetic keys for names: a few French spelling rules, then the primary Double Metaphone code
 * of the compacted name. The choice and its measurement are in matching/STANDARDIZATION.md.
 *
 * <p>Thread-safe: the encoder is configured once in the constructor and never changed after
 * (DoubleMetaphone only mutates on {@code setMaxCodeLen}). Share one instance.
 */
public final class PhoneticKeys {

    /** Key length: 6 keeps long compacted names ("DELAFONTAINE") apart better than the default 4. */
    public static final int MAX_CODE_LENGTH = 6;

    private final DoubleMetaphone doubleMetaphone;

    public PhoneticKeys() {
        doubleMetaphone = new DoubleMetaphone();
        doubleMetaphone.setMaxCodeLen(MAX_CODE_LENGTH);
    }

    /**
     * Key of a whole normalised name, spaces ignored: "DE LA FONTAINE" and "DELAFONTAINE" share one.
     * Null for null or blank.
     */
    public String key(String normalizedName) {
        if (normalizedName == null || normalizedName.isBlank()) {
            return null;
        }
        String code = doubleMetaphone.doubleMetaphone(frenchSpelling(NameNormalizer.compact(normalizedName)));
        return code == null || code.isEmpty() ? null : code;
    }

    /** Key of the first word only, used for given names ("JEAN PIERRE" → key of "JEAN"). */
    public String firstWordKey(String normalizedName) {
        if (normalizedName == null || normalizedName.isBlank()) {
            return null;
        }
        int space = normalizedName.indexOf(' ');
        return key(space < 0 ? normalizedName : normalizedName.substring(0, space));
    }

    /**
     * Rewrites French spellings that an English-centred encoder misreads, on a compacted upper-case
     * name: TH is said T (GAUTHIER), W often transliterates V (NOWAK/NOVAK), BV is V (LEFEBVRE),
     * final -AULT/-AUD/-AUX/-EAUX are all O (RENAULT/RENAUD, MOREAUX), final -ND/-NT drop the silent
     * consonant (BERTRAND/BERTRAN, DURAND/DURANT).
     */
    public static String frenchSpelling(String compactName) {
        String s = compactName;
        if (s.indexOf('H') >= 0) {
            s = s.replace("TH", "T");
        }
        if (s.indexOf('W') >= 0) {
            s = s.replace('W', 'V');
        }
        if (s.indexOf('B') >= 0) {
            s = s.replace("BV", "V");
        }
        int n = s.length();
        if (n > 4) {
            if (s.endsWith("EAUX")) {
                s = s.substring(0, n - 4) + "O";
            } else if (s.endsWith("AULT")) {
                s = s.substring(0, n - 4) + "O";
            } else if (s.endsWith("EAU") || s.endsWith("AUD") || s.endsWith("AUT") || s.endsWith("AUX")) {
                s = s.substring(0, n - 3) + "O";
            } else if (s.endsWith("ND") || s.endsWith("NT")) {
                s = s.substring(0, n - 1);
            }
        }
        return s;
    }
}
