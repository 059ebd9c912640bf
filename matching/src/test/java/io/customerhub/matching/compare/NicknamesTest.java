package io.customerhub.matching.compare;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class NicknamesTest {

    @Test
    void readsTheCuratedListWhole() {
        // 2,691 rows in the shipped file; a few fold to the same pair.
        assertThat(Nicknames.size()).isBetween(2_500, 2_691);
    }

    @Test
    void aNameAndItsNicknameArePairsEitherWayRound() {
        assertThat(Nicknames.pair("WILLIAM", "BILL")).isTrue();
        assertThat(Nicknames.pair("BILL", "WILLIAM")).isTrue();
        assertThat(Nicknames.pair("MARGARET", "PEGGY")).isTrue();
        assertThat(Nicknames.pair("ROBERT", "BOB")).isTrue();
    }

    @Test
    void namesSharingANicknameAreNotPairs() {
        assertThat(Nicknames.pair("ALEXANDER", "ALEX")).isTrue();
        assertThat(Nicknames.pair("ALEXANDRA", "ALEX")).isTrue();
        assertThat(Nicknames.pair("ALEXANDER", "ALEXANDRA")).as("twins may be named so").isFalse();
    }

    @Test
    void unrelatedEqualOrMissingNamesAreNotPairs() {
        assertThat(Nicknames.pair("LUCAS", "HUGO")).isFalse();
        assertThat(Nicknames.pair("WILLIAM", "WILLIAM")).isFalse();
        assertThat(Nicknames.pair(null, "BILL")).isFalse();
    }
}
