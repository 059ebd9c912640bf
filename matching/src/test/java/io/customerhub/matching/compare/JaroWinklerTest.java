package io.customerhub.matching.compare;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.apache.commons.text.similarity.JaroWinklerSimilarity;
import org.junit.jupiter.api.Test;

class JaroWinklerTest {

    private static final JaroWinklerSimilarity COMMONS = new JaroWinklerSimilarity();

    @Test
    void knownTextbookValues() {
        assertThat(JaroWinkler.similarity("MARTHA", "MARHTA")).isCloseTo(0.9611, within(1e-4));
        assertThat(JaroWinkler.similarity("DIXON", "DICKSONX")).isCloseTo(0.8133, within(1e-4));
        assertThat(JaroWinkler.similarity("DUPONT", "DUPONT")).isEqualTo(1.0);
        assertThat(JaroWinkler.similarity("ABC", "XYZ")).isEqualTo(0.0);
        assertThat(JaroWinkler.similarity("", "")).isEqualTo(1.0);
        assertThat(JaroWinkler.similarity("", "A")).isEqualTo(0.0);
    }

    @Test
    void agreesWithCommonsTextOnRandomNameLikeStrings() {
        Random random = new Random(42);
        String alphabet = "AEIOUNRSTLMD ";
        for (int i = 0; i < 20_000; i++) {
            String a = randomString(random, alphabet, random.nextInt(14));
            String b = random.nextBoolean() ? mutate(random, a, alphabet) : randomString(random, alphabet, random.nextInt(14));
            assertThat(JaroWinkler.similarity(a, b)).as("'%s' vs '%s'", a, b)
                    .isCloseTo(COMMONS.apply(a, b), within(1e-12))
                    .isLessThanOrEqualTo(JaroWinkler.upperBound(a.length(), b.length()) + 1e-12);
        }
    }

    @Test
    void prefixVariantEqualsSimilarityOfTheSubstrings() {
        String a = "jean.dupont@mail.fr";
        String b = "jean.dupond@other.com";
        assertThat(JaroWinkler.similarity(a, 11, b, 11)).isEqualTo(COMMONS.apply("jean.dupont", "jean.dupond"));
        assertThat(JaroWinkler.similarity(a, 4, b, 11)).isEqualTo(COMMONS.apply("jean", "jean.dupond"));
    }

    @Test
    void agreesWithCommonsTextBeyondTheBitSetLimitOf64Chars() {
        Random random = new Random(7);
        for (int i = 0; i < 500; i++) {
            String a = randomString(random, "ABCDE", 60 + random.nextInt(40));
            String b = mutate(random, a, "ABCDE");
            assertThat(JaroWinkler.similarity(a, b)).isCloseTo(COMMONS.apply(a, b), within(1e-12));
        }
    }

    private static String randomString(Random r, String alphabet, int len) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < len; i++) {
            sb.append(alphabet.charAt(r.nextInt(alphabet.length())));
        }
        return sb.toString();
    }

    private static String mutate(Random r, String s, String alphabet) {
        StringBuilder sb = new StringBuilder(s);
        int edits = 1 + r.nextInt(3);
        for (int e = 0; e < edits && sb.length() > 1; e++) {
            int pos = r.nextInt(sb.length());
            switch (r.nextInt(3)) {
                case 0 -> sb.deleteCharAt(pos);
                case 1 -> sb.setCharAt(pos, alphabet.charAt(r.nextInt(alphabet.length())));
                default -> {
                    if (pos + 1 < sb.length()) {
                        char c = sb.charAt(pos);
                        sb.setCharAt(pos, sb.charAt(pos + 1));
                        sb.setCharAt(pos + 1, c);
                    }
                }
            }
        }
        return sb.toString();
    }
}
