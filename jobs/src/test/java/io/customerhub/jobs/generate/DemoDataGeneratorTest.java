package io.customerhub.jobs.generate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.customerhub.jobs.spark.SparkTestBase;
import java.io.IOException;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoDataGeneratorTest extends SparkTestBase {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long PEOPLE = 600;

    @TempDir
    static Path sharedDir;
    private static Path out;
    private static GeneratedData generated;

    @BeforeAll
    static void generateOnce() throws IOException {
        out = sharedDir.resolve("demo");
        generated = DemoDataGenerator.generate(spark(), out, new GeneratorOptions(PEOPLE, 42));
    }

    @Test
    void sameSeedGivesSameBytesAndAnotherSeedDoesNot() throws IOException {
        Path again = tempDir.resolve("again");
        Path other = tempDir.resolve("other");
        DemoDataGenerator.generate(spark(), again, new GeneratorOptions(PEOPLE, 42));
        DemoDataGenerator.generate(spark(), other, new GeneratorOptions(PEOPLE, 43));
        for (String file : List.of("branch_crm.csv", "call_centre.csv", "web_accounts.jsonl", "truth.csv",
                "hard_negatives.csv", "manifest.json")) {
            assertThat(Files.readAllBytes(again.resolve(file))).as(file).isEqualTo(Files.readAllBytes(out.resolve(file)));
        }
        for (String file : List.of("branch_crm.csv", "call_centre.csv", "web_accounts.jsonl", "truth.csv")) {
            assertThat(Files.readAllBytes(other.resolve(file))).as(file).isNotEqualTo(Files.readAllBytes(out.resolve(file)));
        }
    }

    @Test
    void refusesToOverwriteAPreviousRun() {
        assertThatThrownBy(() -> DemoDataGenerator.generate(spark(), out, new GeneratorOptions(10, 1)))
                .isInstanceOf(FileAlreadyExistsException.class);
    }

    @Test
    void manifestCountsMatchTheFilesAndTheTruth() throws IOException {
        JsonNode sources = manifest().get("sources");
        Map<String, Long> truthPerSource = truth().stream()
                .collect(Collectors.groupingBy(t -> t.get(0), Collectors.counting()));
        long crmRows = Files.readAllLines(out.resolve("branch_crm.csv"), StandardCharsets.ISO_8859_1).size() - 1;
        long callRows = lineCount(out.resolve("call_centre.csv")) - 1;
        long webRows = lineCount(out.resolve("web_accounts.jsonl"));
        long mobileRows = spark().read().parquet(out.resolve("mobile_app").toString()).count();
        Map<String, Long> fromFiles = Map.of("branch_crm", crmRows, "call_centre", callRows,
                "web_accounts", webRows, "mobile_app", mobileRows);
        for (SourceSystem source : SourceSystem.values()) {
            String name = source.systemName();
            assertThat(sources.get(name).get("records").asLong()).as(name)
                    .isEqualTo(fromFiles.get(name))
                    .isEqualTo(truthPerSource.get(name))
                    .isEqualTo(generated.recordsPerSource().get(source))
                    .isPositive();
        }
        assertThat(manifest().get("people").asLong()).isEqualTo(PEOPLE);
        assertThat(manifest().get("seed").asLong()).isEqualTo(42);
        // Every real person has at least one record.
        assertThat(truth().stream().map(t -> t.get(2)).distinct().count()).isEqualTo(PEOPLE);
    }

    @Test
    void branchCrmIsReallyIso88591() throws IOException {
        byte[] bytes = Files.readAllBytes(out.resolve("branch_crm.csv"));
        assertThatThrownBy(() -> StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)))
                .isInstanceOf(CharacterCodingException.class);
        String text = new String(bytes, StandardCharsets.ISO_8859_1);
        assertThat(text).startsWith(BranchCrmWriter.HEADER + "\n").contains("é");
        // Single-byte accents: no UTF-8 sequence read back as Latin-1 ("Ã©"), no replacement marks.
        assertThat(text).doesNotContainPattern("Ã[\u0080-\u00BF]").doesNotContain("?");
    }

    @Test
    void everyBadRowKindIsPresentListedAndKnownToTheTruth() throws IOException {
        JsonNode manifest = manifest();
        Set<String> truthKeys = truth().stream().map(t -> t.get(0) + "|" + t.get(1)).collect(Collectors.toSet());
        long listed = 0;
        for (SourceSystem source : SourceSystem.values()) {
            JsonNode badRows = manifest.get("sources").get(source.systemName()).get("badRows");
            for (BadRowKind kind : source.badRowKinds()) {
                assertThat(badRows.path(kind.label()).asLong()).as(source + " " + kind).isPositive();
            }
            long bad = generated.badRowsPerSource().get(source).values().stream().mapToLong(Long::longValue).sum();
            long records = generated.recordsPerSource().get(source);
            assertThat((double) bad / records).as("reject rate of " + source).isLessThan(0.05);
        }
        for (JsonNode row : manifest.get("badRowList")) {
            assertThat(truthKeys).contains(row.get("source").asText() + "|" + row.get("sourceId").asText());
            listed++;
        }
        assertThat(listed).isEqualTo(generated.totalBadRows());

        List<String> crm = Files.readAllLines(out.resolve("branch_crm.csv"), StandardCharsets.ISO_8859_1);
        int columns = BranchCrmWriter.HEADER.split(";").length;
        assertThat(crm).anyMatch(line -> line.split(";", -1).length == columns + 1);
        assertThat(crm).anyMatch(line -> line.contains(";31/02/"));
        assertThat(crm).anyMatch(line -> line.startsWith(";"));

        byte[] call = Files.readAllBytes(out.resolve("call_centre.csv"));
        assertThatThrownBy(() -> StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(call)))
                .isInstanceOf(CharacterCodingException.class);

        List<String> web = Files.readAllLines(out.resolve("web_accounts.jsonl"), StandardCharsets.ISO_8859_1);
        long unparsable = web.stream().filter(line -> !parses(line)).count();
        assertThat(unparsable).isEqualTo(manifest.get("sources").get("web_accounts").get("badRows")
                .get(BadRowKind.MALFORMED_JSON.label()).asLong());
    }

    @Test
    void twinsShareFamilyNameAndBirthDateButAreDifferentPeople() throws IOException {
        List<List<String>> pairs = csv(out.resolve("hard_negatives.csv"), StandardCharsets.UTF_8, ',');
        assertThat(pairs).extracting(p -> p.get(0)).contains("twins", "father_son", "homonyms");
        assertThat(pairs).allSatisfy(p -> assertThat(p.get(1)).isNotEqualTo(p.get(2)));

        Map<String, String> personOfCrmRecord = new HashMap<>();
        for (List<String> t : truth()) {
            if (t.get(0).equals("branch_crm")) {
                personOfCrmRecord.put(t.get(1), t.get(2));
            }
        }
        Map<String, List<List<String>>> crmRowsByPerson = new HashMap<>();
        for (List<String> row : csv(out.resolve("branch_crm.csv"), StandardCharsets.ISO_8859_1, ';')) {
            String person = personOfCrmRecord.get(row.get(0));
            if (person != null && row.size() > 5) {
                crmRowsByPerson.computeIfAbsent(person, k -> new ArrayList<>()).add(row);
            }
        }
        long lookAlikeTwins = pairs.stream().filter(p -> p.get(0).equals("twins")).filter(p -> {
            Set<String> a = nameAndBirth(crmRowsByPerson.get(p.get(1)));
            Set<String> b = nameAndBirth(crmRowsByPerson.get(p.get(2)));
            a.retainAll(b);
            return !a.isEmpty();
        }).count();
        assertThat(lookAlikeTwins).isPositive();
    }

    @Test
    void mobileAppParquetIsReadableWithTheExpectedColumns() {
        Dataset<Row> mobile = spark().read().parquet(out.resolve("mobile_app").toString());
        assertThat(mobile.columns()).containsExactly("user_id", "given_name", "family_name", "mobile", "email", "dob",
                "push_optin", "sms_optin", "branch_customer_number", "last_seen");
        assertThat(mobile.filter("branch_customer_number is not null").count()).isPositive();
        assertThat(mobile.filter("mobile like '+%'").count()).isPositive();
    }

    @Test
    void contractsUseOnlySchemaKeysAndCanonicalTargets() throws IOException {
        JsonNode schema = JSON.readTree(getClass().getResourceAsStream("/schemas/source-contract.schema.json"));
        Set<String> topKeys = keys(schema.get("properties"));
        Set<String> csvKeys = keys(schema.get("properties").get("csv").get("properties"));
        Set<String> extractKeys = keys(schema.get("properties").get("extract").get("properties"));
        Set<String> fieldKeys = keys(schema.get("properties").get("fields").get("items").get("properties"));
        Set<String> canonical = new HashSet<>();
        for (io.customerhub.matching.record.CanonicalField f : io.customerhub.matching.record.CanonicalField.values()) {
            canonical.add(f.columnName());
        }
        Path contracts = out.resolve(DemoDataGenerator.CONTRACTS_DIR);
        for (SourceSystem source : SourceSystem.values()) {
            JsonNode contract = JSON.readTree(contracts.resolve(source.systemName() + ".json").toFile());
            assertThat(keys(contract)).isSubsetOf(topKeys).contains("name", "format", "path", "idColumn", "fields");
            assertThat(contract.get("name").asText()).isEqualTo(source.systemName());
            if (contract.has("csv")) {
                assertThat(keys(contract.get("csv"))).isSubsetOf(csvKeys);
            }
            assertThat(keys(contract.get("extract"))).isSubsetOf(extractKeys);
            boolean hasRequired = false;
            for (JsonNode field : contract.get("fields")) {
                assertThat(keys(field)).isSubsetOf(fieldKeys).contains("column", "target");
                assertThat(canonical).contains(field.get("target").asText());
                hasRequired |= field.path("required").asBoolean();
                if (field.has("refersTo")) {
                    assertThat(field.get("target").asText()).isEqualTo("customer_number");
                }
            }
            assertThat(hasRequired).as("a required field in " + source).isTrue();
            for (String trusted : keys(contract.get("trust"))) {
                assertThat(trusted.equals("*") || canonical.contains(trusted)).as(trusted).isTrue();
            }
            // The path resolves against the contracts directory to what the generator wrote.
            String path = contract.get("path").asText();
            Path target = contracts.resolve(path.endsWith("/*.parquet") ? path.substring(0, path.length() - 10) : path);
            assertThat(target.normalize()).isEqualTo(out.resolve(source.fileName()).normalize()).exists();
        }
    }

    private static Set<String> nameAndBirth(List<List<String>> rows) {
        Set<String> keys = new HashSet<>();
        if (rows != null) {
            for (List<String> row : rows) {
                if (!row.get(2).isEmpty() && !row.get(5).isEmpty()) {
                    keys.add(row.get(2).toUpperCase(java.util.Locale.ROOT) + "|" + row.get(5));
                }
            }
        }
        return keys;
    }

    private static boolean parses(String line) {
        try {
            JSON.readTree(line);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static Set<String> keys(JsonNode node) {
        Set<String> keys = new HashSet<>();
        node.fieldNames().forEachRemaining(keys::add);
        return keys;
    }

    private static JsonNode manifest() throws IOException {
        return JSON.readTree(out.resolve(DemoDataGenerator.MANIFEST_FILE).toFile());
    }

    private static List<List<String>> truth() throws IOException {
        return csv(out.resolve(DemoDataGenerator.TRUTH_FILE), StandardCharsets.UTF_8, ',');
    }

    private static List<List<String>> csv(Path file, java.nio.charset.Charset charset, char delimiter) throws IOException {
        CSVFormat format = CSVFormat.DEFAULT.builder().setDelimiter(delimiter).setSkipHeaderRecord(true).setHeader().get();
        try (Reader reader = Files.newBufferedReader(file, charset)) {
            List<List<String>> rows = new ArrayList<>();
            for (CSVRecord record : format.parse(reader)) {
                rows.add(record.toList());
            }
            return rows;
        }
    }

    private static long lineCount(Path file) throws IOException {
        long lines = 0;
        for (byte b : Files.readAllBytes(file)) {
            if (b == '\n') {
                lines++;
            }
        }
        return lines;
    }
}
