package io.customerhub.matching.standardize;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class PartialDateTest {

    @Test
    void parsesFullAndPartialDatesKeepingTheirPrecision() {
        List<String> patterns = List.of("dd/MM/yyyy", "MM/yyyy", "yyyy");
        assertThat(PartialDate.parse("13/02/1980", patterns).orNull().toIsoString()).isEqualTo("1980-02-13");
        assertThat(PartialDate.parse("02/1980", patterns).orNull().toIsoString()).isEqualTo("1980-02");
        assertThat(PartialDate.parse(" 1980 ", patterns).orNull().toIsoString()).isEqualTo("1980");
    }

    @Test
    void isoTextPadsEveryPartToItsFixedWidth() {
        assertThat(new PartialDate(987, 3, 4).toIsoString()).isEqualTo("0987-03-04");
        assertThat(new PartialDate(5, 11, null).toIsoString()).isEqualTo("0005-11");
        assertThat(PartialDate.ofYear(2024).toIsoString()).isEqualTo("2024");
        assertThat(PartialDate.fromIso(new PartialDate(1999, 12, 31).toIsoString()).orNull()).isEqualTo(new PartialDate(1999, 12, 31));
    }

    @Test
    void rejectsImpossibleCalendarDatesInsteadOfRollingThemOver() {
        Parsed<PartialDate> parsed = PartialDate.parse("31/02/1980", List.of("dd/MM/yyyy"));
        assertThat(parsed.isRejected()).isTrue();
        assertThat(parsed.rejection()).hasValue("not a calendar date (day or month out of range)");
    }

    @Test
    void rejectsTextOfAnotherShapeAndNamesThePatternsTried() {
        Parsed<PartialDate> parsed = PartialDate.parse("yesterday", List.of("dd/MM/yyyy"));
        assertThat(parsed.rejection().orElseThrow()).contains("dd/MM/yyyy");
    }

    @Test
    void blankIsEmptyNotRejected() {
        assertThat(PartialDate.parse("  ", List.of()).isRejected()).isFalse();
        assertThat(PartialDate.parse(null, List.of()).isPresent()).isFalse();
    }

    @Test
    void readsBackItsOwnIsoText() {
        assertThat(PartialDate.fromIso("1980-02").orNull()).isEqualTo(new PartialDate(1980, 2, null));
        assertThat(PartialDate.fromIso("1981-02-29").isRejected()).isTrue();
    }

    @Test
    void skipsPatternsOfAnotherShapeWithoutChangingTheOutcome() {
        assertThat(PartialDate.fixedWidthShape("dd/MM/yyyy")).isEqualTo("99/99/9999");
        assertThat(PartialDate.fixedWidthShape("d/M/yyyy")).isEmpty(); // variable width: always tried
        assertThat(PartialDate.parse("1975", PartialDate.DEFAULT_PATTERNS).orNull()).isEqualTo(PartialDate.ofYear(1975));
        assertThat(PartialDate.parse("13.02.1980", PartialDate.DEFAULT_PATTERNS).orNull().toIsoString()).isEqualTo("1980-02-13");
        assertThat(PartialDate.parse("3/2/1980", List.of("d/M/yyyy")).orNull().toIsoString()).isEqualTo("1980-02-03");
        assertThat(PartialDate.parse("31/02/1980", PartialDate.DEFAULT_PATTERNS).rejection())
                .hasValue("not a calendar date (day or month out of range)");
        assertThat(PartialDate.parse("13-2-1980", PartialDate.DEFAULT_PATTERNS).rejection().orElseThrow())
                .startsWith("matches none of the date patterns");
    }
}
