package io.customerhub.jobs.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.customerhub.jobs.HubException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ContractValidatorTest {

    private static final String VALID = """
            {"name": "crm", "format": "csv", "path": "crm.csv", "idColumn": "id",
             "fields": [%s]}
            """;

    private static List<ContractProblem> problemsOf(String fields) {
        return ContractValidator.validate(ContractLoader.parse(VALID.formatted(fields), "test"));
    }

    @Test
    void aPlainContractIsValid() {
        assertThat(problemsOf("{\"column\": \"nom\", \"target\": \"family_name\", \"required\": true}")).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"column\": \"religion\", \"target\": \"title\"}",
            "{\"column\": \"x\", \"target\": \"religion\"}",
            "{\"column\": \"etat_sante\", \"target\": \"gender\"}",
            "{\"column\": \"ethnic_origin\", \"target\": \"country\"}",
            "{\"column\": \"sexual_orientation\", \"target\": \"gender\"}",
            "{\"column\": \"political_party\", \"target\": \"title\"}",
            "{\"column\": \"religionCode\", \"target\": \"title\"}",
            "{\"column\": \"healthStatus\", \"target\": \"title\"}",
            "{\"column\": \"BloodType\", \"target\": \"title\"}",
            "{\"column\": \"denomination\", \"target\": \"title\"}",
            "{\"column\": \"x\", \"target\": \"healthStatus\"}",
            "{\"column\": \"Casier-Judiciaire\", \"target\": \"title\"}"})
    void specialCategoryDataIsRefusedWhateverTheTarget(String mapping) {
        List<ContractProblem> problems = problemsOf(mapping);
        assertThat(problems).singleElement().satisfies(p -> {
            assertThat(p.problem()).contains("special-category data").contains("must never enter the hub");
            assertThat(p.fix()).contains("remove this mapping");
        });
    }

    @Test
    void ordinaryCustomerColumnsInAnyNamingStyleAreNotTakenForSpecialCategoryData() {
        assertThat(problemsOf("""
                {"column": "street", "target": "address_line1"}, {"column": "given_name", "target": "given_name"},
                {"column": "City", "target": "city"}, {"column": "customer_no", "target": "customer_number"},
                {"column": "birthDate", "target": "date_of_birth"}, {"column": "e_mail", "target": "email"},
                {"column": "sex", "target": "gender"}, {"column": "nationality", "target": "country"}""")).isEmpty();
    }

    @Test
    void anUnknownTargetNamesTheCanonicalFields() {
        assertThat(problemsOf("{\"column\": \"nom\", \"target\": \"surname\"}")).singleElement()
                .satisfies(p -> assertThat(p.problem() + p.fix()).contains("'surname' is not a canonical field", "family_name"));
    }

    @Test
    void parserSettingsMustSuitTheFieldKind() {
        assertThat(problemsOf("{\"column\": \"nom\", \"target\": \"family_name\", \"datePatterns\": [\"dd/MM/yyyy\"]}"))
                .extracting(ContractProblem::problem).containsExactly("date patterns on a TEXT field");
        assertThat(problemsOf("{\"column\": \"d\", \"target\": \"date_of_birth\", \"datePatterns\": [\"dd/MM/yyyyQQQQQQ\"]}"))
                .extracting(ContractProblem::problem).singleElement().asString().contains("is not a date pattern");
        assertThat(problemsOf("{\"column\": \"t\", \"target\": \"phone\", \"phoneRegion\": \"XX\"}")).hasSize(1);
        assertThat(problemsOf("{\"column\": \"n\", \"target\": \"family_name\", \"refersTo\": \"crm\"}")).hasSize(1);
        assertThat(problemsOf("{\"column\": \"a\", \"target\": \"family_name\"}, {\"column\": \"b\", \"target\": \"family_name\"}"))
                .extracting(ContractProblem::problem).containsExactly("'family_name' is mapped twice");
    }

    @Test
    void encodingsMustBeKnownAndAsciiCompatible() {
        SourceContract utf16 = ContractLoader.parse("""
                {"name": "crm", "format": "csv", "path": "crm.csv", "idColumn": "id", "encoding": "UTF-16",
                 "fields": [{"column": "nom", "target": "family_name"}]}""", "test");
        assertThat(ContractValidator.validate(utf16)).extracting(ContractProblem::fix).singleElement().asString().contains("iconv");
        SourceContract unknown = ContractLoader.parse("""
                {"name": "crm", "format": "csv", "path": "crm.csv", "idColumn": "id", "encoding": "latin-42",
                 "fields": [{"column": "nom", "target": "family_name"}]}""", "test");
        assertThat(ContractValidator.validate(unknown)).extracting(ContractProblem::problem).singleElement().asString().contains("unknown to Java");
    }

    @Test
    void jdbcIsRecognisedButNotYetReadable() {
        SourceContract jdbc = ContractLoader.parse("""
                {"name": "crm", "format": "jdbc", "path": "-", "idColumn": "id",
                 "fields": [{"column": "nom", "target": "family_name"}]}""", "test");
        assertThat(ContractValidator.validate(jdbc)).extracting(ContractProblem::fix).singleElement().asString()
                .contains("not readable yet");
    }

    @Test
    void unknownKeysAndBrokenJsonGiveMessagesThatSayWhereAndHow() {
        assertThatThrownBy(() -> ContractLoader.parse("{\"name\": \"crm\", \"delimiter\": \";\"}", "crm.json"))
                .isInstanceOf(HubException.class)
                .hasMessageContaining("unknown key 'delimiter'")
                .hasMessageContaining("known keys: ")
                .hasMessageContaining("fix:");
        assertThatThrownBy(() -> ContractLoader.parse("{\"name\": \"crm\",, }", "crm.json"))
                .isInstanceOf(HubException.class)
                .hasMessageContaining("at line 1");
    }

    @Test
    void theShippedExampleContractsAreValid() throws IOException {
        for (String source : List.of("branch_crm", "call_centre", "web_accounts", "mobile_app")) {
            try (InputStream in = getClass().getResourceAsStream("/schemas/sources/" + source + ".json")) {
                assertThat(in).as(source).isNotNull();
                SourceContract contract = ContractLoader.parse(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8), source);
                assertThat(ContractValidator.validate(contract)).as(source).isEmpty();
                assertThat(contract.name()).isEqualTo(source);
            }
        }
    }

    @Test
    void theJsonSchemaDescribesExactlyTheContractModel() throws IOException {
        try (InputStream in = getClass().getResourceAsStream("/schemas/source-contract.schema.json")) {
            JsonNode schema = ContractLoader.json().readTree(in);
            Set<String> schemaKeys = new TreeSet<>();
            schema.get("properties").fieldNames().forEachRemaining(schemaKeys::add);
            Set<String> modelKeys = new TreeSet<>(Arrays.stream(SourceContract.class.getRecordComponents()).map(c -> c.getName()).toList());
            assertThat(schemaKeys).isEqualTo(modelKeys);
            Set<String> fieldKeys = new TreeSet<>();
            schema.at("/properties/fields/items/properties").fieldNames().forEachRemaining(fieldKeys::add);
            assertThat(fieldKeys).isEqualTo(new TreeSet<>(Arrays.stream(FieldMapping.class.getRecordComponents()).map(c -> c.getName()).toList()));
        }
    }
}
