package io.customerhub.matching.model;

import static io.customerhub.matching.compare.TestRecords.person;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.customerhub.matching.record.StandardizedRecord;
import io.customerhub.matching.settings.LevelSpec;
import io.customerhub.matching.settings.Settings;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TermFrequencyTest {

    private static final Settings SETTINGS = Settings.defaults();
    private static final FellegiSunterModel MODEL = FellegiSunterModel.compile(SETTINGS);
    private static final TermFrequencies TABLE = TermFrequencies.of(Map.of("family_name",
            Map.of("MARTIN", 0.004, "QUILLEVERE", 2e-6, "DUPONT", 3e-4)));

    private static double nameWeight(String family) {
        StandardizedRecord a = person("JEAN", family, null).build();
        StandardizedRecord b = person("JEAN", family, null).build();
        return MODEL.score(a, b, TABLE).comparisonWeights()[0];
    }

    @Test
    void aSharedRareSurnameCountsMoreThanASharedMartin() {
        assertThat(nameWeight("QUILLEVERE")).isGreaterThan(nameWeight("DUPONT"));
        assertThat(nameWeight("DUPONT")).isGreaterThan(nameWeight("MARTIN"));
    }

    @Test
    void adjustmentIsLog2OfAverageUOverTermFrequencyClamped() {
        LevelSpec exact = SETTINGS.comparison("name").levels().get(1);
        double base = Math.log(exact.m() / exact.u()) / Math.log(2);
        StandardizedRecord a = person("JEAN", "MARTIN", null).build();
        ScoredPair martin = MODEL.score(a, a, TABLE);
        double expected = Math.log(exact.tfU() / 0.004) / Math.log(2);
        assertThat(martin.tfAdjustments()[0]).isCloseTo(expected, within(1e-9));
        assertThat(martin.comparisonWeights()[0]).isCloseTo(base + expected, within(1e-9));
        assertThat(martin.termFrequencies()[0]).isEqualTo(0.004);

        StandardizedRecord q = person("JEAN", "QUILLEVERE", null).build();
        assertThat(MODEL.score(q, q, TABLE).tfAdjustments()[0]).as("log2(3e-4/2e-6) = 7.2, clamped")
                .isEqualTo(SETTINGS.tfAdjustmentBounds().max());
        assertThat(nameWeight("DUPONT")).as("an average surname is not adjusted").isCloseTo(base, within(1e-9));
    }

    @Test
    void unknownValuesAndNonAgreeingLevelsAreNotAdjusted() {
        StandardizedRecord a = person("JEAN", "NOBODY", null).build();
        assertThat(MODEL.score(a, a, TABLE).tfAdjustments()[0]).isZero();
        StandardizedRecord b = person("PAUL", "MARTIN", null).build();
        StandardizedRecord c = person("ANNE", "DURAND", null).build();
        assertThat(MODEL.score(b, c, TABLE).tfAdjustments()[0]).isZero();
        assertThat(Double.isNaN(MODEL.score(b, c, TABLE).termFrequencies()[0])).isTrue();
    }
}
