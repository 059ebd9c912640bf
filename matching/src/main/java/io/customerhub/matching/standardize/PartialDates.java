package io.customerhub.matching.standardize;

/**
 * Relations between two dates of birth that a comparison can turn into levels: day and month
 * swapped (a US-format entry in a European file), same year, same year and month, years apart.
 * All methods are null-safe and answer false (or -1) when a date lacks the precision needed.
 */
public final class PartialDates {

    private PartialDates() {
    }

    /**
     * Whether two full dates are the same date with day and month swapped: 1980-02-13 vs
     * 1980-13-02 is impossible, but 1980-03-12 vs 1980-12-03 is. Identical dates, and dates whose
     * day equals their month (1980-05-05), are not transpositions.
     */
    public static boolean isDayMonthTransposition(PartialDate a, PartialDate b) {
        if (a == null || b == null || !a.isFull() || !b.isFull() || a.year() != b.year()) {
            return false;
        }
        return a.day().equals(b.month()) && a.month().equals(b.day()) && !a.day().equals(a.month());
    }

    public static boolean sameYear(PartialDate a, PartialDate b) {
        return a != null && b != null && a.year() == b.year();
    }

    /** Same year and month; false when either date has no month. */
    public static boolean sameYearMonth(PartialDate a, PartialDate b) {
        return sameYear(a, b) && a.month() != null && a.month().equals(b.month());
    }

    /** Absolute difference of the years, or -1 when either date is null. */
    public static int yearsApart(PartialDate a, PartialDate b) {
        if (a == null || b == null) {
            return -1;
        }
        return Math.abs(a.year() - b.year());
    }

    /**
     * Whether the less precise date is a truncation of the other: "1980" fits "1980-02-13", and
     * "1980-02" fits "1980-02-13", but "1980-03" does not.
     */
    public static boolean isConsistent(PartialDate a, PartialDate b) {
        if (!sameYear(a, b)) {
            return false;
        }
        if (a.month() == null || b.month() == null) {
            return true;
        }
        if (!a.month().equals(b.month())) {
            return false;
        }
        return a.day() == null || b.day() == null || a.day().equals(b.day());
    }
}
