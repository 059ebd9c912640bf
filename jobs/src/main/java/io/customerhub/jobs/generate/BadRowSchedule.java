package io.customerhub.jobs.generate;

import java.util.List;

/**
 * Decides which rows of one silo are broken, in rotation over the silo's bad-row kinds. The first
 * round comes early enough that a small demo set holds every kind once; after that one row in
 * {@value #STEADY_INTERVAL} is bad (about 0.3%).
 */
final class BadRowSchedule {

    static final long STEADY_INTERVAL = 333;
    /** Never more than one bad row in this many, so small sets stay well under a 5% reject rate. */
    static final long DENSEST_INTERVAL = 25;

    private final List<BadRowKind> kinds;
    private final long firstRoundInterval;
    private long rows;
    private long nextBadRow;
    private int issued;

    /**
     * @param expectedRows a cautious estimate of the silo's row count
     */
    BadRowSchedule(List<BadRowKind> kinds, long expectedRows) {
        this.kinds = kinds;
        this.firstRoundInterval = Math.max(DENSEST_INTERVAL, Math.min(STEADY_INTERVAL, expectedRows / kinds.size()));
        this.nextBadRow = firstRoundInterval;
    }

    /** The kind of breakage for the next row, or null for a clean row. */
    BadRowKind nextRow() {
        rows++;
        if (rows != nextBadRow) {
            return null;
        }
        BadRowKind kind = kinds.get(issued % kinds.size());
        issued++;
        nextBadRow += issued < kinds.size() ? firstRoundInterval : STEADY_INTERVAL;
        return kind;
    }
}
