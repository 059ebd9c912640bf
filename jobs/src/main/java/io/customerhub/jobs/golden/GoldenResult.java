package io.customerhub.jobs.golden;

import java.util.Locale;

/**
 * Counts of one golden run. Every golden id computed or already published is exactly one of
 * inserted, updated, unchanged, retired: {@code inserted + updated + unchanged + retired = goldenIds}.
 *
 * @param records       current source records read (all assigned to a golden id)
 * @param activeIds     golden ids with at least one current record
 * @param retired       ids retired by this run (merged into another id, or every record gone)
 * @param rowsRewritten rows the MERGE wrote (changed rows plus unchanged rows copied along with them)
 */
public record GoldenResult(long records, long activeIds, long inserted, long updated, long unchanged, long retired, long rowsRewritten) {

    public long goldenIds() {
        return inserted + updated + unchanged + retired;
    }

    public String summary() {
        return String.format(Locale.ROOT, "golden: %,d records -> %,d active golden ids; %,d inserted, %,d updated, %,d unchanged, %,d retired;"
                + " %,d rows written", records, activeIds, inserted, updated, unchanged, retired, rowsRewritten);
    }
}
