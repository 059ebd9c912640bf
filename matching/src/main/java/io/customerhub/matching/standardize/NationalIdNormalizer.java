package io.customerhub.matching.standardize;

import java.util.Locale;

/**
 * Normalises a national identifier (social security, tax or citizen number) to its letters and
 * digits in upper case: "185 02 75 123 456 78", "185-02-75..." and "1850275..." are one value.
 * Country formats differ too much for per-country check digits here; a mistyped id is left to the
 * probabilistic comparison (exact / one edit / else), so nothing is rejected for a wrong checksum.
 * Data-entry placeholders (all one character, "123456789", fewer than 4 characters) are rejected:
 * two customers sharing a placeholder must not look like one. Thread-safe.
 */
public final class NationalIdNormalizer {

    static final int MIN_LENGTH = 4;

    private NationalIdNormalizer() {
    }

    public static Parsed<String> normalize(String raw) {
        if (raw == null || raw.isBlank()) {
            return Parsed.empty();
        }
        StringBuilder kept = new StringBuilder(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c < 128 && Character.isLetterOrDigit(c)) {
                kept.append(c);
            } else if (Character.isLetterOrDigit(c)) {
                return Parsed.rejected("not a national id: letters outside A-Z");
            }
        }
        String id = kept.toString().toUpperCase(Locale.ROOT);
        if (id.length() < MIN_LENGTH) {
            return Parsed.rejected("national id shorter than " + MIN_LENGTH + " letters and digits");
        }
        if (isPlaceholder(id)) {
            return Parsed.rejected("national id is a placeholder (one repeated character or a counting sequence)");
        }
        return Parsed.of(id);
    }

    private static boolean isPlaceholder(String id) {
        boolean repeated = true;
        boolean ascending = true;
        for (int i = 1; i < id.length(); i++) {
            repeated &= id.charAt(i) == id.charAt(0);
            ascending &= Character.isDigit(id.charAt(i)) && id.charAt(i) == (char) ('0' + (id.charAt(i - 1) - '0' + 1) % 10);
        }
        return repeated || ascending && Character.isDigit(id.charAt(0));
    }
}
