package io.customerhub.jobs.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.customerhub.jobs.contract.ContractLoader;
import io.customerhub.matching.record.CanonicalField;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RowValidatorTest {

    private static RowValidator validator(String onInvalid) {
        return new RowValidator(ContractLoader.parse("""
                {"name": "s", "format": "csv", "path": "x", "idColumn": "id",
                 "fields": [{"column": "dob", "target": "date_of_birth", "datePatterns": ["yyyyMMdd"]%s},
                            {"column": "optin", "target": "consent_email"}]}
                """.formatted(onInvalid == null ? "" : ", \"onInvalid\": \"" + onInvalid + "\""), "test"));
    }

    private static ExtractRecord row(String dob) {
        return ExtractRecord.parsed("f.csv", 2, "raw", Map.of("id", "1", "dob", dob, "optin", "oui"), true);
    }

    @Test
    void anImpossibleDateQuarantinesTheRowByDefault() {
        IngestedRow result = validator(null).validate(row("19551192"));
        assertThat(result.reason()).isEqualTo(QuarantineReason.INVALID_DATE);
        assertThat(result.reasonDetail()).contains("column 'dob'").doesNotContain("19551192");
    }

    @Test
    void onInvalidBlankAcceptsTheRowWithTheFieldBlankAndWarns() {
        IngestedRow result = validator("blank").validate(row("19551192"));
        assertThat(result.accepted()).isTrue();
        assertThat(result.values()[CanonicalField.DATE_OF_BIRTH.ordinal()]).isNull();
        assertThat(result.values()[CanonicalField.CONSENT_EMAIL.ordinal()]).isEqualTo("true");
        assertThat(result.warning()).isEqualTo("column 'dob' (date_of_birth): invalid values left blank");
    }

    @Test
    void validValuesAreNormalisedWhateverThePolicy() {
        IngestedRow result = validator("blank").validate(row("19800213"));
        assertThat(result.values()[CanonicalField.DATE_OF_BIRTH.ordinal()]).isEqualTo("1980-02-13");
        assertThat(result.warning()).isNull();
    }

    @Test
    void anUnmappedColumnNamedLikeSpecialCategoryDataIsIgnoredWithAWarningThatSaysSo() {
        IngestedRow result = validator(null).validate(ExtractRecord.parsed("f.csv", 2, "raw",
                Map.of("id", "1", "dob", "19800213", "optin", "oui", "religionCode", "7", "shoeSize", "42"), true));
        assertThat(result.accepted()).isTrue();
        assertThat(result.warning()).contains("unexpected column 'religionCode' is ignored (its name suggests special-category data, religion")
                .contains("unexpected column 'shoeSize' is ignored").doesNotContain("shoeSize' is ignored (");
    }
}
