package io.customerhub.matching.standardize;

import static io.customerhub.matching.record.CanonicalField.*;
import static org.assertj.core.api.Assertions.assertThat;

import io.customerhub.matching.record.CanonicalField;
import io.customerhub.matching.record.StandardizedRecord;
import java.time.LocalDate;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RecordStandardizerTest {

    private final RecordStandardizer standardizer = new RecordStandardizer(LocalDate.of(2026, 1, 15));

    private static Map<CanonicalField, String> raw(Object... fieldsAndValues) {
        Map<CanonicalField, String> raw = new EnumMap<>(CanonicalField.class);
        for (int i = 0; i < fieldsAndValues.length; i += 2) {
            raw.put((CanonicalField) fieldsAndValues[i], (String) fieldsAndValues[i + 1]);
        }
        return raw;
    }

    private StandardizationResult run(Map<CanonicalField, String> raw) {
        return standardizer.standardize("web_shop", "W-1", raw, "FR", Map.of());
    }

    @Test
    void fillsEveryFieldOfAMessyFrenchRecord() {
        StandardizationResult result = standardizer.standardize("branch_crm", "42", raw(
                TITLE, "Mme",
                GIVEN_NAME, "Marie-Hélène",
                FAMILY_NAME, "MARTIN née Lefèvre",
                DATE_OF_BIRTH, "13/02/1980",
                GENDER, "2",
                EMAIL, " Marie.Helene.Martin+promo@GoogleMail.com ",
                PHONE, "06 12 34 56 78",
                ADDRESS_LINE1, "12 bis, av. de la République",
                POSTCODE, "75 011",
                CITY, "Paris Cedex 11",
                COUNTRY, "France",
                CUSTOMER_NUMBER, " c0012345 "), "FR", Map.of());
        StandardizedRecord r = result.record();
        PhoneticKeys keys = new PhoneticKeys();
        assertThat(result.issues()).isEmpty();
        assertThat(r.sourceSystem()).isEqualTo("branch_crm");
        assertThat(r.sourceId()).isEqualTo("42");
        assertThat(r.givenName()).isEqualTo("MARIE HELENE");
        assertThat(r.familyName()).isEqualTo("MARTIN");
        assertThat(r.birthName()).isEqualTo("LEFEVRE");
        assertThat(r.givenNamePhonetic()).isEqualTo(keys.key("MARIE"));
        assertThat(r.familyNamePhonetic()).isEqualTo(keys.key("MARTIN")).isNotNull();
        assertThat(r.dateOfBirth()).isEqualTo("1980-02-13");
        assertThat(r.gender()).isEqualTo("F");
        assertThat(r.email()).isEqualTo("mariehelenemartin@gmail.com");
        assertThat(r.phone()).isNull();
        assertThat(r.mobilePhone()).isEqualTo("+33612345678"); // a mobile typed into the phone field moves
        assertThat(r.addressLine()).isEqualTo("12B AVENUE DE LA REPUBLIQUE");
        assertThat(r.houseNumber()).isEqualTo("12B");
        assertThat(r.postcode()).isEqualTo("75011");
        assertThat(r.city()).isEqualTo("PARIS");
        assertThat(r.country()).isEqualTo("FR");
        assertThat(r.customerNumbers()).containsExactly("branch_crm:C0012345");
    }

    @Test
    void aFullNameInEitherOrderGivesTheSameNamesAsSplitFields() {
        StandardizedRecord split = run(raw(GIVEN_NAME, "Marie", FAMILY_NAME, "Dupont")).record();
        for (String fullName : List.of("DUPONT Marie", "Marie DUPONT", "Dupont, Marie", "Mme DUPONT MARIE")) {
            StandardizedRecord r = run(raw(FULL_NAME, fullName)).record();
            assertThat(r.givenName()).as(fullName).isEqualTo(split.givenName());
            assertThat(r.familyName()).as(fullName).isEqualTo(split.familyName());
            assertThat(r.familyNamePhonetic()).as(fullName).isEqualTo(split.familyNamePhonetic());
        }
    }

    @Test
    void splitFieldsWinOverTheFullName() {
        StandardizedRecord r = run(raw(GIVEN_NAME, "Jean", FAMILY_NAME, "Durand", FULL_NAME, "DUPONT Marie")).record();
        assertThat(r.givenName()).isEqualTo("JEAN");
        assertThat(r.familyName()).isEqualTo("DURAND");
    }

    @Test
    void invalidValuesBecomeNullsWithValueFreeIssues() {
        Map<CanonicalField, String> raw = raw(
                FAMILY_NAME, "xxx",
                DATE_OF_BIRTH, "31/02/1980",
                GENDER, "Z",
                EMAIL, "marie.dupont.orange.fr",
                PHONE, "06 12 34",
                MOBILE_PHONE, "hello",
                POSTCODE, "750011",
                CITY, "75011",
                COUNTRY, "Atlantis");
        StandardizationResult result = run(raw);
        StandardizedRecord r = result.record();
        assertThat(r.familyName()).isNull();
        assertThat(r.dateOfBirth()).isNull();
        assertThat(r.gender()).isNull();
        assertThat(r.email()).isNull();
        assertThat(r.phone()).isNull();
        assertThat(r.mobilePhone()).isNull();
        assertThat(r.postcode()).isNull();
        assertThat(r.city()).isNull();
        assertThat(r.country()).isNull();
        assertThat(result.issues()).extracting(StandardizationIssue::field).containsExactlyInAnyOrder(
                FAMILY_NAME, DATE_OF_BIRTH, GENDER, EMAIL, PHONE, MOBILE_PHONE, POSTCODE, CITY, COUNTRY);
        assertThat(result.issues()).filteredOn(i -> i.field() == EMAIL).extracting(StandardizationIssue::reason)
                .containsExactly("no @ in e-mail");
        for (StandardizationIssue issue : result.issues()) {
            for (String value : raw.values()) {
                assertThat(issue.reason()).as(issue.field().name()).doesNotContain(value);
            }
        }
    }

    @Test
    void implausibleDatesOfBirthAreDropped() {
        assertThat(run(raw(DATE_OF_BIRTH, "01/01/1900")).issues())
                .containsExactly(new StandardizationIssue(DATE_OF_BIRTH, "placeholder date of birth"));
        assertThat(run(raw(DATE_OF_BIRTH, "1899")).issues())
                .containsExactly(new StandardizationIssue(DATE_OF_BIRTH, "date of birth before 1900"));
        assertThat(run(raw(DATE_OF_BIRTH, "2026-01-16")).issues())
                .containsExactly(new StandardizationIssue(DATE_OF_BIRTH, "date of birth in the future"));
        assertThat(run(raw(DATE_OF_BIRTH, "2026-01-15")).record().dateOfBirth()).isEqualTo("2026-01-15");
        assertThat(run(raw(DATE_OF_BIRTH, "02/1980")).record().dateOfBirth()).isEqualTo("1980-02");
    }

    @Test
    void phonesStayWhereTheyAreWhenBothSlotsAreFilledAndForeignNumbersUseTheAddressCountry() {
        StandardizedRecord both = run(raw(PHONE, "06 12 34 56 78", MOBILE_PHONE, "07 98 76 54 32")).record();
        assertThat(both.phone()).isEqualTo("+33612345678");
        assertThat(both.mobilePhone()).isEqualTo("+33798765432");

        StandardizedRecord landlineInMobileSlot = run(raw(MOBILE_PHONE, "01 42 86 82 00")).record();
        assertThat(landlineInMobileSlot.phone()).isEqualTo("+33142868200");
        assertThat(landlineInMobileSlot.mobilePhone()).isNull();

        StandardizationResult british = run(raw(PHONE, "020 7946 0958", COUNTRY, "UK"));
        assertThat(british.record().phone()).isEqualTo("+442079460958");
        assertThat(british.issues()).isEmpty();
    }

    @Test
    void customerNumbersCarryTheNamespaceOfTheSourceThatIssuedThem() {
        Map<CanonicalField, String> raw = raw(CUSTOMER_NUMBER, "c0012345", NATIONAL_ID, "1800275123456");
        assertThat(standardizer.standardize("web_shop", "W-1", raw, "FR",
                Map.of(CUSTOMER_NUMBER, List.of("branch_crm"))).record().customerNumbers())
                .containsExactly("branch_crm:C0012345");
        StandardizedRecord undeclared = standardizer.standardize("web_shop", "W-1", raw, "FR", Map.of()).record();
        assertThat(undeclared.customerNumbers())
                .containsExactly("web_shop:C0012345"); // a national id is a strong id only with a declared namespace
        assertThat(undeclared.nationalId()).isEqualTo("1800275123456"); // ... else it is compared probabilistically
        StandardizedRecord declared = standardizer.standardize("web_shop", "W-1", raw, "FR", Map.of(NATIONAL_ID, List.of("nir"))).record();
        assertThat(declared.customerNumbers()).containsExactly("web_shop:C0012345", "nir:1800275123456");
        assertThat(declared.nationalId()).isNull(); // not counted twice
    }

    @Test
    void nationalIdsKeepLettersAndDigitsAndPlaceholdersAreRejected() {
        assertThat(run(raw(NATIONAL_ID, "185 02-75.123 456 78")).record().nationalId()).isEqualTo("1850275123456" + "78");
        assertThat(run(raw(NATIONAL_ID, "ab 12 34 56 c")).record().nationalId()).isEqualTo("AB123456C");
        for (String placeholder : List.of("000000000", "999-99-9999", "123456789", "1234567890", "12", "x")) {
            StandardizationResult result = run(raw(NATIONAL_ID, placeholder));
            assertThat(result.record().nationalId()).as(placeholder).isNull();
            assertThat(result.issues()).as(placeholder).extracting(StandardizationIssue::field).containsExactly(NATIONAL_ID);
        }
        assertThat(run(raw(NATIONAL_ID, " ")).issues()).isEmpty();
    }

    @Test
    void houseNumberFieldAndSecondAddressLine() {
        StandardizedRecord apart = run(raw(HOUSE_NUMBER, "12 ter", ADDRESS_LINE1, "rue de la Paix")).record();
        assertThat(apart.addressLine()).isEqualTo("12T RUE DE LA PAIX");
        assertThat(apart.houseNumber()).isEqualTo("12T");

        StandardizedRecord building = run(raw(ADDRESS_LINE1, "Résidence Les Pins", ADDRESS_LINE2, "4 impasse des Lilas")).record();
        assertThat(building.addressLine()).isEqualTo("4 IMPASSE DES LILAS");
        assertThat(building.houseNumber()).isEqualTo("4");
    }

    @Test
    void explicitBirthNameWinsAndTitleFieldIsIgnored() {
        StandardizedRecord r = run(raw(TITLE, "Dr", GIVEN_NAME, "Anne", FAMILY_NAME, "Martin ép. Durand", BIRTH_NAME, "Durand-Petit")).record();
        assertThat(r.familyName()).isEqualTo("DURAND");
        assertThat(r.birthName()).isEqualTo("DURAND PETIT");
        assertThat(r.givenName()).isEqualTo("ANNE");
    }

    @Test
    void postcodeUsesTheDefaultRegionWhenTheRecordHasNoCountry() {
        assertThat(run(raw(POSTCODE, "1000")).record().postcode()).isEqualTo("01000");
        assertThat(standardizer.standardize("s", "1", raw(POSTCODE, "1000"), "BE", Map.of()).record().postcode())
                .isEqualTo("1000");
    }

    @Test
    void anEmptyRecordIsAllNullsWithoutIssues() {
        StandardizationResult result = run(raw());
        assertThat(result.issues()).isEmpty();
        assertThat(result.record().familyName()).isNull();
        assertThat(result.record().customerNumbers()).isEmpty();
    }

    @Test
    void oneSharedInstanceGivesTheSameResultsFromManyThreads() {
        List<Map<CanonicalField, String>> records = RecordStandardizerThroughput.records(3_000, 7);
        List<StandardizationResult> sequential = records.stream().map(this::run).toList();
        List<StandardizationResult> parallel = records.parallelStream().map(this::run).toList();
        assertThat(parallel).isEqualTo(sequential);
        assertThat(sequential).anyMatch(r -> !r.issues().isEmpty()); // the sample does exercise rejections
    }
}
