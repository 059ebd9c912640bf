package io.customerhub.matching.standardize;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EmailNormalizerTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            " Marie.Dupont@Orange.FR |marie.dupont@orange.fr",
            "marie.dupont+promo@orange.fr|marie.dupont@orange.fr",
            "Marie.Dupont+newsletter@GMail.com|mariedupont@gmail.com",
            "m.a.r.i.e.dupont@googlemail.com|mariedupont@gmail.com",
            "mailto:jp.martin@laposte.net|jp.martin@laposte.net",
            "Jean-Pierre Martin <JP.Martin@acme-corp.co.uk>|jp.martin@acme-corp.co.uk",
            "o'neil@example.ie|o'neil@example.ie",
            "contact@société.fr.|",
    })
    void normalises(String raw, String expected) {
        Parsed<NormalizedEmail> parsed = EmailNormalizer.normalize(raw);
        if (expected == null) {
            assertThat(parsed.isRejected()).isTrue();
        } else {
            assertThat(parsed.orNull().address()).isEqualTo(expected);
        }
    }

    @Test
    void exposesDomainAndFreeMailFlag() {
        NormalizedEmail gmail = EmailNormalizer.normalize("famille.dupont@googlemail.com").orNull();
        assertThat(gmail.domain()).isEqualTo("gmail.com");
        assertThat(gmail.localPart()).isEqualTo("familledupont");
        assertThat(gmail.freeMailProvider()).isTrue();
        NormalizedEmail work = EmailNormalizer.normalize("marie.dupont@airbus.com").orNull();
        assertThat(work.domain()).isEqualTo("airbus.com");
        assertThat(work.freeMailProvider()).isFalse();
        assertThat(work.localPart()).isEqualTo("marie.dupont"); // dots matter outside Gmail
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "marie.dupont.orange.fr|no @ in e-mail",
            "marie@dupont@orange.fr|more than one @ in e-mail",
            "marie..dupont@orange.fr|invalid local part in e-mail",
            ".marie@orange.fr|invalid local part in e-mail",
            "marie dupont@orange.fr|invalid local part in e-mail",
            "marie@orange|invalid domain in e-mail",
            "marie@orange..fr|invalid domain in e-mail",
            "marie@-orange.fr|invalid domain in e-mail",
            "marie@|empty local part or domain in e-mail",
            "hélène@orange.fr|non-ASCII characters in e-mail",
            "noemail@orange.fr|placeholder e-mail",
            "marie@example.com|placeholder e-mail",
    })
    void rejectsWithAReasonThatDoesNotRepeatTheValue(String raw, String reason) {
        Parsed<NormalizedEmail> parsed = EmailNormalizer.normalize(raw);
        assertThat(parsed.rejection()).hasValue(reason);
        assertThat(reason).doesNotContain("marie");
    }

    @Test
    void normalisingAStoredAddressAgainChangesNothing() {
        for (String raw : new String[] {"Marie.Dupont+promo@GMail.com", "m.a.r.i.e@googlemail.com", "JP.Martin@orange.fr"}) {
            NormalizedEmail once = EmailNormalizer.normalize(raw).orNull();
            assertThat(EmailNormalizer.normalize(once.address()).orNull()).isEqualTo(once);
        }
    }

    @Test
    void blankIsEmpty() {
        assertThat(EmailNormalizer.normalize("  ").isRejected()).isFalse();
        assertThat(EmailNormalizer.normalize(null).isPresent()).isFalse();
    }
}
