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

    private static final RowValidator PEOPLE = new RowValidator(ContractLoader.parse("""
            {"name": "s", "format": "csv", "path": "x", "idColumn": "id",
             "fields": [{"column": "name", "target": "family_name"}, {"column": "mail", "target": "email"},
                        {"column": "street", "target": "address_line1"}]}
            """, "test"));

    private static IngestedRow person(String id, String name, String mail) {
        return PEOPLE.validate(ExtractRecord.parsed("f.csv", 2, "raw", Map.of("id", id, "name", name, "mail", mail), true));
    }

    @Test
    void aNulByteInTheIdQuarantinesTheRowWithoutKeepingTheId() {
        IngestedRow result = person("C1\u0000", "Dupont", "a@x.org");
        assertThat(result.reason()).isEqualTo(QuarantineReason.CONTROL_CHARACTER);
        assertThat(result.reasonDetail()).isEqualTo("source id column 'id': holds the control character U+0000");
        assertThat(result.sourceId()).isNull();
    }

    @Test
    void aControlCharacterInAMappedFieldNamesTheFieldNotTheValue() {
        IngestedRow result = person("C1", "Dup\u0000ont", "a@x.org");
        assertThat(result.reason()).isEqualTo(QuarantineReason.CONTROL_CHARACTER);
        assertThat(result.reasonDetail()).isEqualTo("column 'name' (family_name): holds the control character U+0000")
                .doesNotContain("Dup");
        assertThat(person("C1", "Dupont\u0085", "a@x.org").reason()).isEqualTo(QuarantineReason.CONTROL_CHARACTER);
    }

    @Test
    void tabsAndLineBreaksOfQuotedValuesAreNotControlCharacters() {
        IngestedRow result = PEOPLE.validate(ExtractRecord.parsed("f.csv", 2, "raw",
                Map.of("id", "C1", "name", "Du\tpont", "street", "3 avenue Foch\r\nBâtiment B"), true));
        assertThat(result.accepted()).isTrue();
    }

    @Test
    void anOverLongFieldIsQuarantinedWithItsLengthOnly() {
        IngestedRow result = person("C1", "N".repeat(RowValidator.MAX_TEXT_LENGTH + 1), "a@x.org");
        assertThat(result.reason()).isEqualTo(QuarantineReason.FIELD_TOO_LONG);
        assertThat(result.reasonDetail()).isEqualTo("column 'name' (family_name): 1001 characters, above the limit of 1000");
        assertThat(person("C1", "N".repeat(RowValidator.MAX_TEXT_LENGTH), "a@x.org").accepted()).isTrue();
    }

    @Test
    void anEmailIsLimitedTo254Characters() {
        String local = "a".repeat(64) + "@";
        assertThat(person("C1", "Dupont", local + "d".repeat(254 - local.length())).accepted()).isTrue();
        assertThat(person("C1", "Dupont", local + "d".repeat(255 - local.length())).reason()).isEqualTo(QuarantineReason.FIELD_TOO_LONG);
    }

    @Test
    void anOverLongIdIsQuarantined() {
        assertThat(person("9".repeat(RowValidator.MAX_ID_LENGTH + 1), "Dupont", "a@x.org").reason())
                .isEqualTo(QuarantineReason.FIELD_TOO_LONG);
    }

    @Test
    void theReadersWarningReachesTheRowAcceptedOrNot() {
        String warning = ExtractRecord.readsLikeUtf8Warning(java.nio.charset.StandardCharsets.ISO_8859_1);
        ExtractRecord accepted = ExtractRecord.parsed("f.csv", 2, "raw", Map.of("id", "C1", "name", "VÃ©ronique"), true)
                .withWarningIf(true, warning);
        ExtractRecord failed = ExtractRecord.failed("f.csv", 3, "raw", QuarantineReason.MALFORMED_ROW, "x").withWarningIf(true, warning);
        assertThat(PEOPLE.validate(accepted).warning()).contains("read as ISO-8859-1 but some of its lines read like UTF-8");
        assertThat(PEOPLE.validate(failed).warning()).isEqualTo(warning);
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
