package io.customerhub.jobs.generate;

import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Locale;
import java.util.regex.Pattern;

/** Allocation-light text helpers for the hot loop (no String.format). */
final class Texts {

    private static final Pattern COMBINING_MARKS = Pattern.compile("\\p{M}+");

    private Texts() {
    }

    /** "Hélène Łukasz Bœuf" becomes "Helene Lukasz Boeuf". */
    static String stripAccents(String s) {
        if (isAscii(s)) {
            return s;
        }
        String ligaturesOut = s.replace("œ", "oe").replace("Œ", "OE").replace("æ", "ae").replace("Æ", "AE")
                .replace("ß", "ss").replace('ł', 'l').replace('Ł', 'L').replace('đ', 'd').replace('Đ', 'D')
                .replace('’', '\'');
        return COMBINING_MARKS.matcher(Normalizer.normalize(ligaturesOut, Normalizer.Form.NFD)).replaceAll("");
    }

    /** What a legacy ISO-8859-1 system keeps: accents it can store, plain letters for the rest. */
    static String toLatin1(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) > 0xFF) {
                StringBuilder out = new StringBuilder(s.length());
                for (int j = 0; j < s.length(); j++) {
                    char c = s.charAt(j);
                    out.append(c > 0xFF ? stripAccents(String.valueOf(c)) : String.valueOf(c));
                }
                return out.toString();
            }
        }
        return s;
    }

    /** UTF-8 bytes read back as ISO-8859-1: "Hélène" becomes "HÃ©lÃ¨ne" (classic mojibake). */
    static String mojibake(String s) {
        return new String(s.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
    }

    /** Lower-case ASCII letters and digits only, for e-mail local parts. */
    static String emailToken(String name) {
        String plain = stripAccents(name).toLowerCase(Locale.ROOT);
        StringBuilder out = new StringBuilder(plain.length());
        for (int i = 0; i < plain.length(); i++) {
            char c = plain.charAt(i);
            if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
                out.append(c);
            }
        }
        return out.toString();
    }

    static boolean isAscii(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) > 0x7F) {
                return false;
            }
        }
        return true;
    }

    /** "marie" becomes "Marie", "JEAN-PIERRE" becomes "Jean-Pierre". */
    static String capitalize(String s) {
        StringBuilder out = new StringBuilder(s.length());
        boolean start = true;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            out.append(start ? Character.toUpperCase(c) : Character.toLowerCase(c));
            start = c == ' ' || c == '-' || c == '\'';
        }
        return out.toString();
    }

    static StringBuilder pad2(StringBuilder sb, int n) {
        if (n < 10) {
            sb.append('0');
        }
        return sb.append(n);
    }

    static StringBuilder pad4(StringBuilder sb, int n) {
        if (n < 1000) {
            sb.append('0');
        }
        if (n < 100) {
            sb.append('0');
        }
        if (n < 10) {
            sb.append('0');
        }
        return sb.append(n);
    }

    /** yyyy-MM-dd */
    static StringBuilder isoDate(StringBuilder sb, LocalDate d) {
        pad4(sb, d.getYear()).append('-');
        pad2(sb, d.getMonthValue()).append('-');
        return pad2(sb, d.getDayOfMonth());
    }

    /** dd/MM/yyyy */
    static StringBuilder frenchDate(StringBuilder sb, LocalDate d) {
        pad2(sb, d.getDayOfMonth()).append('/');
        pad2(sb, d.getMonthValue()).append('/');
        return pad4(sb, d.getYear());
    }

    /** HH:mm:ss */
    static StringBuilder time(StringBuilder sb, LocalDateTime t) {
        pad2(sb, t.getHour()).append(':');
        pad2(sb, t.getMinute()).append(':');
        return pad2(sb, t.getSecond());
    }

    /** A fixed-width number with a prefix, e.g. ("CC", 42, 7) gives "CC0000042". */
    static String paddedId(String prefix, long n, int width) {
        String digits = Long.toString(n);
        StringBuilder sb = new StringBuilder(prefix.length() + width).append(prefix);
        for (int i = digits.length(); i < width; i++) {
            sb.append('0');
        }
        return sb.append(digits).toString();
    }
}
