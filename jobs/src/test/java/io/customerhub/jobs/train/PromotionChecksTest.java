package io.customerhub.jobs.train;

import static org.assertj.core.api.Assertions.assertThat;

import io.customerhub.jobs.train.PromotionChecks.Basis;
import io.customerhub.jobs.train.PromotionChecks.Confusion;
import io.customerhub.jobs.train.PromotionChecks.Drift;
import io.customerhub.jobs.train.PromotionChecks.Limits;
import io.customerhub.jobs.train.PromotionChecks.Verdict;
import io.customerhub.matching.settings.ComparisonSpec;
import io.customerhub.matching.settings.LevelSpec;
import io.customerhub.matching.settings.Settings;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PromotionChecksTest {

    private static final Limits LIMITS = new Limits(0.05, 10, 0.01);
    private static final Confusion PERFECT = new Confusion(5, 0, 0, 5);
    private static final Confusion NONE = new Confusion(0, 0, 0, 0);

    @Test
    void theShippedDefaultsAreNotDegenerateAndSwappedMAndUAre() {
        Settings defaults = Settings.defaults();
        assertThat(PromotionChecks.degenerateLevels(defaults)).isEmpty();

        List<String> problems = PromotionChecks.degenerateLevels(swapFirstLevel(defaults));

        assertThat(problems).hasSize(1);
        assertThat(problems.get(0)).contains(defaults.comparisons().get(0).name(), "agreement no longer favours a match");
    }

    @Test
    void withoutLabelsLittleDriftIsNotWorseAndMuchDriftIs() {
        Verdict calm = PromotionChecks.verdict(List.of(), new Drift(1000, 100, 104, 50, 7), NONE, NONE, 0, 0, LIMITS);
        assertThat(calm.notWorse()).isTrue();
        assertThat(calm.basis()).isEqualTo(Basis.LABEL_FREE);

        Verdict drifting = PromotionChecks.verdict(List.of(), new Drift(1000, 100, 160, 60, 0), NONE, NONE, 0, 0, LIMITS);
        assertThat(drifting.notWorse()).isFalse();
        assertThat(drifting.reasons()).anySatisfy(r -> assertThat(r).contains("60 of 1000", "TOO MUCH DRIFT"));
    }

    @Test
    void withoutPairsToCompareOnThereIsNoPromotion() {
        Verdict verdict = PromotionChecks.verdict(List.of(), new Drift(0, 0, 0, 0, 0), NONE, NONE, 0, 0, LIMITS);
        assertThat(verdict.notWorse()).isFalse();
        assertThat(verdict.reasons()).anySatisfy(r -> assertThat(r).contains("run match"));
    }

    @Test
    void enoughLabelsOfBothKindsDecideWhateverTheDrift() {
        Drift drifting = new Drift(1000, 100, 300, 200, 0);
        Verdict better = PromotionChecks.verdict(List.of(), drifting, new Confusion(2, 0, 3, 5), PERFECT, 5, 5, LIMITS);
        assertThat(better.basis()).isEqualTo(Basis.LABELLED);
        assertThat(better.notWorse()).isTrue();

        Verdict worse = PromotionChecks.verdict(List.of(), new Drift(1000, 100, 100, 0, 0), PERFECT, new Confusion(5, 2, 0, 3), 5, 5, LIMITS);
        assertThat(worse.notWorse()).isFalse();
        assertThat(worse.reasons()).anySatisfy(r -> assertThat(r).contains("F1 1.0000 -> 0.8333", "WORSE"));

        Verdict onlyOneKind = PromotionChecks.verdict(List.of(), drifting, PERFECT, PERFECT, 20, 0, LIMITS);
        assertThat(onlyOneKind.basis()).isEqualTo(Basis.LABEL_FREE);
        assertThat(onlyOneKind.notWorse()).isFalse();
    }

    @Test
    void degenerateMAndUAreWorseEvenWithGoodLabels() {
        Verdict verdict = PromotionChecks.verdict(List.of("comparison 'x': broken"), new Drift(10, 1, 1, 0, 0), PERFECT, PERFECT, 5, 5, LIMITS);
        assertThat(verdict.notWorse()).isFalse();
        assertThat(verdict.reasons()).contains("comparison 'x': broken");
    }

    @Test
    void f1CountsLinksAgainstMustLinks() {
        assertThat(new Confusion(3, 1, 1, 10).f1()).isEqualTo(0.75);
        assertThat(NONE.f1()).isEqualTo(1.0);
    }

    /** The defaults with m and u of the first comparison's strongest level swapped. */
    static Settings swapFirstLevel(Settings settings) {
        List<ComparisonSpec> comparisons = new ArrayList<>(settings.comparisons());
        ComparisonSpec first = comparisons.get(0);
        List<LevelSpec> levels = new ArrayList<>(first.levels());
        for (int i = 0; i < levels.size(); i++) {
            if (!levels.get(i).isNull()) {
                levels.set(i, levels.get(i).withMU(levels.get(i).u(), levels.get(i).m()));
                break;
            }
        }
        comparisons.set(0, first.withLevels(levels));
        return settings.withComparisons(comparisons);
    }
}
