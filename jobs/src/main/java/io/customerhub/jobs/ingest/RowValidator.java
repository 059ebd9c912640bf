package io.customerhub.jobs.ingest;

import io.customerhub.jobs.contract.FieldMapping;
import io.customerhub.jobs.contract.SourceContract;
import io.customerhub.matching.record.CanonicalField;
import io.customerhub.matching.record.SpecialCategory;
import io.customerhub.matching.standardize.Parsed;
import io.customerhub.matching.standardize.PartialDate;
import java.io.Serializable;
import java.util.ArrayList;
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
    /**
     * Longest text value accepted: generous for real names, addresses and identifiers (the longest
     * official names and street lines are a few hundred characters), small enough that no field of
     * a golden record can be a pasted document.
     */
    static final int MAX_TEXT_LENGTH = 1000;
    /** Longest e-mail address: an SMTP path is at most 256 octets, the address inside it 254. */
    static final int MAX_EMAIL_LENGTH = 254;
    /** Longest source id. */
    static final int MAX_ID_LENGTH = 256;

    private final SourceContract contract;
    private final FieldMapping[] mappingByField = new FieldMapping[FIELDS.length];
    private final Set<String> knownColumns;
    private final Set<String> deletedValues;

    public RowValidator(SourceContract contract) {
        this.contract = contract;
        for (FieldMapping mapping : contract.fields()) {
            CanonicalField.byColumnName(mapping.target()).ifPresent(f -> mappingByField[f.ordinal()] = mapping);
        }
        this.knownColumns = RawTextMask.contractColumns(contract);
        this.deletedValues = contract.extractOptions().effectiveDeletedValues().stream()
                .map(v -> v.toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
    }

    public IngestedRow validate(ExtractRecord record) {
        if (record.parseFailure() != null) {
            return quarantined(record, null, record.parseFailure(), record.failureDetail(), record.warning());
        }
        Map<String, String> values = record.values();
        List<String> warnings = new ArrayList<>();
        if (record.warning() != null) {
            warnings.add(record.warning());
        }
        String drift = schemaDrift(record, warnings);
        String sourceId = clean(values.get(contract.idColumn()), true);
        if (drift != null) {
            return quarantined(record, sourceId, QuarantineReason.SCHEMA_DRIFT, drift, joined(warnings));
        }
        if (sourceId == null) {
            return quarantined(record, null, QuarantineReason.EMPTY_SOURCE_ID,
                    "source id column '" + contract.idColumn() + "' is blank", joined(warnings));
        }
        Unfit idProblem = unfit(sourceId, MAX_ID_LENGTH);
        if (idProblem != null) {
            // The id itself is unusable: it is not stored as source_id either.
            return quarantined(record, null, idProblem.reason(),
                    "source id column '" + contract.idColumn() + "': " + idProblem.detail(), joined(warnings));
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
            Unfit unfit = unfit(value, field == CanonicalField.EMAIL ? MAX_EMAIL_LENGTH : MAX_TEXT_LENGTH);
            if (unfit != null) {
                firstReason = firstReason == null ? unfit.reason() : firstReason;
                problems.add("column '" + mapping.column() + "' (" + field.columnName() + "): " + unfit.detail());
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

    /**
     * What makes a value unfit whatever its field, or null: a control character (C0 but tab, line
     * feed and carriage return, which quoted CSV values may hold; DEL; C1), or more characters than
     * {@code maxLength}. Names the code point or the length, never the value.
     */
    static Unfit unfit(String value, int maxLength) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (isControl(c)) {
                return new Unfit(QuarantineReason.CONTROL_CHARACTER,
                        String.format(Locale.ROOT, "holds the control character U+%04X", (int) c));
            }
        }
        if (value.length() > maxLength) {
            return new Unfit(QuarantineReason.FIELD_TOO_LONG, value.length() + " characters, above the limit of " + maxLength);
        }
        return null;
    }

    /** Why a value is unfit, with a detail that holds no part of it. */
    record Unfit(QuarantineReason reason, String detail) {
    }

    private static boolean isControl(char c) {
        return (c < 0x20 && c != '\t' && c != '\n' && c != '\r') || (c >= 0x7F && c <= 0x9F);
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
