package io.customerhub.jobs.ingest;

import io.customerhub.jobs.contract.FieldMapping;
import io.customerhub.jobs.contract.SourceContract;
import io.customerhub.matching.record.CanonicalField;
import io.customerhub.matching.record.SpecialCategory;
import io.customerhub.matching.standardize.Parsed;
import io.customerhub.matching.standardize.PartialDate;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Turns one {@link ExtractRecord} into an accepted or quarantined {@link IngestedRow} by the
 * contract's rules. Pure and serialisable: Spark ships one per task. Messages name columns and
 * fields, never values.
 */
public final class RowValidator implements Serializable {

    private static final long serialVersionUID = 1L;
    private static final CanonicalField[] FIELDS = CanonicalField.values();
    /** Joins a row's warnings; warnings themselves never hold a line break. */
    static final String WARNING_SEPARATOR = "\n";

    private final SourceContract contract;
    private final FieldMapping[] mappingByField = new FieldMapping[FIELDS.length];
    private final Set<String> knownColumns = new LinkedHashSet<>();
    private final Set<String> deletedValues;

    public RowValidator(SourceContract contract) {
        this.contract = contract;
        for (FieldMapping mapping : contract.fields()) {
            CanonicalField.byColumnName(mapping.target()).ifPresent(f -> mappingByField[f.ordinal()] = mapping);
            knownColumns.add(mapping.column());
        }
        knownColumns.add(contract.idColumn());
        String deletedFlag = contract.extractOptions().deletedFlagColumn();
        if (deletedFlag != null) {
            knownColumns.add(deletedFlag);
        }
        this.deletedValues = contract.extractOptions().effectiveDeletedValues().stream()
                .map(v -> v.toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
    }

    public IngestedRow validate(ExtractRecord record) {
        if (record.parseFailure() != null) {
            return quarantined(record, null, record.parseFailure(), record.failureDetail(), null);
        }
        Map<String, String> values = record.values();
        List<String> warnings = new ArrayList<>();
        String drift = schemaDrift(record, warnings);
        String sourceId = clean(values.get(contract.idColumn()), true);
        if (drift != null) {
            return quarantined(record, sourceId, QuarantineReason.SCHEMA_DRIFT, drift, joined(warnings));
        }
        if (sourceId == null) {
            return quarantined(record, null, QuarantineReason.EMPTY_SOURCE_ID,
                    "source id column '" + contract.idColumn() + "' is blank", joined(warnings));
        }
        String[] canonical = new String[FIELDS.length];
        QuarantineReason firstReason = null;
        List<String> problems = new ArrayList<>();
        for (CanonicalField field : FIELDS) {
            FieldMapping mapping = mappingByField[field.ordinal()];
            if (mapping == null) {
                continue;
            }
            String value = clean(values.get(mapping.column()), mapping.isTrimmed());
            if (value == null) {
                if (mapping.isRequired()) {
                    firstReason = firstReason == null ? QuarantineReason.MISSING_REQUIRED_FIELD : firstReason;
                    problems.add("required field '" + field.columnName() + "' (column '" + mapping.column() + "') is blank");
                }
                continue;
            }
            Parsed<String> parsed = parse(field, mapping, value);
            if (parsed.isRejected() && mapping.blanksInvalidValues()) {
                warnings.add("column '" + mapping.column() + "' (" + field.columnName() + "): invalid values left blank");
                continue;
            }
            if (parsed.isRejected()) {
                QuarantineReason reason = field.kind() == CanonicalField.Kind.BOOLEAN
                        ? QuarantineReason.INVALID_VALUE : QuarantineReason.INVALID_DATE;
                firstReason = firstReason == null ? reason : firstReason;
                problems.add("column '" + mapping.column() + "' (" + field.columnName() + "): " + parsed.rejection().orElseThrow());
            }
            canonical[field.ordinal()] = parsed.orNull();
        }
        if (firstReason != null) {
            return quarantined(record, sourceId, firstReason, String.join("; ", problems), joined(warnings));
        }
        return new IngestedRow(record.file(), record.line(), record.rawText(), sourceId, isDeleted(values), canonical, null, null, joined(warnings));
    }

    private String schemaDrift(ExtractRecord record, List<String> warnings) {
        Map<String, String> values = record.values();
        List<String> fatal = new ArrayList<>();
        if (record.fixedColumns()) {
            for (String column : knownColumns) {
                if (!values.containsKey(column)) {
                    boolean required = column.equals(contract.idColumn()) || contract.fields().stream()
                            .anyMatch(f -> f.column().equals(column) && f.isRequired());
                    if (required) {
                        fatal.add("required column '" + column + "' is missing from the file");
                    } else {
                        warnings.add("column '" + column + "' is missing from the file (its field is left blank)");
                    }
                }
            }
        }
        for (String column : values.keySet()) {
            if (!knownColumns.contains(column)) {
                if (contract.quarantinesUnexpectedColumns()) {
                    fatal.add("unexpected column '" + column + "'");
                } else {
                    warnings.add("unexpected column '" + column + "' is ignored" + SpecialCategory.suggestedBy(column)
                            .map(c -> " (its name suggests special-category data, " + c.label() + ": have the silo leave it out of the extract)")
                            .orElse(""));
                }
            }
        }
        warnings.sort(null);
        return fatal.isEmpty() ? null : String.join("; ", fatal);
    }

    private Parsed<String> parse(CanonicalField field, FieldMapping mapping, String value) {
        return switch (field.kind()) {
            case DATE -> PartialDate.parse(value, mapping.datePatterns()).map(PartialDate::toIsoString);
            case TIMESTAMP -> TimestampParser.parse(value, mapping.datePatterns());
            case BOOLEAN -> parseBoolean(mapping, value);
            case TEXT -> field == CanonicalField.CUSTOMER_NUMBER
                    ? Parsed.of((mapping.refersTo() == null ? contract.name() : mapping.refersTo()) + ":" + value)
                    : Parsed.of(value);
            case PHONE -> Parsed.of(value);
        };
    }

    private static Parsed<String> parseBoolean(FieldMapping mapping, String value) {
        String folded = value.toLowerCase(Locale.ROOT);
        if (mapping.effectiveTrueValues().stream().anyMatch(v -> v.equalsIgnoreCase(folded))) {
            return Parsed.of("true");
        }
        if (mapping.effectiveFalseValues().stream().anyMatch(v -> v.equalsIgnoreCase(folded))) {
            return Parsed.of("false");
        }
        return Parsed.rejected("not one of the contract's true/false values");
    }

    private boolean isDeleted(Map<String, String> values) {
        String column = contract.extractOptions().deletedFlagColumn();
        if (!contract.extractOptions().isDelta() || column == null) {
            return false;
        }
        String flag = clean(values.get(column), true);
        return flag != null && deletedValues.contains(flag.toLowerCase(Locale.ROOT));
    }

    private static String clean(String value, boolean trim) {
        if (value == null) {
            return null;
        }
        String cleaned = trim ? value.strip() : value;
        return cleaned.isEmpty() ? null : cleaned;
    }

    private static String joined(List<String> warnings) {
        return warnings.isEmpty() ? null : String.join(WARNING_SEPARATOR, warnings);
    }

    private static IngestedRow quarantined(ExtractRecord record, String sourceId, QuarantineReason reason, String detail, String warning) {
        return new IngestedRow(record.file(), record.line(), record.rawText(), sourceId, false, null, reason, detail, warning);
    }
}
