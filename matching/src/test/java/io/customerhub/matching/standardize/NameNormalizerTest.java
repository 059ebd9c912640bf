package io.customerhub.matching.standardize;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NameNormalizerTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "Lefèvre|LEFEVRE",
            "N'Diaye|NDIAYE",
            "N’DIAYE|NDIAYE",
            "N DIAYE|NDIAYE",
            "O'Neil|ONEIL",
            "de la Fontaine|DE LA FONTAINE",
            "DE LA  FONTAINE|DE LA FONTAINE",
            "Le Gall|LE GALL",
            "Müller|MULLER",
            "Œuvray|OEUVRAY",
            "Straßer|STRASSER",
            "Smith Jr.|SMITH",
            "Mme Dupont|DUPONT",
            "M. DUPONT|DUPONT",
            "Dr. García-López|GARCIA LOPEZ",
            "Frau Schmidt|SCHMIDT",
            "Dr. Mme Martin|MARTIN",
    })
    void familyNames(String raw, String expected) {
        assertThat(NameNormalizer.familyName(raw).orNull().normalized()).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "Jean-Pierre|JEAN PIERRE",
            "Jean Pierre|JEAN PIERRE",
            "jean–pierre|JEAN PIERRE",
            "J-P|J P",
            "J.-P.|J P",
            "Hélène|HELENE",
            "Mlle Zoé|ZOE",
            "Sra. María José|MARIA JOSE",
            "M|M",
    })
    void givenNames(String raw, String expected) {
        assertThat(NameNormalizer.givenName(raw).orNull().normalized()).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "Иванов|IVANOV",
            "ИВАНОВ|IVANOV",
            "Щербаков|SHCHERBAKOV",
            "Ковальчук|KOVALCHUK",
            "Соловьёв|SOLOVYEV",
            "Παπαδόπουλος|PAPADOPOULOS",
            "张|ZHANG",
            "Łukasz-Żółć|LUKASZ ZOLC",
    })
    void namesInOtherScriptsAreRomanised(String raw, String expected) {
        assertThat(NameNormalizer.familyName(raw).orNull().normalized()).isEqualTo(expected);
    }

    @Test
    void aRomanisedNameMeetsItsLatinSpellingInThePhoneticKey() {
        PhoneticKeys keys = new PhoneticKeys();
        assertThat(keys.key(NameNormalizer.familyName("Щербаков").orNull().normalized()))
                .isEqualTo(keys.key(NameNormalizer.familyName("Shcherbakov").orNull().normalized()))
                .isNotNull();
        assertThat(NameNormalizer.givenName("Александр").orNull().normalized())
                .isEqualTo(NameNormalizer.givenName("Aleksandr").orNull().normalized());
    }

    @Test
    void keepsTheOriginalAndTokens() {
        NormalizedName name = NameNormalizer.familyName("de la Fontaine").orNull();
        assertThat(name.original()).isEqualTo("de la Fontaine");
        assertThat(name.tokens()).containsExactly("DE", "LA", "FONTAINE");
        assertThat(name.compact()).isEqualTo("DELAFONTAINE");
        assertThat(NameNormalizer.withoutParticles(name.normalized())).isEqualTo("FONTAINE");
    }

    @Test
    void aTitleWrittenLikeANameIsOnlyRemovedWhenANameFollows() {
        assertThat(NameNormalizer.givenName("Madame").rejection()).hasValue("title only, no name");
        // "M" without a dot may be an initial in a given name, but not before a family name
        assertThat(NameNormalizer.familyName("M Dupont").orNull().normalized()).isEqualTo("DUPONT");
        assertThat(NameNormalizer.givenName("M Claire").orNull().normalized()).isEqualTo("M CLAIRE");
    }

    @Test
    void rejectsPlaceholdersAndTextWithoutLetters() {
        assertThat(NameNormalizer.familyName("INCONNU").rejection()).hasValue("placeholder instead of a name");
        assertThat(NameNormalizer.familyName("xxx").isRejected()).isTrue();
        assertThat(NameNormalizer.familyName("1234").rejection()).hasValue("no letters in name");
        assertThat(NameNormalizer.familyName("  ").isRejected()).isFalse();
        assertThat(NameNormalizer.familyName(null).isPresent()).isFalse();
    }

    @Test
    void readsFrenchMaritalForms() {
        FamilyNames nee = NameNormalizer.familyNames("MARTIN née DUPONT").orNull();
        assertThat(nee.usedName().normalized()).isEqualTo("MARTIN");
        assertThat(nee.birthName().normalized()).isEqualTo("DUPONT");

        FamilyNames epouse = NameNormalizer.familyNames("Dupont ép. Martin").orNull();
        assertThat(epouse.usedName().normalized()).isEqualTo("MARTIN");
        assertThat(epouse.birthName().normalized()).isEqualTo("DUPONT");

        FamilyNames plain = NameNormalizer.familyNames("Dupont-Martin").orNull();
        assertThat(plain.usedName().normalized()).isEqualTo("DUPONT MARTIN");
        assertThat(plain.birthName()).isNull();
    }

    @Test
    void detectsGivenFamilySwapsAndSameWordsSplitDifferently() {
        assertThat(NameNormalizer.isGivenFamilySwap("MARIE", "DUPONT", "DUPONT", "MARIE")).isTrue();
        assertThat(NameNormalizer.isGivenFamilySwap("MARIE", "DE LA FONTAINE", "DELAFONTAINE", "MARIE")).isTrue();
        assertThat(NameNormalizer.isGivenFamilySwap("MARIE", "DUPONT", "MARIE", "DUPONT")).isFalse();
        assertThat(NameNormalizer.isGivenFamilySwap("MARIE", null, null, "MARIE")).isFalse();
        assertThat(NameNormalizer.sameNameWords("JEAN", "PIERRE DUPONT", "JEAN PIERRE", "DUPONT")).isTrue();
        assertThat(NameNormalizer.sameNameWords("JEAN", "DUPONT", "JEAN PIERRE", "DUPONT")).isFalse();
        assertThat(NameNormalizer.initials("JEAN PIERRE")).isEqualTo("JP");
    }
}
