package io.customerhub.matching.standardize;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PartialDatesTest {

    private static PartialDate date(String iso) {
        return PartialDate.fromIso(iso).orNull();
    }

    @Test
    void detectsDayMonthTransposition() {
        assertThat(PartialDates.isDayMonthTransposition(date("1980-03-12"), date("1980-12-03"))).isTrue();
        assertThat(PartialDates.isDayMonthTransposition(date("1980-03-12"), date("1980-03-12"))).isFalse();
        assertThat(PartialDates.isDayMonthTransposition(date("1980-05-05"), date("1980-05-05"))).isFalse();
        assertThat(PartialDates.isDayMonthTransposition(date("1980-03-12"), date("1981-12-03"))).isFalse();
        assertThat(PartialDates.isDayMonthTransposition(date("1980-03"), date("1980-03-12"))).isFalse();
        assertThat(PartialDates.isDayMonthTransposition(null, date("1980-03-12"))).isFalse();
    }

    @Test
    void comparesYearsAndMonths() {
        assertThat(PartialDates.sameYear(date("1980"), date("1980-02-13"))).isTrue();
        assertThat(PartialDates.sameYearMonth(date("1980-02"), date("1980-02-13"))).isTrue();
        assertThat(PartialDates.sameYearMonth(date("1980"), date("1980-02-13"))).isFalse();
        assertThat(PartialDates.sameYearMonth(date("1980-03-13"), date("1980-02-13"))).isFalse();
        assertThat(PartialDates.yearsApart(date("1980-02-13"), date("1991"))).isEqualTo(11);
        assertThat(PartialDates.yearsApart(date("1991"), date("1980-02-13"))).isEqualTo(11);
        assertThat(PartialDates.yearsApart(null, date("1980"))).isEqualTo(-1);
    }

    @Test
    void partialDateIsConsistentWithTheFullDateItTruncates() {
        assertThat(PartialDates.isConsistent(date("1980"), date("1980-02-13"))).isTrue();
        assertThat(PartialDates.isConsistent(date("1980-02"), date("1980-02-13"))).isTrue();
        assertThat(PartialDates.isConsistent(date("1980-03"), date("1980-02-13"))).isFalse();
        assertThat(PartialDates.isConsistent(date("1980-02-14"), date("1980-02-13"))).isFalse();
    }
}
