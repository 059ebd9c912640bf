package io.customerhub.matching.compare;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EditDistanceTest {

    @Test
    void oneTypingErrorOfAnyKindIsWithinOneEdit() {
        assertThat(EditDistance.withinOneEdit("1850275123", "1850275123")).isTrue();
        assertThat(EditDistance.withinOneEdit("1850275123", "1850275128")).as("substitution at the end").isTrue();
        assertThat(EditDistance.withinOneEdit("1850275123", "9850275123")).as("substitution at the start").isTrue();
        assertThat(EditDistance.withinOneEdit("1850275123", "1805275123")).as("adjacent swap").isTrue();
        assertThat(EditDistance.withinOneEdit("1850275123", "1850271235")).as("a shifted tail").isFalse();
        assertThat(EditDistance.withinOneEdit("1850275123", "185027123")).as("deletion").isTrue();
        assertThat(EditDistance.withinOneEdit("185027123", "1850275123")).as("insertion").isTrue();
        assertThat(EditDistance.withinOneEdit("1850275123", "18502751234")).as("appended").isTrue();
        assertThat(EditDistance.withinOneEdit("", "1")).isTrue();
    }

    @Test
    void twoErrorsOrDistantSwapsAreNot() {
        assertThat(EditDistance.withinOneEdit("1850275123", "1850275199")).isFalse();
        assertThat(EditDistance.withinOneEdit("1850275123", "3850275121")).as("swap of distant digits").isFalse();
        assertThat(EditDistance.withinOneEdit("1850275123", "18502751")).isFalse();
        assertThat(EditDistance.withinOneEdit("1850275123", "8150275132")).isFalse();
        assertThat(EditDistance.withinOneEdit("AB", "BA")).isTrue();
        assertThat(EditDistance.withinOneEdit("ABC", "CBA")).isFalse();
    }
}
