package io.customerhub.jobs.generate;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class TextsAndNoiseTest {

    private final Noise noise = new Noise(new SplittableRandom(1), Map.of());

    @Test
    void accentsAndEncodings() {
        assertThat(Texts.stripAccents("Hélène Łukasz Bœuf N’Diaye")).isEqualTo("Helene Lukasz Boeuf N'Diaye");
        assertThat(Texts.toLatin1("Hélène Wiśniewski")).isEqualTo("Hélène Wisniewski");
        assertThat(Texts.mojibake("Hélène")).isEqualTo("HÃ©lÃ¨ne");
        assertThat(Texts.emailToken("Jean-Pierre d'Artois")).isEqualTo("jeanpierredartois");
    }

    @Test
    void frenchPhoneStyles() {
        Phone phone = new Phone("33", "612345678");
        assertThat(noise.phone(phone, Noise.PHONE_SPACED)).isEqualTo("06 12 34 56 78");
        assertThat(noise.phone(phone, Noise.PHONE_DOTTED)).isEqualTo("06.12.34.56.78");
        assertThat(noise.phone(phone, Noise.PHONE_INTERNATIONAL_SPACED)).isEqualTo("+33 6 12 34 56 78");
        assertThat(noise.phone(phone, Noise.PHONE_DOUBLE_ZERO)).isEqualTo("0033612345678");
        assertThat(noise.phone(phone, Noise.PHONE_TRUNK_IN_BRACKETS)).isEqualTo("+33 (0)6 12 34 56 78");
    }

    @Test
    void transposedDatesStayValidAndKeepTheYear() {
        assertThat(noise.transposedDayAndMonth(LocalDate.of(1980, 7, 3))).isEqualTo(LocalDate.of(1980, 3, 7));
        assertThat(noise.transposedDayAndMonth(LocalDate.of(1980, 7, 23))).isEqualTo(LocalDate.of(1980, 7, 23));
    }

    @Test
    void typosChangeOneCharacterButKeepTheFirst() {
        for (int i = 0; i < 50; i++) {
            String typo = noise.typo("Dupont");
            assertThat(typo).startsWith("D");
            assertThat(Math.abs(typo.length() - 6)).isLessThanOrEqualTo(1);
        }
    }
}
