package io.customerhub.jobs.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.apache.spark.sql.functions.col;

import io.customerhub.jobs.contract.ContractLoader;
import io.customerhub.jobs.contract.ContractLoader.LoadedContract;
import io.customerhub.jobs.spark.SparkTestBase;
import io.customerhub.jobs.table.HubTables;
import io.customerhub.jobs.table.RunsTable;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

class IngestActionTest extends SparkTestBase {

    private static final String CRM_CONTRACT = """
            {"name": "crm", "format": "csv", "path": "crm/*.csv", "encoding": "ISO-8859-1",
             "csv": {"delimiter": ";"}, "idColumn": "id",
             "fields": [
               {"column": "nom", "target": "family_name", "required": true},
               {"column": "prenom", "target": "given_name"},
               {"column": "date_naiss", "target": "date_of_birth", "datePatterns": ["dd/MM/yyyy", "yyyy"]},
               {"column": "adresse", "target": "address_line1"},
               {"column": "optin", "target": "consent_email"},
               {"column": "id", "target": "customer_number"}
             ]}
            """;

    private static final String CRM_ROWS = String.join("\r\n",
            "id;nom;prenom;date_naiss;adresse;optin",
            "C1;Lefèvre;Hélène;13/02/1980;12 rue de la Paix;oui",
            "C2;Dupont;Marie;1975;\"3 avenue Foch\nBâtiment B\";non",
            "C3;Martin;Paul;01/01/1990;1 rue X",
            "C4;Durand;\"Luc;02/02/1982;2 rue Y;oui",
            "C5;Petit;Anne;31/02/1980;5 rue Z;oui",
            "C6;;Jean;01/03/1970;6 rue A;oui",
            ";Roux;Eve;01/04/1971;7 rue B;oui",
            "C8;Moreau;Léa;01/05/1972;8 rue C;oui",
            "C8;Moreau;Lea;01/05/1973;8 rue C;oui",
            "C9;Simon;Noé;01/06/1974;9 rue D;oui",
            "C9;Simon;Noé;01/06/1974;9 rue D;oui",
            "C10;Laurent;Zoé;01/07/1975;10 rue E;peut-être",
            "");

    @Test
    void everyCsvRowIsAcceptedOrQuarantinedWithItsReason() throws IOException {
        LoadedContract crm = writeCrmSource(CRM_ROWS);

        IngestResult result = ingest(crm, "run-1", 0.9);

        assertThat(result.read()).isEqualTo(12);
        assertThat(result.reconciles()).isTrue();
        assertThat(result.accepted()).isEqualTo(3); // C1, C2, first C9
        assertThat(result.quarantinedByReason()).containsExactlyInAnyOrderEntriesOf(Map.of(
                QuarantineReason.MALFORMED_ROW, 2L,
                QuarantineReason.INVALID_DATE, 1L,
                QuarantineReason.MISSING_REQUIRED_FIELD, 1L,
                QuarantineReason.EMPTY_SOURCE_ID, 1L,
                QuarantineReason.DUPLICATE_SOURCE_ID, 3L,
                QuarantineReason.INVALID_VALUE, 1L));

        Map<String, Row> bronze = spark().read().format("delta").load(tables().bronze("crm")).collectAsList().stream()
                .collect(Collectors.toMap(r -> r.getAs("source_id"), r -> r));
        assertThat(bronze).containsOnlyKeys("C1", "C2", "C9");
        assertThat((String) bronze.get("C1").getAs("family_name")).isEqualTo("Lefèvre");
        assertThat((String) bronze.get("C1").getAs("date_of_birth")).isEqualTo("1980-02-13");
        assertThat((String) bronze.get("C1").getAs("consent_email")).isEqualTo("true");
        assertThat((String) bronze.get("C1").getAs("customer_number")).isEqualTo("crm:C1");
        assertThat((String) bronze.get("C2").getAs("date_of_birth")).isEqualTo("1975");
        assertThat((String) bronze.get("C2").getAs("address_line1")).isEqualTo("3 avenue Foch\nBâtiment B");
        assertThat((Long) bronze.get("C9").getAs("source_line")).isEqualTo(12L);

        Map<Long, Row> quarantine = quarantineOf("crm", "run-1");
        assertThat(quarantine.get(5L).<String>getAs("reason")).isEqualTo("expected 6 fields, found 5");
        assertThat(quarantine.get(6L).<String>getAs("reason")).contains("unbalanced quote");
        assertThat(quarantine.get(6L).<String>getAs("raw_text")).isEqualTo("C4;Durand;\"Luc;02/02/1982;2 rue Y;oui");
        assertThat(quarantine.get(7L).<String>getAs("reason")).contains("not a calendar date").doesNotContain("31/02");
        assertThat(quarantine.get(8L).<String>getAs("reason_code")).isEqualTo("MISSING_REQUIRED_FIELD");
        assertThat(quarantine.get(9L).<String>getAs("reason_code")).isEqualTo("EMPTY_SOURCE_ID");
        assertThat(quarantine.get(10L).<String>getAs("reason")).isEqualTo("source id appears on 2 rows with different content in this extract");
        assertThat(quarantine.get(11L).<String>getAs("reason_code")).isEqualTo("DUPLICATE_SOURCE_ID");
        assertThat(quarantine.get(13L).<String>getAs("reason")).isEqualTo("exact copy of the row at line 12");
        assertThat(quarantine.get(14L).<String>getAs("reason_code")).isEqualTo("INVALID_VALUE");
        assertThat(quarantine.get(14L).<String>getAs("source_file")).endsWith("crm/extract.csv");
        assertThat(quarantine).hasSize(9);
    }

