package io.customerhub.matching.standardize;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PhoneNormalizerTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "06 12 34 56 78|FR|+33612345678|MOBILE|FR",
            "+33 6 12 34 56 78|FR|+33612345678|MOBILE|FR",
            "0033612345678|FR|+33612345678|MOBILE|FR",
            "(0)6.12.34.56.78|FR|+33612345678|MOBILE|FR",
            "+33 (0)6 12 34 56 78|FR|+33612345678|MOBILE|FR",
            "+33(0)1 42 86 82 00|DE|+33142868200|LANDLINE|FR",
            "01.42.86.82.00|FR|+33142868200|LANDLINE|FR",
            "07400 123456|GB|+447400123456|MOBILE|GB",
            "+44 (0)20 7946 0958|FR|+442079460958|LANDLINE|GB",
            "030 123456|DE|+4930123456|LANDLINE|DE",
            "0151 23456789|DE|+4915123456789|MOBILE|DE",
            "(650) 253-0000|US|+16502530000|FIXED_LINE_OR_MOBILE|US",
            "+1 650 253 0000|FR|+16502530000|FIXED_LINE_OR_MOBILE|US",
            "0800 123 456|FR|+33800123456|OTHER|FR",
            "612345678|FR|+33612345678|MOBILE|FR",
            "33612345678|FR|+33612345678|MOBILE|FR",
            "Tél. : 06 12 34 56 78 (bureau)|FR|+33612345678|MOBILE|FR",
            "+33 6 12 34 56 78 ext 12|FR|+33612345678|MOBILE|FR",
            "0690 12 34 56|FR|+590690123456|MOBILE|GP",
            "0692 12 34 56|FR|+262692123456|MOBILE|RE",
            "0262 12 34 56|FR|+262262123456|LANDLINE|RE",
    })
    void normalisesToE164WithType(String raw, String region, String e164, PhoneType type, String numberRegion) {
        NormalizedPhone phone = PhoneNormalizer.normalize(raw, region).orNull();
        assertThat(phone).isNotNull();
        assertThat(phone.e164()).isEqualTo(e164);
        assertThat(phone.type()).isEqualTo(type);
        assertThat(phone.regionCode()).isEqualTo(numberRegion);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "06 12 34 56|FR|phone number too short for its country",
            "06 12 34 56 78 90 12|FR|phone number too long for its country",
            "+49 30 1|FR|phone number too short for its country",
            "0 12 34 56 78 90 12 34 56 78 90|FR|phone number too long",
            "n/a|FR|not a phone number",
            "06 12 34 56 78||no country code and no default region, or unknown country code",
            "06 00 00 00 00|FR|placeholder phone number",
            "00 00 00 00 00|FR|placeholder phone number",
            "+33 0 12 34 56 78|FR|phone number not valid in its numbering plan",
            "07700 900123|GB|phone number not valid in its numbering plan", // Ofcom range kept for TV dramas
    })
    void rejectsWithAReason(String raw, String region, String reason) {
        assertThat(PhoneNormalizer.normalize(raw, region).rejection()).hasValue(reason);
    }

    @Test
    void keepsOnlyTheNumberPart() {
        assertThat(PhoneNormalizer.digitsAndPlus("+33 (6) 12-34")).isEqualTo("+3361234");
        assertThat(PhoneNormalizer.digitsAndPlus("06 12 34 56 78 / Marie")).isEqualTo("0612345678");
        assertThat(PhoneNormalizer.digitsAndPlus("n/a")).isEqualTo("n/a");
    }

    @Test
    void internationalNumbersNeedNoRegionAndBlankIsEmpty() {
        assertThat(PhoneNormalizer.normalize("+33 6 12 34 56 78", null).orNull().e164()).isEqualTo("+33612345678");
        assertThat(PhoneNormalizer.normalize(" ", "FR").isRejected()).isFalse();
        assertThat(PhoneNormalizer.isSupportedRegion("fr")).isTrue();
        assertThat(PhoneNormalizer.isSupportedRegion("XX")).isFalse();
    }
}
