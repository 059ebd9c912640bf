package io.customerhub.matching.record;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SpecialCategoryTest {

    @ParameterizedTest
    @CsvSource({
            "religionCode, RELIGION", "healthStatus, HEALTH", "BloodType, HEALTH", "denomination, RELIGION",
            "RELIGION_CODE, RELIGION", "health-status, HEALTH", "Health Status, HEALTH", "client.religion, RELIGION",
            "État santé, HEALTH", "religions, RELIGION", "DNASample, GENETIC_OR_BIOMETRIC", "hivDiagnosis2, HEALTH",
            "health2, HEALTH", "isUnionMember, TRADE_UNION", "tradeUnion, TRADE_UNION", "sexualOrientation, SEXUAL_ORIENTATION",
            "ethnicOrigin, ETHNIC_ORIGIN", "PoliticalParty, POLITICAL_OPINION", "criminalRecord, CRIMINAL_RECORD",
            "past_convictions, CRIMINAL_RECORD", "Fingerprints, GENETIC_OR_BIOMETRIC", "disabilityFlag, HEALTH"})
    void namesInAnyCaseOrSeparatorSuggestTheirCategory(String name, SpecialCategory expected) {
        assertThat(SpecialCategory.suggestedBy(name)).as(name).contains(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"street", "given_name", "givenName", "city", "customer_no", "birth_date", "BirthDate", "e_mail",
            "gender", "sex", "sexe", "nationality", "party_id", "thirdParty", "credit_union", "reunion_city", "unionid",
            "address_line1", "status", "phone", "faithfull_id", "contract_type"})
    void ordinaryCustomerNamesPass(String name) {
        assertThat(SpecialCategory.suggestedBy(name)).as(name).isEmpty();
    }
}
