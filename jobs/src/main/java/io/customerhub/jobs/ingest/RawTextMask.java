package io.customerhub.jobs.ingest;

import io.customerhub.jobs.contract.FieldMapping;
import io.customerhub.jobs.contract.SourceContract;
import java.io.Serializable;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What of a row's raw text the hub may keep (it lands in {@code quarantine.raw_text}): the values
 * of the contract's columns (mapped columns, the id column, the deleted flag). A column the
 * contract does not map may hold anything (religion, health), so its value is masked; an
 * over-long value is masked too. A row that cannot be split into columns is withheld whole unless
 * the file has no column beyond the contract's.
 */
final class RawTextMask implements Serializable {

    private static final long serialVersionUID = 1L;
    static final String UNMAPPED = "<unmapped>";
    static final String WITHHELD = "<withheld: the row could not be split into the contract's columns; see the file at this line>";

    private final Set<String> keptColumns;

    RawTextMask(Set<String> keptColumns) {
        this.keptColumns = Set.copyOf(keptColumns);
    }

    static RawTextMask of(SourceContract contract) {
        return new RawTextMask(contractColumns(contract));
    }

    /** The columns a contract names: its mapped columns, the id column and the deleted flag column. */
    static Set<String> contractColumns(SourceContract contract) {
        Set<String> columns = new LinkedHashSet<>();
        for (FieldMapping mapping : contract.fields()) {
            columns.add(mapping.column());
        }
        columns.add(contract.idColumn());
        String deletedFlag = contract.extractOptions().deletedFlagColumn();
        if (deletedFlag != null) {
            columns.add(deletedFlag);
        }
        return columns;
    }

    /** True when every one of these columns is the contract's (a row of them needs no masking unless a value is too long). */
    boolean keepsAll(Collection<String> columns) {
        return keptColumns.containsAll(columns);
    }

    static boolean anyTooLong(Collection<String> values) {
        return values.stream().anyMatch(RawTextMask::tooLong);
    }

    /** The fields of a row in file order, with unmapped and over-long values masked. */
    List<String> masked(List<String> columns, List<String> fields) {
        String[] shown = new String[fields.size()];
        for (int i = 0; i < shown.length; i++) {
            shown[i] = shown(i < columns.size() ? columns.get(i) : null, fields.get(i));
        }
        return Arrays.asList(shown);
    }

    /** Column -> value, with unmapped and over-long values masked (order kept). */
    Map<String, String> masked(Map<String, String> values) {
        Map<String, String> shown = new LinkedHashMap<>();
        values.forEach((column, value) -> shown.put(column, value == null ? null : shown(column, value)));
        return shown;
    }

    private String shown(String column, String value) {
        if (column == null || !keptColumns.contains(column)) {
            return UNMAPPED;
        }
        return tooLong(value) ? "<too long: " + value.length() + " characters>" : value;
    }

    private static boolean tooLong(String value) {
        return value != null && value.length() > RowValidator.MAX_TEXT_LENGTH;
    }
}
