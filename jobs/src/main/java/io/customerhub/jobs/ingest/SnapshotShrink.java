package io.customerhub.jobs.ingest;

import java.util.Locale;

/**
 * What a full snapshot would retire: the source's current records that it no longer holds. A
 * snapshot that would retire more than {@code maxRetiredShare} of them is refused as probably cut
 * short (a partial export, a branch's file instead of the whole silo), unless it retires no more
 * than {@link #ALWAYS_ALLOWED} records: a small source may lose a few records a night.
 *
 * @param currentRecords  the source's records not retired before this run
 * @param retiring        those absent from the snapshot's accepted rows
 * @param maxRetiredShare the share of currentRecords one snapshot may retire
 */
public record SnapshotShrink(long currentRecords, long retiring, double maxRetiredShare) {

    /** Retiring this many records or fewer is never refused, whatever their share. */
    public static final long ALWAYS_ALLOWED = 10;

    public boolean refused() {
        return retiring > ALWAYS_ALLOWED && retiring > maxRetiredShare * currentRecords;
    }

    public double retiredShare() {
        return currentRecords == 0 ? 0 : (double) retiring / currentRecords;
    }

    /** The problem, its cause and the fix, in counts only. */
    public String message(String source) {
        return String.format(Locale.ROOT,
                "source '%s': the full snapshot would retire %d of its %d current records (%.2f %%), above the limit of %.2f %%;"
                        + " nothing was published to bronze"
                        + "%n  cause: a full snapshot retires every record it does not hold, so a cut-short extract would retire real customers"
                        + "%n  fix:   rerun the same run id with the complete extract, or, if the source really lost these records,"
                        + " with --max-retired-share %.2f (this run only) or a higher extract.maxRetiredShare in its contract",
                source, retiring, currentRecords, 100 * retiredShare(), 100 * maxRetiredShare,
                Math.min(1.0, Math.ceil(100 * retiredShare()) / 100));
    }
}
