package io.customerhub.jobs.contract;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Locale;

/**
 * Whether an extract is a full snapshot (a record absent from it is retired) or a delta of changed
 * records, optionally flagging deletions in a column.
 *
 * @param maxRetiredShare full snapshots only: the largest share of the source's current records one
 *                        snapshot may retire before ingest refuses it as cut short (null: the default)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ExtractOptions(String mode, String deletedFlagColumn, List<String> deletedValues, Double maxRetiredShare)
        implements java.io.Serializable {

    public static final ExtractOptions FULL = new ExtractOptions("full", null, null, null);
    /** A nightly snapshot rarely loses a tenth of a silo; one that does is more likely cut short than true. */
    public static final double DEFAULT_MAX_RETIRED_SHARE = 0.10;
    public static final List<String> DEFAULT_DELETED_VALUES = List.of("true", "1", "y", "yes", "d", "deleted");

    public boolean isDelta() {
        return "delta".equals(effectiveMode());
    }

    public String effectiveMode() {
        return mode == null ? "full" : mode.toLowerCase(Locale.ROOT);
    }

    public double effectiveMaxRetiredShare() {
        return maxRetiredShare == null ? DEFAULT_MAX_RETIRED_SHARE : maxRetiredShare;
    }

    public List<String> effectiveDeletedValues() {
        return deletedValues == null || deletedValues.isEmpty() ? DEFAULT_DELETED_VALUES : deletedValues;
    }
}
