package io.customerhub.jobs.ingest;

import io.customerhub.matching.standardize.Parsed;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Reads a source's timestamps into ISO-8601 UTC instants; local times are taken as UTC. */
final class TimestampParser {

    static final List<String> DEFAULT_PATTERNS = List.of(
            "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd HH:mm",
            "dd/MM/yyyy HH:mm:ss", "dd/MM/yyyy HH:mm", "yyyy-MM-dd", "dd/MM/yyyy");

    private static final Map<String, DateTimeFormatter> FORMATTERS = new ConcurrentHashMap<>();

    private TimestampParser() {
    }

    static Parsed<String> parse(String text, List<String> patterns) {
        if (text == null || text.isBlank()) {
            return Parsed.empty();
        }
        String trimmed = text.trim();
        try {
            return Parsed.of(OffsetDateTime.parse(trimmed).toInstant().toString());
        } catch (DateTimeParseException e) {
            // not ISO with an offset: try the patterns
        }
        try {
            return Parsed.of(Instant.parse(trimmed).toString());
        } catch (DateTimeParseException e) {
            // not an ISO instant either
        }
        List<String> tried = patterns == null || patterns.isEmpty() ? DEFAULT_PATTERNS : patterns;
        for (String pattern : tried) {
            DateTimeFormatter formatter = FORMATTERS.computeIfAbsent(pattern, p ->
                    DateTimeFormatter.ofPattern(p.replace('y', 'u'), Locale.ROOT).withResolverStyle(ResolverStyle.STRICT));
            try {
                return Parsed.of(LocalDateTime.parse(trimmed, formatter).toInstant(ZoneOffset.UTC).toString());
            } catch (DateTimeParseException notDateTime) {
                try {
                    return Parsed.of(LocalDate.parse(trimmed, formatter).atStartOfDay().toInstant(ZoneOffset.UTC).toString());
                } catch (DateTimeParseException notDate) {
                    // next pattern
                }
            }
        }
        return Parsed.rejected("matches none of the timestamp patterns " + tried);
    }
}
