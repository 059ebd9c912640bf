package io.customerhub.matching.standardize;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CountryNormalizerTest {

    @ParameterizedTest
    @CsvSource({
            "France,FR", "FR,FR", "fr,FR", "FRA,FR", "  france ,FR", "Deutschland,DE", "Allemagne,DE", "DEU,DE",
            "Germany,DE", "UK,GB", "United Kingdom,GB", "Royaume-Uni,GB", "England,GB", "GBR,GB",
            "USA,US", "États-Unis,US", "Belgique,BE", "Espagne,ES", "España,ES", "Suisse,CH", "Maroc,MA",
            "Algérie,DZ", "Côte d'Ivoire,CI", "Sénégal,SN", "Italie,IT", "Pays-Bas,NL", "Portugal,PT"})
    void readsCodesAndNames(String raw, String expected) {
        assertThat(CountryNormalizer.toIsoAlpha2(raw).orNull()).isEqualTo(expected);
    }

    @Test
    void unknownIsRejectedAndBlankIsEmpty() {
        assertThat(CountryNormalizer.toIsoAlpha2("Atlantis").rejection()).hasValue("unknown country");
        assertThat(CountryNormalizer.toIsoAlpha2(" ").isRejected()).isFalse();
    }
}