    @Test
    void undecodableBytesAreQuarantinedLineByLine() throws IOException {
        Path dir = Files.createDirectories(tempDir.resolve("web"));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.writeBytes("id,name\nW1,Zoé\nW2,Bad".getBytes(StandardCharsets.UTF_8));
        bytes.write(0xFF);
        bytes.write(0xFE);
        bytes.writeBytes("\nW3,Ok\n".getBytes(StandardCharsets.UTF_8));
        Files.write(dir.resolve("web.csv"), bytes.toByteArray());
        LoadedContract web = writeContract("web", """
                {"name": "web", "format": "csv", "path": "web/web.csv", "idColumn": "id",
                 "fields": [{"column": "name", "target": "family_name"}]}
                """);

        IngestResult result = ingest(web, "run-1", 0.9);

        assertThat(result.accepted()).isEqualTo(2);
        assertThat(result.quarantinedByReason()).containsExactly(Map.entry(QuarantineReason.UNDECODABLE_BYTES, 1L));
        assertThat(quarantineOf("web", "run-1").get(3L).<String>getAs("raw_text")).startsWith("W2,Bad");
    }

    @Test
    void aCrOnlyFileWithBadBytesLongValuesAndAHugeLineIsReadRowByRowAndQuarantineKeepsOnlyMappedValues() throws IOException {
        Path dir = Files.createDirectories(tempDir.resolve("web"));
        String hugeLine = "W6,".concat("x".repeat(ByteLineReader.MAX_LINE_BYTES)).concat(",h@x.org,1980-01-01,Jain");
        Files.writeString(dir.resolve("web.csv"), String.join("\r",
                "id,name,email,dob,religion",
                "W1,Anne,a@x.org,1980-01-01,Catholic",
                "W2,Paul,p@x.org,1980-02-31,Buddhist",
                "W3\u0000,Marc,m@x.org,1980-01-01,Hindu",
                "W4,Lu\u0000c,l@x.org,1980-01-01,Muslim",
                "W5," + "N".repeat(2000) + ",n@x.org,1980-01-01,Sikh",
                hugeLine,
                "W7,Zoe,z@x.org,1980-01-01,Jewish",
                ""), StandardCharsets.UTF_8);
        LoadedContract web = writeContract("web", """
                {"name": "web", "format": "csv", "path": "web/web.csv", "idColumn": "id",
                 "fields": [{"column": "name", "target": "family_name", "required": true},
                            {"column": "email", "target": "email"},
                            {"column": "dob", "target": "date_of_birth", "datePatterns": ["yyyy-MM-dd"]}]}
                """);

        IngestResult result = ingest(web, "run-1", 0.9);

        assertThat(result.read()).isEqualTo(7);
        assertThat(result.accepted()).isEqualTo(2);
        assertThat(result.quarantinedByReason()).containsExactlyInAnyOrderEntriesOf(Map.of(
                QuarantineReason.INVALID_DATE, 1L,
                QuarantineReason.CONTROL_CHARACTER, 2L,
                QuarantineReason.FIELD_TOO_LONG, 1L,
                QuarantineReason.ROW_TOO_LARGE, 1L));
        Map<Long, Row> quarantine = quarantineOf("web", "run-1");
        assertThat(quarantine.get(3L).<String>getAs("raw_text")).isEqualTo("W2,Paul,p@x.org,1980-02-31,<unmapped>");
        assertThat(quarantine.get(4L).<String>getAs("source_id")).isNull();
        assertThat(quarantine.get(5L).<String>getAs("reason")).isEqualTo("column 'name' (family_name): holds the control character U+0000");
        assertThat(quarantine.get(6L).<String>getAs("raw_text")).isEqualTo("W5,<too long: 2000 characters>,n@x.org,1980-01-01,<unmapped>");
        assertThat(quarantine.get(7L).<String>getAs("reason_code")).isEqualTo("ROW_TOO_LARGE");
        assertThat(quarantine.values()).extracting(r -> r.<String>getAs("raw_text"))
                .noneMatch(raw -> raw.matches("(?s).*(Buddhist|Hindu|Muslim|Sikh|Jain|xxxx).*"));
        assertThat(spark().read().format("delta").load(tables().bronze("web")).collectAsList())
                .extracting(r -> r.<String>getAs("source_id")).containsExactlyInAnyOrder("W1", "W7");
    }

