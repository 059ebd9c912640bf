package io.customerhub.matching.standardize;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GenderNormalizerTest {

    @ParameterizedTest
    @CsvSource({
            "M,M", "m,M", "H,M", "Homme,M", "male,M", "Masculin,M", "1,M", "M.,M", "Männlich,M",
            "F,F", "f,F", "Femme,F", "female,F", "Féminin,F", "2,F", "Mme,F", "W,F", "weiblich,F"})
    void readsCodesAndWords(String raw, String expected) {
        assertThat(GenderNormalizer.normalize(raw).orNull()).isEqualTo(expected);
    }

    @Test
    void unknownIsEmptyAndGarbageIsRejected() {
        assertThat(GenderNormalizer.normalize("Inconnu").isPresent()).isFalse();
        assertThat(GenderNormalizer.normalize("Inconnu").isRejected()).isFalse();
        assertThat(GenderNormalizer.normalize("U").isPresent()).isFalse();
        assertThat(GenderNormalizer.normalize("3").rejection()).hasValue("unrecognised gender code");
        assertThat(GenderNormalizer.normalize("").isRejected()).isFalse();
    }
}
