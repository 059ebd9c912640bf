package io.customerhub.matching.standardize;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.time.temporal.ChronoField;
import java.time.temporal.TemporalAccessor;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A date that may be known only to the year or the month (a birth year alone is common in old
 * silos). Kept as its ISO text in tables: "1980", "1980-02" or "1980-02-13".
 */
public record PartialDate(int year, Integer month, Integer day) {

    /** Patterns tried when a contract gives none. */
    public static final List<String> DEFAULT_PATTERNS =
            List.of("yyyy-MM-dd", "dd/MM/yyyy", "yyyy/MM/dd", "dd.MM.yyyy", "dd-MM-yyyy", "yyyyMMdd", "yyyy-MM", "MM/yyyy", "yyyy");

    private static final Map<String, DateTimeFormatter> FORMATTERS = new ConcurrentHashMap<>();
    /** Fixed-width shape of each pattern ('9' for a digit), or "" when the pattern has variable widths. */
    private static final Map<String, String> SHAPES = new ConcurrentHashMap<>();

    public PartialDate {
        if (year < 1 || year > 9999) {
            throw new IllegalArgumentException("year out of range");
        }
        if (month == null && day != null) {
            throw new IllegalArgumentException("a day needs a month");
        }
        if (month != null && (month < 1 || month > 12)) {
            throw new IllegalArgumentException("month out of range");
        }
        if (day != null) {
            LocalDate.of(year, month, day); // throws DateTimeException for 31/02
        }
    }

    public static PartialDate ofYear(int year) {
        return new PartialDate(year, null, null);
    }

    public boolean isFull() {
        return day != null;
    }

    /** "1980", "1980-02" or "1980-02-13". */
    public String toIsoString() {
        // Built by hand: String.format showed in ingest profiles (called for every date of every row).
        StringBuilder iso = new StringBuilder(10);
        padded(iso, year, 4);
        if (month != null) {
            padded(iso.append('-'), month, 2);
        }
        if (day != null) {
            padded(iso.append('-'), day, 2);
        }
        return iso.toString();
    }

    private static void padded(StringBuilder out, int value, int width) {
        String digits = Integer.toString(value);
        for (int i = digits.length(); i < width; i++) {
            out.append('0');
        }
        out.append(digits);
    }

    /** Reads the ISO text written by {@link #toIsoString()}; empty on anything else. */
    public static Parsed<PartialDate> fromIso(String iso) {
        return parse(iso, List.of("yyyy-MM-dd", "yyyy-MM", "yyyy"));
    }

    /**
     * Parses text with the first of the patterns that matches the whole text. Strict: 31/02/1980 is
     * rejected, not rolled over to March. Blank text is empty, not rejected.
     */
    public static Parsed<PartialDate> parse(String text, List<String> patterns) {
        if (text == null || text.isBlank()) {
            return Parsed.empty();
        }
        String trimmed = text.trim();
        List<String> tried = patterns == null || patterns.isEmpty() ? DEFAULT_PATTERNS : patterns;
        boolean invalidCalendarDate = false;
        for (String pattern : tried) {
            if (!hasShapeOf(trimmed, SHAPES.computeIfAbsent(pattern, PartialDate::fixedWidthShape))) {
                // Cheap skip: a failed DateTimeFormatter.parse costs an exception, and the default
                // list is tried in order on millions of rows. Text of another shape cannot match.
                continue;
            }
            DateTimeFormatter formatter = FORMATTERS.computeIfAbsent(pattern, PartialDate::strictFormatter);
            TemporalAccessor parsed;
            try {
                parsed = formatter.parse(trimmed);
            } catch (DateTimeParseException e) {
                // A cause means the text had the pattern's shape but is no calendar date (31/02).
                invalidCalendarDate |= e.getCause() != null;
                continue;
            }
            try {
                return Parsed.of(fromAccessor(parsed));
            } catch (DateTimeException | IllegalArgumentException e) {
                invalidCalendarDate = true;
            }
        }
        return Parsed.rejected(invalidCalendarDate
                ? "not a calendar date (day or month out of range)"
                : "matches none of the date patterns " + tried);
    }

    private static PartialDate fromAccessor(TemporalAccessor parsed) {
        int year = parsed.get(ChronoField.YEAR);
        if (!parsed.isSupported(ChronoField.MONTH_OF_YEAR)) {
            return ofYear(year);
        }
        int month = parsed.get(ChronoField.MONTH_OF_YEAR);
        if (!parsed.isSupported(ChronoField.DAY_OF_MONTH)) {
            YearMonth.of(year, month);
            return new PartialDate(year, month, null);
        }
        return new PartialDate(year, month, parsed.get(ChronoField.DAY_OF_MONTH));
    }

    /**
     * "dd/MM/yyyy" → "99/99/9999". Only patterns made of dd, MM, yyyy and non-letter separators
     * have a fixed width; any other ("d/M/yyyy", "dd MMM yyyy", quotes) gives "" (always try).
     */
    static String fixedWidthShape(String pattern) {
        StringBuilder shape = new StringBuilder(pattern.length());
        int i = 0;
        while (i < pattern.length()) {
            char c = pattern.charAt(i);
            if (c == '\'' ) {
                return "";
            }
            if (!Character.isLetter(c)) {
                shape.append(c);
                i++;
                continue;
            }
            int run = i;
            while (run < pattern.length() && pattern.charAt(run) == c) {
                run++;
            }
            int width = run - i;
            boolean fixed = (c == 'd' && width == 2) || (c == 'M' && width == 2) || ((c == 'y' || c == 'u') && width == 4);
            if (!fixed) {
                return "";
            }
            shape.append("9".repeat(width));
            i = run;
        }
        return shape.toString();
    }

    private static boolean hasShapeOf(String text, String shape) {
        if (shape.isEmpty()) {
            return true;
        }
        if (text.length() != shape.length()) {
            return false;
        }
        for (int i = 0; i < shape.length(); i++) {
            char expected = shape.charAt(i);
            char actual = text.charAt(i);
            boolean ok = expected == '9' ? actual >= '0' && actual <= '9' : actual == expected;
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    private static DateTimeFormatter strictFormatter(String pattern) {
        // 'u' (proleptic year) instead of 'y' (year of era) so STRICT resolution needs no era.
        String isoPattern = pattern.replace('y', 'u');
        return DateTimeFormatter.ofPattern(isoPattern, Locale.ROOT).withResolverStyle(ResolverStyle.STRICT);
    }
}
