package io.customerhub.matching.compare;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class NameRulesTest {

    @Test
    void detectsGivenFamilySwap() {
        assertThat(NameRules.swapped("MARTIN", "PAUL", "PAUL", "MARTIN")).isTrue();
        assertThat(NameRules.swapped("PAUL", "MARTIN", "PAUL", "MARTIN")).isFalse();
        assertThat(NameRules.swapped("PAUL", "PAUL", "PAUL", "PAUL")).as("same word both ways is just exact").isFalse();
    }

    @Test
    void initialsAndTokensAreCompatibleButASharedFirstLetterIsNot() {
        assertThat(NameRules.givenCompatible("J", "JEAN")).isTrue();
        assertThat(NameRules.givenCompatible("J P", "JEAN PIERRE")).isTrue();
        assertThat(NameRules.givenCompatible("JP", "JEAN PIERRE")).isTrue();
        assertThat(NameRules.givenCompatible("JEAN", "JEAN PIERRE")).isTrue();
        assertThat(NameRules.givenCompatible("PIERRE", "JEAN PIERRE")).isTrue();
        assertThat(NameRules.givenCompatible("JULES", "JEAN")).isFalse();
        assertThat(NameRules.givenCompatible("J", "PAUL")).isFalse();
        assertThat(NameRules.givenCompatible("LUCAS", "HUGO")).isFalse();
        assertThat(NameRules.givenCompatible("JPA", "JEAN PIERRE ANDRE")).as("3 unspaced letters read as a name").isFalse();
        assertThat(NameRules.givenCompatible("J PI", "JEAN PIERRE")).isFalse();
        assertThat(NameRules.givenCompatible("J P A", "JEAN PIERRE")).as("more initials than names").isFalse();
        assertThat(NameRules.givenCompatible("PIERRE JEAN", "JEAN PIERRE")).isTrue();
        assertThat(NameRules.givenCompatible("PIERR", "JEAN PIERRE")).isFalse();
        assertThat(NameRules.givenCompatible("BILL", "WILLIAM")).as("nicknames are apart").isFalse();
        assertThat(NameRules.nicknames("BILL", "WILLIAM")).as("listed nickname").isTrue();
        assertThat(NameRules.nicknames("PEGGY ANN", "MARGARET ANN")).as("nickname of the first name").isTrue();
        assertThat(NameRules.nicknames("ALEXANDRA", "ALEXANDER")).as("sharing a nickname is not enough").isFalse();
    }

    @Test
    void aFamilyNameInsideACompoundOneIsAPartButAnotherNameIsNot() {
        assertThat(NameRules.familyCompound("GARCIA", "MARTIN GARCIA")).isTrue();
        assertThat(NameRules.familyCompound("DUPONT MARTIN", "DUPONT")).isTrue();
        assertThat(NameRules.familyCompound("GARCIA LOPEZ", "LOPEZ GARCIA")).as("the parts reordered").isTrue();
        assertThat(NameRules.familyCompound("GARCIA", "GARCIA")).as("equal is not compound").isFalse();
        assertThat(NameRules.familyCompound("PEREZ GARCIA", "GARCIA LOPEZ")).as("one shared part of two").isFalse();
        assertThat(NameRules.familyCompound("GARCIA", null)).isFalse();
    }

    @Test
    void birthNameMatchesTheOtherFamilyName() {
        assertThat(NameRules.birthNameMatches("DUPONT", "MARTIN", "MARTIN", null)).isTrue();
        assertThat(NameRules.birthNameMatches("MARTIN", null, "DUPONT", "MARTIN")).isTrue();
        assertThat(NameRules.birthNameMatches("DUPONT", null, "MARTIN", null)).isFalse();
    }
}