    @Test
    void aUtf8ExtractDeclaredLatin1AndAnExtractWithNoRowsAreReportedInTheRunsWarnings() throws IOException {
        Files.createDirectories(tempDir.resolve("web"));
        Files.writeString(tempDir.resolve("web/web.csv"), "id,name\nW1,Véronique\nW2,Dupont\n", StandardCharsets.UTF_8);
        Files.createDirectories(tempDir.resolve("shop"));
        Files.writeString(tempDir.resolve("shop/shop.csv"), "id,name\n", StandardCharsets.UTF_8);
        String contract = """
                {"name": "NAME", "format": "csv", "path": "NAME/NAME.csv", "idColumn": "id", "encoding": "ISO-8859-1",
                 "fields": [{"column": "name", "target": "family_name"}]}
                """;

        IngestResult web = ingest(writeContract("web", contract.replace("NAME", "web")), "run-1", 0.9);
        IngestResult shop = ingest(writeContract("shop", contract.replace("NAME", "shop")), "run-1", 0.9);

        String utf8Warning = ExtractRecord.readsLikeUtf8Warning(StandardCharsets.ISO_8859_1);
        assertThat(web.accepted()).isEqualTo(2);
        assertThat(web.warnings()).containsExactly(utf8Warning);
        assertThat(shop.read()).isZero();
        assertThat(shop.warnings()).containsExactly(IngestAction.NO_ROWS_WARNING);
        Map<String, List<String>> runWarnings = RunsTable.read(spark(), tables()).collectAsList().stream()
                .collect(Collectors.toMap(r -> r.<String>getAs("source"), r -> r.getList(r.fieldIndex("warnings"))));
        assertThat(runWarnings).containsEntry("web", List.of(utf8Warning)).containsEntry("shop", List.of(IngestAction.NO_ROWS_WARNING));
    }

