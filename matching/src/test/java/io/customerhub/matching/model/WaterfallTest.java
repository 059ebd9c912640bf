package io.customerhub.matching.model;

import static io.customerhub.matching.compare.TestRecords.person;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.customerhub.matching.record.StandardizedRecord;
import io.customerhub.matching.settings.Settings;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WaterfallTest {

    private static final Settings SETTINGS = Settings.defaults();
    private static final FellegiSunterModel MODEL = FellegiSunterModel.compile(SETTINGS);

    private final StandardizedRecord a = person("JEAN", "DUPONT", "1980-02-13").email("jean.dupont@mail.fr")
            .address("12 RUE DE LA PAIX", "12", "75002", "PARIS").gender("M").build();
    private final StandardizedRecord b = person("JEAN", "DUPONT", "1980-03-13").email("jdupont@other.fr")
            .address("12 RUE DE LA PAIX", "12", "75002", "PARIS").build();
    private final TermFrequencies tf = TermFrequencies.of(Map.of("family_name", Map.of("DUPONT", 1e-5)));

    @Test
    void explanationRebuiltFromStoredVectorAndSavedSettingsEqualsTheOriginal() {
        ScoredPair original = MODEL.score(a, b, tf);
        // What a table stores: the compact vector, the term frequencies, the settings JSON.
        String storedGamma = original.gammaString();
        double[] storedTf = original.termFrequencies();
        Settings reloaded = Settings.fromJson(SETTINGS.toJson());

        Waterfall rebuilt = Waterfall.rebuild(reloaded, ScoredPair.parseGamma(storedGamma), storedTf);

        assertThat(rebuilt).isEqualTo(Waterfall.of(original, SETTINGS));
        assertThat(FellegiSunterModel.compile(reloaded).score(ScoredPair.parseGamma(storedGamma), storedTf)).isEqualTo(original);
    }

    @Test
    void barsAddUpFromThePriorToTheMatchWeight() {
        ScoredPair score = MODEL.score(a, b, tf);
        Waterfall w = Waterfall.of(score, SETTINGS);
        assertThat(w.bars()).hasSize(SETTINGS.comparisons().size());
        assertThat(w.prior()).isEqualTo(MODEL.prior());
        assertThat(w.bars().get(w.bars().size() - 1).cumulative()).isCloseTo(score.matchWeight(), within(1e-9));
        assertThat(w.bars().get(0).label()).isEqualTo("exact full name");
        assertThat(w.bars().get(0).tfAdjustment()).isPositive();
        assertThat(w.bars().get(1).label()).isEqualTo("one digit mistyped or two adjacent digits swapped");
        assertThat(w.probability()).isEqualTo(score.probability());
        assertThat(w.render()).contains("prior", "exact full name", "match weight").doesNotContain("DUPONT", "jean.dupont");
    }

    @Test
    void gammaStringIsCompactAndRoundTrips() {
        ScoredPair score = MODEL.score(a, b, tf);
        assertThat(score.gammaString()).matches("\\d+(,\\d+)*");
        assertThat(ScoredPair.parseGamma(score.gammaString())).isEqualTo(score.gamma());
        assertThatThrownBy(() -> ScoredPair.parseGamma("1,x")).hasMessageContaining("element 1");
    }

    @Test
    void aVectorFromAnotherSettingsVersionIsRefused() {
        assertThatThrownBy(() -> MODEL.score(new int[] {1, 2}, new double[] {Double.NaN, Double.NaN}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("settings version that produced it");
        assertThatThrownBy(() -> MODEL.score(new int[] {99, 0, 0, 0, 0, 0, 0, 0}, new double[8]))
                .hasMessageContaining("comparison 'name' has no level 99");
    }
}
