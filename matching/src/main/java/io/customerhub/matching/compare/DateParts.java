package io.customerhub.matching.compare;

import io.customerhub.matching.standardize.PartialDate;

/**
 * Dates of birth as packed ints, parsed without allocation from the ISO text {@link PartialDate}
 * writes ("1980", "1980-02", "1980-02-13"): {@code year * 10000 + month * 100 + day}, month and day
 * 0 when unknown, {@link #INVALID} when the text is missing or has another shape. Text that is not
 * in the canonical shape is given to {@link PartialDate#fromIso} (slow path) so that both agree.
 */
public final class DateParts {

    public static final int INVALID = -1;

    private DateParts() {
    }

    public static int parse(String iso) {
        if (iso == null) {
            return INVALID;
        }
        int len = iso.length();
        if ((len == 4 || len == 7 || len == 10)) {
            int year = digits(iso, 0, 4);
            int month = len >= 7 && iso.charAt(4) == '-' ? digits(iso, 5, 7) : (len == 4 ? 0 : -1);
            int day = len == 10 && iso.charAt(7) == '-' ? digits(iso, 8, 10) : (len == 10 ? -1 : 0);
            if (year > 0 && month >= 0 && month <= 12 && day >= 0 && day <= 31 && !(month == 0 && day > 0)
                    && (len == 4 || month > 0) && (len < 10 || day > 0)) {
                return year * 10000 + month * 100 + day;
            }
        }
        PartialDate d = PartialDate.fromIso(iso).orNull();
        if (d == null) {
            return INVALID;
        }
        return d.year() * 10000 + (d.month() == null ? 0 : d.month() * 100) + (d.day() == null ? 0 : d.day());
    }

    private static int digits(String s, int from, int to) {
        int v = 0;
        for (int i = from; i < to; i++) {
            int d = s.charAt(i) - '0';
            if (d < 0 || d > 9) {
                return -1;
            }
            v = v * 10 + d;
        }
        return v;
    }

    public static int year(int packed) {
        return packed / 10000;
    }

    public static int month(int packed) {
        return packed / 100 % 100;
    }

    public static int day(int packed) {
        return packed % 100;
    }

    public static boolean isFull(int packed) {
        return packed != INVALID && day(packed) != 0;
    }

    /** Both full and equal. */
    public static boolean exact(int a, int b) {
        return isFull(a) && a == b;
    }

    /** Both full, same year, day and month swapped (13/02 vs 02/13 read the other way). */
    public static boolean transposed(int a, int b) {
        return isFull(a) && isFull(b) && year(a) == year(b) && month(a) != day(a)
                && month(a) == day(b) && day(a) == month(b);
    }

    /** At least one side partial, and both agree on every component both know ("1980" vs "1980-02-13"). */
    public static boolean partialCompatible(int a, int b) {
        if (a == INVALID || b == INVALID || (isFull(a) && isFull(b)) || year(a) != year(b)) {
            return false;
        }
        return month(a) == 0 || month(b) == 0 || month(a) == month(b);
    }

    /** Both know the month, same year and month. */
    public static boolean sameYearMonth(int a, int b) {
        return a != INVALID && b != INVALID && month(a) != 0 && year(a) == year(b) && month(a) == month(b);
    }

    public static boolean sameYear(int a, int b) {
        return a != INVALID && b != INVALID && year(a) == year(b);
    }

    /** Both full and at most maxDays apart on the calendar (a date misread by days, across a month or year end). */
    public static boolean daysApart(int a, int b, int maxDays) {
        return isFull(a) && isFull(b) && Math.abs(epochDay(a) - epochDay(b)) <= maxDays;
    }

    /** Days since 1970-01-01 of a full packed date, without allocation (the civil-from-days inverse). */
    static long epochDay(int packed) {
        long y = year(packed);
        int m = month(packed);
        int d = day(packed);
        y -= m <= 2 ? 1 : 0;
        long era = Math.floorDiv(y, 400);
        long yearOfEra = y - era * 400;
        long dayOfYear = (153L * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
        long dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear;
        return era * 146097 + dayOfEra - 719468;
    }

    /** Years 1..maxYears apart, and month/day equal wherever both are known (a typo in the year). */
    public static boolean yearsApart(int a, int b, int maxYears) {
        if (a == INVALID || b == INVALID) {
            return false;
        }
        int dy = Math.abs(year(a) - year(b));
        if (dy == 0 || dy > maxYears) {
            return false;
        }
        boolean monthsKnown = month(a) != 0 && month(b) != 0;
        boolean daysKnown = day(a) != 0 && day(b) != 0;
        return (!monthsKnown || month(a) == month(b)) && (!daysKnown || day(a) == day(b));
    }

    /**
     * Both full and different, their yyyymmdd digits differing by one substituted digit or by one
     * swap of two adjacent digits: a keying error (1956 vs 1965, 04-09 vs 04-90 read as invalid is
     * not one). Parent and child almost never differ this way.
     */
    public static boolean oneTypo(int a, int b) {
        if (!isFull(a) || !isFull(b) || a == b) {
            return false;
        }
        int first = -1;
        int second = -1;
        int diffs = 0;
        int x = a;
        int y = b;
        for (int i = 0; i < 8; i++, x /= 10, y /= 10) {
            if (x % 10 != y % 10) {
                diffs++;
                if (diffs > 2) {
                    return false;
                }
                if (first < 0) {
                    first = i;
                } else {
                    second = i;
                }
            }
        }
        if (diffs == 1) {
            return true;
        }
        // two differences: an adjacent transposition when the digits cross over
        return second == first + 1 && digit(a, first) == digit(b, second) && digit(a, second) == digit(b, first);
    }

    private static int digit(int packed, int position) {
        for (int i = 0; i < position; i++) {
            packed /= 10;
        }
        return packed % 10;
    }
}