    @Test
    void schemaDriftQuarantinesFilesMissingARequiredColumnAndWarnsOnExtraColumns() throws IOException {
        Path dir = Files.createDirectories(tempDir.resolve("crm"));
        Files.writeString(dir.resolve("a.csv"), "id;nom;prenom;date_naiss;adresse;optin;loyalty_tier\nC1;Lefevre;Helene;1980;1 rue;oui;gold\n",
                StandardCharsets.ISO_8859_1);
        Files.writeString(dir.resolve("b.csv"), "id;prenom\nC2;Marie\nC3;Paul\n", StandardCharsets.ISO_8859_1);
        LoadedContract crm = writeContract("crm", CRM_CONTRACT);

        IngestResult result = ingest(crm, "run-1", 0.9);

        assertThat(result.accepted()).isEqualTo(1);
        assertThat(result.quarantinedByReason()).containsExactly(Map.entry(QuarantineReason.SCHEMA_DRIFT, 2L));
        assertThat(result.warnings()).contains("unexpected column 'loyalty_tier' is ignored",
                "column 'optin' is missing from the file (its field is left blank)");
        assertThat(quarantineOf("crm", "run-1").get(2L).<String>getAs("reason"))
                .isEqualTo("required column 'nom' is missing from the file");
        List<String> bronzeColumns = List.of(spark().read().format("delta").load(tables().bronze("crm")).columns());
        assertThat(bronzeColumns).doesNotContain("loyalty_tier");
    }

    @Test
    void jsonLinesAndParquetExtractsAreReadWithTheSameRules() throws IOException {
        Path dir = Files.createDirectories(tempDir.resolve("app"));
        Files.writeString(dir.resolve("app.jsonl"), String.join("\n",
                "{\"uid\": \"A1\", \"last\": \"N'Diaye\", \"deleted\": false, \"device\": \"x\"}",
                "{\"uid\": \"A2\", \"last\": \"Nguyen\", \"deleted\": true}",
                "{\"uid\": \"A3\", \"last\": ",
                "[1, 2]",
                ""));
        LoadedContract app = writeContract("app", """
                {"name": "app", "format": "jsonl", "path": "app", "idColumn": "uid",
                 "extract": {"mode": "delta", "deletedFlagColumn": "deleted"},
                 "fields": [{"column": "last", "target": "family_name"}]}
                """);
        IngestResult jsonResult = ingest(app, "run-1", 0.9);
        assertThat(jsonResult.accepted()).isEqualTo(2);
        assertThat(jsonResult.quarantinedByReason()).containsExactly(Map.entry(QuarantineReason.MALFORMED_ROW, 2L));
        assertThat(jsonResult.warnings()).containsExactly("unexpected column 'device' is ignored");
        List<Row> deleted = spark().read().format("delta").load(tables().bronze("app")).where(col("deleted")).collectAsList();
        assertThat(deleted).extracting(r -> r.getAs("source_id")).containsExactly("A2");

        StructType schema = new StructType().add("user_id", DataTypes.StringType).add("dob", DataTypes.StringType)
                .add("last_seen", DataTypes.TimestampType).add("birth", DataTypes.DateType);
        java.sql.Timestamp seen = java.sql.Timestamp.from(java.time.Instant.parse("2026-03-01T10:15:30Z"));
        java.sql.Date birth = java.sql.Date.valueOf("1990-05-06");
        spark().createDataFrame(List.of(RowFactory.create("M1", "1990-05-06", seen, birth), RowFactory.create("M2", "1990-13-06", seen, birth),
                RowFactory.create(null, "1990-01-01", seen, birth)), schema).coalesce(1).write().parquet(tempDir.resolve("mobile").toString());
        LoadedContract mobile = writeContract("mobile", """
                {"name": "mobile", "format": "parquet", "path": "mobile", "idColumn": "user_id",
                 "fields": [{"column": "dob", "target": "date_of_birth", "datePatterns": ["yyyy-MM-dd"]},
                            {"column": "last_seen", "target": "updated_at"},
                            {"column": "birth", "target": "consent_updated_at"}]}
                """);
        IngestResult parquetResult = ingest(mobile, "run-1", 0.9);
        assertThat(parquetResult.accepted()).isEqualTo(1);
        Row m1 = spark().read().format("delta").load(tables().bronze("mobile")).first();
        assertThat(m1.<String>getAs("updated_at")).isEqualTo("2026-03-01T10:15:30Z");
        assertThat(m1.<String>getAs("consent_updated_at")).isEqualTo("1990-05-06T00:00:00Z");
        assertThat(parquetResult.quarantinedByReason()).containsOnlyKeys(QuarantineReason.INVALID_DATE, QuarantineReason.EMPTY_SOURCE_ID);
    }

