package io.customerhub.matching.compare;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
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

    @Test
    void boundedOsaCountsTypingErrorsUpToTheBound() {
        assertThat(EditDistance.boundedOsa("OSCAR", "OSCAR", 2)).isZero();
        assertThat(EditDistance.boundedOsa("OSCAR", "OSACR", 2)).as("one adjacent swap").isEqualTo(1);
        assertThat(EditDistance.boundedOsa("OSACAR", "OSCRA", 2)).as("a deletion and a swap").isEqualTo(2);
        assertThat(EditDistance.boundedOsa("JAYDEN", "JAYANED", 2)).as("over the bound").isEqualTo(3);
        assertThat(EditDistance.boundedOsa("AB", "ABCDEF", 2)).as("lengths too far apart").isEqualTo(3);
        assertThat(EditDistance.boundedOsa("", "AB", 2)).isEqualTo(2);
    }

    @Test
    void boundedOsaAgreesWithTheFullTableWithinTheBound() {
        Random random = new Random(7);
        for (int n = 0; n < 20_000; n++) {
            String a = randomWord(random);
            String b = randomWord(random);
            int max = 1 + random.nextInt(3);
            assertThat(EditDistance.boundedOsa(a, b, max)).as("%s / %s, max %d", a, b, max).isEqualTo(Math.min(fullOsa(a, b), max + 1));
        }
    }

    private static String randomWord(Random random) {
        StringBuilder word = new StringBuilder();
        int length = random.nextInt(8);
        for (int i = 0; i < length; i++) {
            word.append((char) ('A' + random.nextInt(3)));
        }
        return word.toString();
    }

    /** The textbook O(n m) table, as the reference. */
    private static int fullOsa(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(d[i - 1][j - 1] + cost, Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1));
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
