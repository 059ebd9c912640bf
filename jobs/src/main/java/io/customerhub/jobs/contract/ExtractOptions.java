package io.customerhub.jobs.contract;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Locale;

/**
 * Whether an extract is a full snapshot (a record absent from it is retired) or a delta of changed
 * records, optionally flagging deletions in a column.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ExtractOptions(String mode, String deletedFlagColumn, List<String> deletedValues) implements java.io.Serializable {

    public static final ExtractOptions FULL = new ExtractOptions("full", null, null);
    public static final List<String> DEFAULT_DELETED_VALUES = List.of("true", "1", "y", "yes", "d", "deleted");

    public boolean isDelta() {
        return "delta".equals(effectiveMode());
    }

    public String effectiveMode() {
        return mode == null ? "full" : mode.toLowerCase(Locale.ROOT);
    }

    public List<String> effectiveDeletedValues() {
        return deletedValues == null || deletedValues.isEmpty() ? DEFAULT_DELETED_VALUES : deletedValues;
    }
}