    @Test
    void rerunningTheSameRunReplacesItsRowsAndANewRunAddsItsOwn() throws IOException {
        LoadedContract crm = writeCrmSource(CRM_ROWS);

        ingest(crm, "run-1", 0.9);
        ingest(crm, "run-1", 0.9);
        writeCrmSource(CRM_ROWS.replace("12 rue de la Paix", "14 rue de la Paix"));
        ingest(crm, "run-2", 0.9);

        assertThat(spark().read().format("delta").load(tables().bronze("crm")).where(col("run_id").equalTo("run-1")).count()).isEqualTo(3);
        assertThat(spark().read().format("delta").load(tables().bronze("crm")).count()).isEqualTo(6);
        assertThat(spark().read().format("delta").load(tables().quarantine()).where(col("run_id").equalTo("run-1")).count()).isEqualTo(9);
        List<Row> runs = RunsTable.read(spark(), tables()).where(col("source").equalTo("crm")).collectAsList();
        assertThat(runs).hasSize(2);
        assertThat(runs).allSatisfy(r -> assertThat(r.<Long>getAs("rows_read"))
                .isEqualTo(r.<Long>getAs("rows_accepted") + r.<Long>getAs("rows_quarantined")));
    }

    @Test
    void anExtractAlreadyPublishedUnchangedIsNotReadAgainUnlessItsBytesOrContractChange() throws IOException {
        LoadedContract crm = writeCrmSource(CRM_ROWS);
        ingest(crm, "run-1", 0.9);

        IngestResult same = ingest(crm, "run-2", 0.9);

        assertThat(same.unchangedSinceRun()).isEqualTo("run-1");
        assertThat(List.of(same.read(), same.accepted(), same.quarantined())).containsOnly(0L);
        assertThat(bronzeRows("run-2")).isZero();
        Row run = RunsTable.read(spark(), tables()).where(col("run_id").equalTo("run-2")).first();
        assertThat(run.<String>getAs("status")).isEqualTo("SUCCEEDED");
        assertThat(run.<String>getAs("message")).contains("unchanged since run run-1");
        assertThat(run.<String, Long>getJavaMap(run.fieldIndex("counts"))).containsEntry(IngestAction.UNCHANGED_EXTRACT, 1L);
        assertThat(IngestJob.summary(List.of(same))).contains("unchanged since run run-1: not read");

        // A rerun of the run that published it reads it again (idempotent), and so does an explicit reread.
        assertThat(ingest(crm, "run-1", 0.9).read()).isEqualTo(12);
        IngestResult reread = new IngestAction(spark(), crm, new IngestOptions(tables(), "run-3", 0.9, true)).execute();
        assertThat(reread.skippedAsUnchanged()).isFalse();
        assertThat(bronzeRows("run-3")).isEqualTo(3);

        // One changed byte, then a changed contract (same bytes), each make the next run read it.
        writeCrmSource(CRM_ROWS.replace("Paul", "Paula"));
        assertThat(ingest(crm, "run-4", 0.9).read()).isEqualTo(12);
        assertThat(ingest(crm, "run-5", 0.9).unchangedSinceRun()).isEqualTo("run-4");
        LoadedContract stricter = writeContract("crm", CRM_CONTRACT.replace("{\"column\": \"prenom\", \"target\": \"given_name\"}",
                "{\"column\": \"prenom\", \"target\": \"given_name\", \"required\": true}"));
        IngestResult afterContractChange = ingest(stricter, "run-6", 0.9);
        assertThat(afterContractChange.skippedAsUnchanged()).isFalse();
        assertThat(bronzeRows("run-6")).isEqualTo(3);
    }

    private long bronzeRows(String runId) {
        return spark().read().format("delta").load(tables().bronze("crm")).where(col("run_id").equalTo(runId)).count();
    }

