package io.customerhub.matching.standardize;

import static org.assertj.core.api.Assertions.assertThat;

import io.customerhub.matching.standardize.SplitName.Method;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FullNameSplitterTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "DUPONT Marie|MARIE|DUPONT|UPPER_CASE_FAMILY_NAME",
            "Marie DUPONT|MARIE|DUPONT|UPPER_CASE_FAMILY_NAME",
            "Mme DUPONT Marie-Claire|MARIE CLAIRE|DUPONT|UPPER_CASE_FAMILY_NAME",
            "Jean de LA FONTAINE|JEAN|DE LA FONTAINE|UPPER_CASE_FAMILY_NAME",
            "Dupont, Marie|MARIE|DUPONT|COMMA",
            "N'DIAYE, Mme Aminata|AMINATA|NDIAYE|COMMA",
            "Marie Dupont|MARIE|DUPONT|GIVEN_NAME_FIRST_BY_NAME_LISTS",
            "DUPONT MARIE|MARIE|DUPONT|FAMILY_NAME_FIRST_BY_NAME_LISTS",
            "MARTIN MARIE|MARIE|MARTIN|FAMILY_NAME_FIRST_BY_NAME_LISTS",
            "marie martin|MARIE|MARTIN|GIVEN_NAME_FIRST_BY_NAME_LISTS",
            "DUPONT JEAN PIERRE|JEAN PIERRE|DUPONT|FAMILY_NAME_FIRST_BY_NAME_LISTS",
            "Jean Pierre Dupont|JEAN PIERRE|DUPONT|GIVEN_NAME_FIRST_BY_NAME_LISTS",
            "LE GALL YANN|YANN|LE GALL|FAMILY_NAME_FIRST_BY_NAME_LISTS",
            "jean de la fontaine|JEAN|DE LA FONTAINE|GIVEN_NAME_FIRST_BY_NAME_LISTS",
            "Kwame Nkrumah|KWAME|NKRUMAH|GIVEN_NAME_FIRST_DEFAULT",
            "Mr John SMITH|JOHN|SMITH|UPPER_CASE_FAMILY_NAME",
            "Marie DUPONT Claire|MARIE CLAIRE|DUPONT|UPPER_CASE_FAMILY_NAME",
            "ABDEL KADER Mohamed|MOHAMED|ABDEL KADER|UPPER_CASE_FAMILY_NAME",
    })
    void splits(String raw, String given, String family, Method method) {
        SplitName split = FullNameSplitter.split(raw).orNull();
        assertThat(split.givenName().normalized()).isEqualTo(given);
        assertThat(split.familyName().normalized()).isEqualTo(family);
        assertThat(split.method()).isEqualTo(method);
    }

    @Test
    void aDefaultOrderIsFlaggedAsAGuess() {
        assertThat(FullNameSplitter.split("Kwame Nkrumah").orNull().orderIsGuessed()).isTrue();
        assertThat(FullNameSplitter.split("DUPONT Marie").orNull().orderIsGuessed()).isFalse();
    }

    @Test
    void oneWordIsTheFamilyName() {
        SplitName split = FullNameSplitter.split("Dupont").orNull();
        assertThat(split.givenName()).isNull();
        assertThat(split.familyName().normalized()).isEqualTo("DUPONT");
        assertThat(split.method()).isEqualTo(Method.SINGLE_WORD);
    }

    @Test
    void blankIsEmptyAndPunctuationOnlyIsRejected() {
        assertThat(FullNameSplitter.split(" ").isPresent()).isFalse();
        assertThat(FullNameSplitter.split(" ").isRejected()).isFalse();
        assertThat(FullNameSplitter.split("--- ...").isRejected()).isTrue();
    }
}
