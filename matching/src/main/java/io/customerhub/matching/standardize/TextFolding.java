package io.customerhub.matching.standardize;

import com.ibm.icu.text.Transliterator;
import java.text.Normalizer;

/**
 * Folds free text to upper-case ASCII so that "Lefèvre", "LEFEVRE" and "lefevre" read the same,
 * and "Иванов" reads "IVANOV": text in another script is first romanised. Shared by the name, city
 * and street normalisers. Pure static functions, thread-safe.
 */
public final class TextFolding {

    /**
     * ICU transforms to the Latin script: Cyrillic by BGN/PCGN (the English-style romanisation that
     * Latin-script silos mostly hold: Щербаков → Shcherbakov, not ISO's Ŝerbakov), every other
     * script by ICU's general Any-Latin (Greek, Arabic, Hebrew, Han as pinyin, Hangul, Kana...).
     */
    static final String TO_LATIN_TRANSFORM = "Russian-Latin/BGN; Any-Latin";

    /** ICU transliterators are not documented as thread-safe: one per thread (built in milliseconds once the rules are loaded). */
    private static final ThreadLocal<Transliterator> TO_LATIN = ThreadLocal.withInitial(() -> Transliterator.getInstance(TO_LATIN_TRANSFORM));

    private TextFolding() {
    }

    /**
     * Upper-case ASCII with accents removed and letters that have no decomposition spelled out
     * (Œ→OE, ß→SS, Ø→O, Ł→L). Punctuation and spacing are kept as they are; see {@link #words}.
     */
    public static String foldAccentsAndCase(String text) {
        if (text == null) {
            return null;
        }
        if (isPlainAscii(text)) {
            // Fast path: most records are already ASCII, skip the costly NFD pass.
            return upperAscii(text);
        }
        String latin = hasOtherScript(text) ? TO_LATIN.get().transliterate(text) : text;
        String decomposed = Normalizer.normalize(latin, Normalizer.Form.NFD);
        StringBuilder out = new StringBuilder(decomposed.length() + 4);
        for (int i = 0; i < decomposed.length(); i++) {
            char c = decomposed.charAt(i);
            if (c < 0x80) {
                out.append(c >= 'a' && c <= 'z' ? (char) (c - 32) : c);
            } else if (Character.getType(c) == Character.NON_SPACING_MARK) {
                // accent left over by NFD: drop it
            } else {
                appendSpecial(c, out);
            }
        }
        return out.toString();
    }

    /**
     * Folded words: accents and case folded, apostrophes removed so that "N'Diaye" becomes
     * "NDIAYE", every other non-letter (hyphen, dot, comma, digit) turned into one space, trimmed.
     */
    public static String words(String text) {
        return words(text, false);
    }

    /** As {@link #words(String)}, keeping digits (for street lines, cities with numbers). */
    public static String wordsKeepingDigits(String text) {
        return words(text, true);
    }

    private static String words(String text, boolean keepDigits) {
        if (text == null) {
            return null;
        }
        String folded = foldAccentsAndCase(text);
        StringBuilder out = new StringBuilder(folded.length());
        boolean pendingSpace = false;
        for (int i = 0; i < folded.length(); i++) {
            char c = folded.charAt(i);
            if ((c >= 'A' && c <= 'Z') || (keepDigits && c >= '0' && c <= '9') || (c >= 0x80 && Character.isLetter(c))) {
                if (pendingSpace && out.length() > 0) {
                    out.append(' ');
                }
                pendingSpace = false;
                out.append(c);
            } else if (!isApostrophe(c)) {
                pendingSpace = true;
            }
        }
        return out.toString();
    }

    /** Straight, typographic and modifier apostrophes, and the backtick/acute used in their place. */
    public static boolean isApostrophe(char c) {
        return c == '\'' || c == '\u2019' || c == '\u2018' || c == '`' || c == '\u00B4' || c == '\u02BC'
                || c == '\u02BB' || c == '\u2032';
    }

    /** Whether the text holds a letter of a script other than Latin (romanised before folding). */
    static boolean hasOtherScript(String text) {
        for (int i = 0; i < text.length(); ) {
            int codePoint = text.codePointAt(i);
            if (codePoint >= 0x80 && Character.isLetter(codePoint) && Character.UnicodeScript.of(codePoint) != Character.UnicodeScript.LATIN) {
                return true;
            }
            i += Character.charCount(codePoint);
        }
        return false;
    }

    static boolean isPlainAscii(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) >= 0x80) {
                return false;
            }
        }
        return true;
    }

    private static String upperAscii(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= 'a' && c <= 'z') {
                char[] chars = text.toCharArray();
                for (int j = i; j < chars.length; j++) {
                    if (chars[j] >= 'a' && chars[j] <= 'z') {
                        chars[j] = (char) (chars[j] - 32);
                    }
                }
                return new String(chars);
            }
        }
        return text;
    }

    private static void appendSpecial(char c, StringBuilder out) {
        switch (c) {
            case 'ß' -> out.append("SS");
            case 'Æ', 'æ' -> out.append("AE");
            case 'Œ', 'œ' -> out.append("OE");
            case 'Ø', 'ø' -> out.append('O');
            case 'Ł', 'ł' -> out.append('L');
            case 'Đ', 'đ', 'Ð', 'ð' -> out.append('D');
            case 'Þ', 'þ' -> out.append("TH");
            case 'ı' -> out.append('I');
            case '\u00A0', '\u2007', '\u202F' -> out.append(' '); // non-breaking spaces from spreadsheets
            case '\u2010', '\u2011', '\u2012', '\u2013', '\u2014' -> out.append('-');
            default -> {
                if (isApostrophe(c)) {
                    out.append('\'');
                } else if (Character.getType(c) == Character.MODIFIER_LETTER) {
                    // Marks romanisation leaves behind (soft sign ʹ, ayin ʿ): not letters of the name.
                } else if (Character.isLetter(c)) {
                    // Letters no transform could romanise are kept upper-cased rather than lost.
                    out.append(Character.toUpperCase(c));
                } else {
                    out.append(' ');
                }
            }
        }
    }
}