    @Test
    void aRejectRateAboveTheLimitFailsTheSourceAndPublishesNothing() throws IOException {
        LoadedContract crm = writeCrmSource(CRM_ROWS);
        ingest(crm, "run-1", 0.9);

        IngestResult result = ingest(crm, "run-1", 0.05);

        assertThat(result.rejectRateExceeded()).isTrue();
        assertThat(IngestAction.rejectMessage(result)).contains("9 of 12 rows", "above the limit of 5.00 %");
        assertThat(spark().read().format("delta").load(tables().bronze("crm")).count()).isZero();
        assertThat(spark().read().format("delta").load(tables().quarantine()).count()).isEqualTo(9);
        Row run = RunsTable.read(spark(), tables()).where(col("source").equalTo("crm")).first();
        assertThat(run.<String>getAs("status")).isEqualTo("FAILED");
        assertThat(run.<String>getAs("message")).contains("nothing was published");
    }

    @Test
    void severalSourcesIngestedSideBySideGiveWhatTheyGiveOneByOne() throws IOException {
        List<LoadedContract> sources = List.of(writeCrmSource("crm_a", CRM_ROWS), writeCrmSource("crm_b", CRM_ROWS.replace("Lefèvre", "Lefebvre")),
                writeCrmSource("crm_c", CRM_ROWS.replace("C10;", "C11;")));
        HubTables sideBySide = new HubTables(tempDir.resolve("side-by-side").toString());
        HubTables oneByOne = new HubTables(tempDir.resolve("one-by-one").toString());

        List<IngestResult> together = IngestJob.run(spark(), sources, new IngestOptions(sideBySide, "run-1", 0.9));
        IngestJob.run(spark(), sources, new IngestOptions(sideBySide, "run-1", 0.9));
        List<IngestResult> alone = sources.stream()
                .map(s -> new IngestAction(spark(), s, new IngestOptions(oneByOne, "run-1", 0.9)).execute()).toList();

        assertThat(together).isEqualTo(alone);
        assertThat(together).extracting(IngestResult::source).containsExactly("crm_a", "crm_b", "crm_c");
        for (LoadedContract source : sources) {
            String name = source.contract().name();
            assertThat(rowsOf(sideBySide.bronze(name), "ingested_at")).isEqualTo(rowsOf(oneByOne.bronze(name), "ingested_at")).hasSize(3);
        }
        assertThat(rowsOf(sideBySide.quarantine(), "quarantined_at")).isEqualTo(rowsOf(oneByOne.quarantine(), "quarantined_at")).hasSize(27);
        assertThat(rowsOf(sideBySide.runs(), "started_at", "finished_at")).isEqualTo(rowsOf(oneByOne.runs(), "started_at", "finished_at"))
                .hasSize(3);
    }

    private List<String> rowsOf(String path, String... timestamps) {
        return spark().read().format("delta").load(path).drop(timestamps).collectAsList().stream().map(Row::toString).sorted().toList();
    }

    private HubTables tables() {
        return new HubTables(tempDir.resolve("hub").toString());
    }

    private IngestResult ingest(LoadedContract contract, String runId, double maxRejectRate) {
        return new IngestAction(spark(), contract, new IngestOptions(tables(), runId, maxRejectRate)).execute();
    }

    private Map<Long, Row> quarantineOf(String source, String runId) {
        return spark().read().format("delta").load(tables().quarantine())
                .where(col("source_system").equalTo(source).and(col("run_id").equalTo(runId)))
                .collectAsList().stream().collect(Collectors.toMap(r -> r.<Long>getAs("source_line"), r -> r));
    }

    private LoadedContract writeCrmSource(String rows) throws IOException {
        return writeCrmSource("crm", rows);
    }

    private LoadedContract writeCrmSource(String name, String rows) throws IOException {
        Path dir = Files.createDirectories(tempDir.resolve(name));
        Files.writeString(dir.resolve("extract.csv"), rows, StandardCharsets.ISO_8859_1);
        return writeContract(name, CRM_CONTRACT.replace("\"crm", "\"" + name));
    }

    private LoadedContract writeContract(String name, String json) throws IOException {
        Path file = tempDir.resolve(name + ".json");
        Files.writeString(file, json);
        return ContractLoader.load(file.toString(), spark().sparkContext().hadoopConfiguration());
    }
}
