package io.customerhub.reader;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * One row of the golden table as column name -> value (in table order), whatever attribute columns
 * the table has. Values are plain Java: String, Long, Integer, Double, Boolean, BigDecimal,
 * LocalDate, Instant, List, Map, nested Map for structs; null when empty.
 */
public record GoldenRow(Map<String, Object> values) {

    public static final String GOLDEN_ID = "golden_id";
    public static final String STATUS = "status";
    public static final String SUCCESSOR = "successor_golden_id";
    public static final String RETIRED = "retired";

    public GoldenRow {
        values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    public String goldenId() {
        return (String) values.get(GOLDEN_ID);
    }

    public boolean retired() {
        return RETIRED.equals(values.get(STATUS));
    }

    public Optional<String> successorGoldenId() {
        return Optional.ofNullable((String) values.get(SUCCESSOR));
    }

    public Object get(String column) {
        return values.get(column);
    }
}
