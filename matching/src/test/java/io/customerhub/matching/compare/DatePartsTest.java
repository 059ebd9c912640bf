package io.customerhub.matching.compare;

import static org.assertj.core.api.Assertions.assertThat;

import io.customerhub.matching.standardize.PartialDate;
import java.time.LocalDate;
import java.util.Random;
import org.junit.jupiter.api.Test;

class DatePartsTest {

    private static int d(String iso) {
        return DateParts.parse(iso);
    }

    @Test
    void fastParseAgreesWithPartialDate() {
        Random random = new Random(1);
        for (int i = 0; i < 5_000; i++) {
            int year = 1900 + random.nextInt(120);
            int month = 1 + random.nextInt(12);
            int day = 1 + random.nextInt(28);
            PartialDate date = switch (random.nextInt(3)) {
                case 0 -> PartialDate.ofYear(year);
                case 1 -> new PartialDate(year, month, null);
                default -> new PartialDate(year, month, day);
            };
            int packed = d(date.toIsoString());
            assertThat(DateParts.year(packed)).isEqualTo(date.year());
            assertThat(DateParts.month(packed)).isEqualTo(date.month() == null ? 0 : date.month());
            assertThat(DateParts.day(packed)).isEqualTo(date.day() == null ? 0 : date.day());
        }
    }

    @Test
    void rejectsTextThatIsNoIsoDate() {
        assertThat(d(null)).isEqualTo(DateParts.INVALID);
        assertThat(d("13/02/1980")).isEqualTo(DateParts.INVALID);
        assertThat(d("1980-13")).isEqualTo(DateParts.INVALID);
        assertThat(d("198O")).isEqualTo(DateParts.INVALID);
    }

    @Test
    void levelsOfAgreement() {
        assertThat(DateParts.exact(d("1980-02-13"), d("1980-02-13"))).isTrue();
        assertThat(DateParts.exact(d("1980"), d("1980"))).as("a bare year is not an exact date").isFalse();
        assertThat(DateParts.transposed(d("1980-02-03"), d("1980-03-02"))).isTrue();
        assertThat(DateParts.transposed(d("1980-03-03"), d("1980-03-03"))).isFalse();
        assertThat(DateParts.partialCompatible(d("1980"), d("1980-02-13"))).isTrue();
        assertThat(DateParts.partialCompatible(d("1980-02"), d("1980-03-13"))).isFalse();
        assertThat(DateParts.sameYearMonth(d("1980-02-01"), d("1980-02-13"))).isTrue();
        assertThat(DateParts.sameYear(d("1980-07-01"), d("1980-02-13"))).isTrue();
        assertThat(DateParts.yearsApart(d("1981-02-13"), d("1980-02-13"), 2)).isTrue();
        assertThat(DateParts.yearsApart(d("1983-02-13"), d("1980-02-13"), 2)).isFalse();
        assertThat(DateParts.yearsApart(d("1981-05-13"), d("1980-02-13"), 2)).as("day/month must agree too").isFalse();
    }

    @org.junit.jupiter.api.Test
    void oneTypoIsOneDigitOrOneAdjacentSwap() {
        int d = DateParts.parse("1956-04-09");
        org.assertj.core.api.Assertions.assertThat(DateParts.oneTypo(d, DateParts.parse("1965-04-09"))).as("adjacent swap in the year").isTrue();
        org.assertj.core.api.Assertions.assertThat(DateParts.oneTypo(d, DateParts.parse("1956-04-08"))).as("one digit").isTrue();
        org.assertj.core.api.Assertions.assertThat(DateParts.oneTypo(d, DateParts.parse("1956-04-09"))).as("equal").isFalse();
        org.assertj.core.api.Assertions.assertThat(DateParts.oneTypo(d, DateParts.parse("1982-04-09"))).as("two digits").isFalse();
        org.assertj.core.api.Assertions.assertThat(DateParts.oneTypo(d, DateParts.parse("1956-04-90"))).as("swap into an impossible day").isFalse();
        org.assertj.core.api.Assertions.assertThat(DateParts.oneTypo(d, DateParts.parse("1956"))).as("partial").isFalse();
    }

    @Test
    void epochDayAgreesWithLocalDate() {
        Random random = new Random(3);
        for (int i = 0; i < 5_000; i++) {
            LocalDate date = LocalDate.ofEpochDay(random.nextInt(-40_000, 40_000));
            assertThat(DateParts.epochDay(d(date.toString()))).as(date.toString()).isEqualTo(date.toEpochDay());
        }
    }

    @Test
    void daysApartCrossesMonthAndYearEnds() {
        assertThat(DateParts.daysApart(d("2009-12-21"), d("2010-01-20"), 31)).as("30 days over a year end").isTrue();
        assertThat(DateParts.daysApart(d("2004-02-19"), d("2004-01-18"), 31)).isFalse();
        assertThat(DateParts.daysApart(d("2000-02-28"), d("2000-03-01"), 1)).as("2000 is a leap year").isFalse();
        assertThat(DateParts.daysApart(d("1900-02-28"), d("1900-03-01"), 1)).as("1900 is not").isTrue();
        assertThat(DateParts.daysApart(d("2010-01"), d("2010-01-20"), 31)).as("partial dates have no day count").isFalse();
    }
}
