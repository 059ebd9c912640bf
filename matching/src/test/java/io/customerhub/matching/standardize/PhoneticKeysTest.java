package io.customerhub.matching.standardize;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PhoneticKeysTest {

    private final PhoneticKeys keys = new PhoneticKeys();

    private String key(String raw) {
        return keys.key(NameNormalizer.familyName(raw).orNull().normalized());
    }

    @ParameterizedTest
    @CsvSource({
            "Lefebvre,Lefèvre", "Renault,Renaud", "Thibault,Thibaud", "Gauthier,Gautier", "Nowak,Novak",
            "Bertrand,Bertran", "De la Fontaine,Delafontaine", "Le Gall,Legall", "N'Diaye,Ndiaye",
            "Schmidt,Schmitt", "Catherine,Katherine", "Mohamed,Muhammad"})
    void variantsShareAKey(String a, String b) {
        assertThat(key(a)).isNotNull().isEqualTo(key(b));
    }

    @ParameterizedTest
    @CsvSource({"Martin,Marin", "Dupont,Durand", "Martin,Martinez", "Bernard,Bertrand", "Roux,Leroux"})
    void differentNamesDoNot(String a, String b) {
        assertThat(key(a)).isNotEqualTo(key(b));
    }

    @Test
    void frenchSpellingRules() {
        assertThat(PhoneticKeys.frenchSpelling("RENAULT")).isEqualTo("RENO");
        assertThat(PhoneticKeys.frenchSpelling("MOREAUX")).isEqualTo("MORO");
        assertThat(PhoneticKeys.frenchSpelling("LEFEBVRE")).isEqualTo("LEFEVRE");
        assertThat(PhoneticKeys.frenchSpelling("DURAND")).isEqualTo("DURAN");
        assertThat(PhoneticKeys.frenchSpelling("LEAU")).isEqualTo("LEAU"); // too short to touch
    }

    @Test
    void givenNameKeyUsesTheFirstWordAndBlankHasNoKey() {
        assertThat(keys.firstWordKey("JEAN PIERRE")).isEqualTo(keys.key("JEAN"));
        assertThat(keys.key(null)).isNull();
        assertThat(keys.key(" ")).isNull();
        assertThat(keys.key("DELAFONTAINE")).hasSizeLessThanOrEqualTo(PhoneticKeys.MAX_CODE_LENGTH);
    }
}
