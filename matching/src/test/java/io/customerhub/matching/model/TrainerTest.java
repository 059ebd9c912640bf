package io.customerhub.matching.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.customerhub.matching.settings.Bounds;
import io.customerhub.matching.settings.ComparisonBuilder;
import io.customerhub.matching.settings.ComparisonSpec;
import io.customerhub.matching.settings.DefaultSettings;
import io.customerhub.matching.settings.LevelSpec;
import io.customerhub.matching.settings.Settings;
import io.customerhub.matching.settings.Thresholds;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TrainerTest {

    // Known truth, per comparison over the non-null levels 1..3 (level 0 is "null").
    private static final double[][] M_TRUE = {{0.85, 0.10, 0.05}, {0.70, 0.20, 0.10}, {0.60, 0.25, 0.15}, {0.90, 0.07, 0.03}};
    private static final double[][] U_TRUE = {{0.01, 0.09, 0.90}, {0.02, 0.18, 0.80}, {0.05, 0.15, 0.80}, {0.001, 0.029, 0.97}};
    private static final double LAMBDA_TRUE = 0.15;
    private static final double NULL_SHARE = 0.1;
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-01-02T03:04:05Z"), ZoneOffset.UTC);

    /** Settings with the right shape but uninformed m/u, so training has something to learn. */
    private static Settings startingSettings(boolean fixFirstLevel) {
        List<ComparisonSpec> cs = new ArrayList<>();
        String[] fields = {"email", "postcode", "city", "phone"};
        for (int c = 0; c < 4; c++) {
            ComparisonBuilder b = ComparisonBuilder.named("c" + c).nullWhenAnyMissing(fields[c]);
            if (fixFirstLevel && c == 0) {
                b.fixedLevel("exact", ComparisonBuilder.exact(fields[c]), 0.5, 0.2);
            } else {
                b.level("exact", ComparisonBuilder.exact(fields[c]), 0.5, 0.2);
            }
            cs.add(b.level("fuzzy", ComparisonBuilder.jaroWinkler(0.9, fields[c]), 0.3, 0.3).elseLevel(0.2, 0.5).build());
        }
        return new Settings("start-1", null, 0.01, new Bounds(-20, 15), new Bounds(-5, 5), new Thresholds(0.99, 0.5),
                cs, List.of(), null, List.of(), List.of());
    }

    private static Map<String, Long> sample(Random r, int n, double lambda) {
        Map<String, Long> counts = new HashMap<>();
        for (int i = 0; i < n; i++) {
            boolean match = r.nextDouble() < lambda;
            int[] g = new int[4];
            for (int c = 0; c < 4; c++) {
                g[c] = r.nextDouble() < NULL_SHARE ? 0 : 1 + draw(r, match ? M_TRUE[c] : U_TRUE[c]);
            }
            counts.merge(ScoredPair.gammaString(g), 1L, Long::sum);
        }
        return counts;
    }

    private static int draw(Random r, double[] p) {
        double x = r.nextDouble();
        for (int i = 0; i < p.length - 1; i++) {
            x -= p[i];
            if (x < 0) {
                return i;
            }
        }
        return p.length - 1;
    }

    @Test
    void emRecoversKnownMAndMatchShareWithUFromRandomPairs() {
        Random r = new Random(20260102);
        Map<String, Long> random = sample(r, 200_000, 0.0);
        Map<String, Long> blocked = sample(r, 200_000, LAMBDA_TRUE);

        TrainingResult result = Trainer.train(startingSettings(false), TrainingData.unlabelled(random, blocked, 0),
                TrainingOptions.defaults(), CLOCK);

        assertThat(result.converged()).isTrue();
        assertThat(result.blockedMatchShare()).isCloseTo(LAMBDA_TRUE, within(0.01));
        for (int c = 0; c < 4; c++) {
            List<LevelSpec> levels = result.settings().comparisons().get(c).levels();
            for (int l = 0; l < 3; l++) {
                assertThat(levels.get(l + 1).m()).as("m c%d l%d", c, l + 1).isCloseTo(M_TRUE[c][l], within(0.03));
                assertThat(levels.get(l + 1).u()).as("u c%d l%d", c, l + 1).isCloseTo(U_TRUE[c][l], within(0.01));
            }
        }
    }

    @Test
    void trainedSettingsCarryANewVersionAndWhereTheyCameFrom() {
        Random r = new Random(3);
        Map<String, Long> blocked = sample(r, 20_000, LAMBDA_TRUE);
        TrainingResult result = Trainer.train(startingSettings(false), TrainingData.unlabelled(sample(r, 20_000, 0), blocked, 100_000_000L),
                TrainingOptions.defaults(), CLOCK);
        Settings s = result.settings();
        assertThat(s.version()).isEqualTo("trained-20260102T030405Z");
        assertThat(s.training().previousVersion()).isEqualTo("start-1");
        assertThat(s.training().blockedPairs()).isEqualTo(20_000);
        assertThat(s.training().randomPairs()).isEqualTo(20_000);
        assertThat(s.training().method()).isEqualTo("em");
        assertThat(s.probabilityTwoRandomRecordsMatch()).as("prior = share * blocked / total pairs")
                .isCloseTo(result.blockedMatchShare() * 20_000 / 1e8, within(1e-12));
        assertThat(Settings.fromJson(s.toJson())).isEqualTo(s);
    }

    @Test
    void labelledPairsAloneEstimateMAndUWithSmoothing() {
        Random r = new Random(11);
        Map<String, Long> matches = sample(r, 50_000, 1.0);
        Map<String, Long> nonMatches = sample(r, 50_000, 0.0);
        Settings s = Trainer.train(startingSettings(false), new TrainingData(Map.of(), Map.of(), matches, nonMatches, 0),
                TrainingOptions.defaults(), CLOCK).settings();
        assertThat(s.training().method()).isEqualTo("labels");
        for (int c = 0; c < 4; c++) {
            for (int l = 0; l < 3; l++) {
                assertThat(s.comparisons().get(c).levels().get(l + 1).m()).isCloseTo(M_TRUE[c][l], within(0.01));
                assertThat(s.comparisons().get(c).levels().get(l + 1).u()).isCloseTo(U_TRUE[c][l], within(0.01));
            }
        }
    }

    @Test
    void labelsCombineWithEm() {
        Random r = new Random(5);
        TrainingData data = new TrainingData(sample(r, 50_000, 0), sample(r, 50_000, LAMBDA_TRUE), sample(r, 2_000, 1.0), Map.of(), 0);
        TrainingResult result = Trainer.train(startingSettings(false), data, TrainingOptions.defaults(), CLOCK);
        assertThat(result.settings().training().method()).isEqualTo("em+labels");
        assertThat(result.settings().comparisons().get(0).levels().get(1).m()).isCloseTo(M_TRUE[0][0], within(0.03));
    }

    @Test
    void fixedLevelsKeepTheirHandSetValues() {
        Random r = new Random(9);
        Settings s = Trainer.train(startingSettings(true), TrainingData.unlabelled(sample(r, 20_000, 0), sample(r, 20_000, LAMBDA_TRUE), 0),
                TrainingOptions.defaults(), CLOCK).settings();
        LevelSpec fixed = s.comparisons().get(0).levels().get(1);
        assertThat(fixed.m()).isEqualTo(0.5);
        assertThat(fixed.u()).isEqualTo(0.2);
        assertThat(s.comparisons().get(1).levels().get(1).m()).isNotEqualTo(0.5);
    }

    @Test
    void defaultSettingsTrainWithoutLosingTheirGuards() {
        Settings defaults = DefaultSettings.build();
        int n = defaults.comparisons().size();
        String allElse = ScoredPair.gammaString(defaults.comparisons().stream().mapToInt(c -> c.levels().size() - 1).toArray());
        String allExact = ScoredPair.gammaString(new int[n]).replace('0', '1');
        Map<String, Long> blocked = Map.of(allElse, 9_000L, allExact, 1_000L);
        Settings trained = Trainer.train(defaults, TrainingData.unlabelled(Map.of(allElse, 10_000L), blocked, 0),
                TrainingOptions.defaults(), CLOCK).settings();
        assertThat(trained.comparison("gender").levels().get(1)).isEqualTo(defaults.comparison("gender").levels().get(1));
        assertThat(trained.problems()).isEmpty();
    }

    @Test
    void patternsOfRecordPairsAreCountedByComparisonVector() {
        FellegiSunterModel model = FellegiSunterModel.compile(DefaultSettings.build());
        var jean = io.customerhub.matching.compare.TestRecords.person("JEAN", "DUPONT", "1980-02-13").build();
        var anne = io.customerhub.matching.compare.TestRecords.person("ANNE", "MARTIN", "1991-07-01").build();
        Map<String, Long> counts = Trainer.countPatterns(model, List.of(Map.entry(jean, jean), Map.entry(jean, jean), Map.entry(jean, anne)));
        assertThat(counts).containsEntry(ScoredPair.gammaString(model.gamma(jean, jean)), 2L)
                .containsEntry(ScoredPair.gammaString(model.gamma(jean, anne)), 1L).hasSize(2);
    }

    @Test
    void vectorsOfOtherSettingsAreRefused() {
        assertThatThrownBy(() -> Trainer.train(startingSettings(false), TrainingData.unlabelled(Map.of("1,2", 5L), Map.of(), 0)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("has 2 levels, the settings have 4 comparisons");
        assertThatThrownBy(() -> Trainer.train(startingSettings(false), TrainingData.unlabelled(Map.of("1,2,3,9", 5L), Map.of(), 0)))
                .hasMessageContaining("comparison 'c3' has no level 9");
    }
}
