package io.customerhub.jobs.forget;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.first;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.to_json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.customerhub.jobs.HubException;
import io.customerhub.jobs.cluster.ClusterAction;
import io.customerhub.jobs.contract.ContractLoader;
import io.customerhub.jobs.ingest.IngestJob;
import io.customerhub.jobs.ingest.IngestOptions;
import io.customerhub.jobs.match.MatchAction;
import io.customerhub.jobs.spark.SparkTestBase;
import io.customerhub.jobs.standardize.StandardizeAction;
import io.customerhub.jobs.table.HubTables;
import io.customerhub.jobs.table.StewardDecisions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

/** Erasure on a real pipeline: nothing of the person is left in any table, others are untouched, the person stays out. */
class ForgetActionTest extends SparkTestBase {

    private static final String CRM_CONTRACT = """
            {"name": "crm", "format": "csv", "path": "../crm.csv", "csv": {"delimiter": ";"}, "idColumn": "id",
             "extract": {"mode": "full"},
             "fields": [{"column": "given", "target": "given_name"}, {"column": "family", "target": "family_name", "required": true},
                        {"column": "dob", "target": "date_of_birth", "datePatterns": ["dd/MM/yyyy"]},
                        {"column": "email", "target": "email"}, {"column": "address", "target": "address_line1"},
                        {"column": "postcode", "target": "postcode"}, {"column": "city", "target": "city"},
                        {"column": "id", "target": "customer_number"}]}
            """;
    private static final String WEB_CONTRACT = """
            {"name": "web", "format": "jsonl", "path": "../web.jsonl", "idColumn": "uid",
             "extract": {"mode": "delta", "deletedFlagColumn": "deleted"},
             "fields": [{"column": "first", "target": "given_name"}, {"column": "last", "target": "family_name", "required": true},
                        {"column": "birth", "target": "date_of_birth"}, {"column": "mail", "target": "email"},
                        {"column": "crm_no", "target": "customer_number", "refersTo": "crm"}]}
            """;
    private static final String CRM = String.join("\n",
            "id;given;family;dob;email;address;postcode;city",
            "C1;Marie;Dupont;13/02/1980;marie.dupont@example.fr;12 rue de la Paix;75002;Paris",
            "C2;Jean;Martin;01/05/1975;jean.martin@example.fr;3 avenue Foch;69006;Lyon",
            "C3;Paul;Durand;22/07/1990;paul.durand@example.fr;8 rue Victor Hugo;33000;Bordeaux",
            "C4;Paul;Durand;14/03/1962;durand.famille@example.fr;8 rue Victor Hugo;33000;Bordeaux",
            "C6;Camille;Petit;05/09/1985;camille.petit@example.fr;4 rue Nationale;59000;Lille", "");
    private static final String WEB = String.join("\n",
            "{\"uid\": \"W1\", \"first\": \"Marie\", \"last\": \"DUPONT\", \"birth\": \"1980-02-13\", \"mail\": \"Marie.Dupont@example.fr\", \"crm_no\": \"C1\"}",
            "{\"uid\": \"W2\", \"first\": \"Jean\", \"last\": \"Martin\", \"birth\": \"1975-05-01\", \"mail\": \"jean.martin@example.fr\"}",
            // Marie's second web account: an impossible date sends it to quarantine, found there by her e-mail.
            "{\"uid\": \"W9\", \"first\": \"Marie\", \"last\": \"Dupont\", \"birth\": \"1980-02-30\", \"mail\": \"marie.dupont@example.fr\"}",
            "{\"uid\": \"W6\", \"first\": \"Camile\", \"last\": \"Petit\", \"birth\": \"1985-09-05\", \"mail\": \"camille.petit@example.fr\"}",
            "{\"uid\": \"W7\", \"first\": \"Hugo\", \"last\": \"Lambert\", \"birth\": \"1979-04-18\", \"mail\": \"hugo.lambert@example.fr\"}", "");

    private static final StructType GOLDEN = new StructType()
            .add("golden_id", DataTypes.StringType, false).add("status", DataTypes.StringType, false)
            .add("successor_golden_id", DataTypes.StringType, true).add("given_name", DataTypes.StringType, true)
            .add("family_name", DataTypes.StringType, true).add("email", DataTypes.StringType, true);
    private static final StructType REVIEW = new StructType()
            .add("left_source_system", DataTypes.StringType, false).add("left_source_id", DataTypes.StringType, false)
            .add("right_source_system", DataTypes.StringType, false).add("right_source_id", DataTypes.StringType, false)
            .add("left_golden_id", DataTypes.StringType, false).add("right_golden_id", DataTypes.StringType, false)
            .add("record_keys", DataTypes.createArrayType(DataTypes.StringType), false);

    @Test
    void aForgottenPersonIsInNoTableAndStaysOutAndVacuumPurgesHistory() throws IOException {
        HubTables hub = hub("person");
        night(hub, "r1");
        Map<String, String> ids = xref(hub);
        String marie = ids.get("crm/C1");
        assertThat(ids.get("web/W1")).isEqualTo(marie);
        writeGoldenAndReviewQueue(hub, marie);
        StewardDecisions.record(spark(), hub, StewardDecisions.CANNOT_LINK, "crm/C1", "web/W6", "steward-1", "not the same");
        StewardDecisions.record(spark(), hub, StewardDecisions.CANNOT_LINK, "crm/C3", "crm/C4", "steward-1", "father and son");
        Map<String, Long> before = rowCounts(hub);
        long recordsVersionBefore = lastVersion(hub.records());
        long pairsOfMarie = spark().read().format("delta").load(hub.pairs())
                .where(col("left_key").isin("crm/C1", "web/W1").or(col("right_key").isin("crm/C1", "web/W1"))).count();
        assertThat(leftovers(hub, marie)).as("the scan finds her before").isNotEmpty();

        ForgetResult result = new ForgetAction(spark(), new ForgetAction.Options(hub, "e1", List.of(marie), List.of(), "ticket-4711", false)).execute();

        assertThat(result.recordsErased()).isEqualTo(2);
        assertThat(result.goldenIdsErased()).as("her id and the id merged into it").isEqualTo(2);
        assertThat(result.deletedRows()).containsEntry("bronze/crm", 1L).containsEntry("bronze/web", 1L).containsEntry("quarantine", 1L)
                .containsEntry("records", 2L).containsEntry("xref", 2L).containsEntry("pairs", pairsOfMarie).containsEntry("golden", 2L)
                .containsEntry("golden_id_history", 2L).containsEntry("steward_decisions", 1L).containsEntry("review_queue", 1L);
        assertThat(result.suppressionHashes()).hasSize(3); // C1, W1 and the quarantined W9
        assertThat(leftovers(hub, marie)).as("latest version of every table").isEmpty();
        Map<String, Long> after = rowCounts(hub);
        after.keySet().stream().filter(t -> !t.equals("runs") && !t.equals("erasures")).forEach(table -> assertThat(before.get(table) - after.get(table))
                .as("rows gone from " + table).isEqualTo(result.deletedRows().getOrDefault(table, 0L)));
        assertThat(after.get("erasures")).isEqualTo(1);
        Map<String, String> others = new HashMap<>(ids);
        others.keySet().removeAll(List.of("crm/C1", "web/W1"));
        assertThat(xref(hub)).as("other people keep their ids").isEqualTo(others);
        assertThat(spark().read().format("delta").option("versionAsOf", recordsVersionBefore).load(hub.records())
                .where(col("record_key").equalTo("crm/C1")).count()).as("history holds her until vacuumed").isEqualTo(1);
        assertThat(result.toVacuum()).contains("records", "bronze/crm", "golden", "quarantine");

        ingestAndStandardize(hub, "r2");

        assertThat(leftovers(hub, marie)).as("after the same extracts are ingested again").isEmpty();
        Map<String, Map<String, Long>> ingestCounts = new TreeMap<>();
        for (Row run : spark().read().format("delta").load(hub.runs()).where(col("run_id").equalTo("r2").and(col("step").equalTo("ingest")))
                .collectAsList()) {
            ingestCounts.put(run.getAs("source"), run.getJavaMap(run.fieldIndex("counts")));
            assertThat(run.<Long>getAs("rows_read")).isEqualTo(run.<Long>getAs("rows_accepted") + run.<Long>getAs("rows_quarantined"));
        }
        assertThat(ingestCounts.get("crm")).containsEntry("suppressed_erased", 1L);
        assertThat(ingestCounts.get("web")).containsEntry("suppressed_erased", 2L).doesNotContainKey("quarantined.INVALID_DATE");
        assertThat(spark().read().format("delta").load(hub.records()).where(col("last_changed_run").equalTo("r2")).count())
                .as("nothing new: the others were unchanged").isZero();

        // One record of a cluster that keeps another (Jean: crm/C2 and web/W2), then VACUUM.
        String jean = ids.get("crm/C2");
        assertThat(ids.get("web/W2")).isEqualTo(jean);
        ForgetResult one = new ForgetAction(spark(), new ForgetAction.Options(hub, "e2", List.of(), List.of(new SourceKey("crm", "C2")),
                "ticket-4712", true)).execute();

        assertThat(one.recordsErased()).isEqualTo(1);
        assertThat(one.goldenIdsErased()).isZero();
        assertThat(one.goldenRowsToRebuild()).as("Jean's golden row may hold C2's values").isEqualTo(1);
        assertThat(one.vacuumed()).isTrue();
        assertThat(xref(hub)).containsEntry("web/W2", jean).doesNotContainKey("crm/C2");
        assertThat(text(hub.records())).doesNotContain("crm/C2", "Foch").contains("web/W2");
        assertThat(text(hub.bronze("crm"))).doesNotContain("\"C2\"", "Foch");
        assertThat(spark().read().format("delta").load(hub.goldenIdHistory()).where(col("golden_id").equalTo(jean)).count())
                .as("the id lives on with W2").isPositive();
        assertThat(spark().read().format("delta").load(hub.erasures()).where(col("vacuumed_at").isNotNull()).count()).isEqualTo(1);
        assertThat(readOrFail(() -> text(spark().read().format("delta").option("versionAsOf", 0).load(hub.bronze("crm")))))
                .as("time travel to the first version").doesNotContain("Foch", "Dupont");
        assertThat(readOrFail(() -> text(spark().read().format("delta").option("readChangeFeed", "true")
                .option("startingVersion", 0).load(hub.table("golden"))))).as("change data feed").doesNotContain("Martin");
    }

    /** Thrown by the test hook where a kill -9 would stop the erasure. */
    private static final class Killed extends RuntimeException {
        Killed(String step) {
            super("killed after " + step);
        }
    }

    @Test
    void anErasureKilledAtAnyStepIsFinishedByARerunOrTheNextNightAndLeavesNothingInAnyFileOrLog() throws IOException {
        HubTables base = hub("killed");
        night(base, "r1");
        String marie = xref(base).get("crm/C1");
        writeGoldenAndReviewQueue(base, marie);
        StewardDecisions.record(spark(), base, StewardDecisions.CANNOT_LINK, "crm/C1", "web/W6", "steward-1", "not the same");
        assertThat(filesMentioningMarie(base, marie)).as("the file scan finds her before").isNotEmpty();

        // Each kill point on a copy of the same hub; resumed by the same command, by the next night's first step, or by records.
        Map<String, String> resumeBy = new java.util.LinkedHashMap<>();
        resumeBy.put("request", "night");
        resumeBy.put("xref", "same command");
        resumeBy.put("golden_id_history.related_id", "same command");
        resumeBy.put("deleted", "same command");
        for (Map.Entry<String, String> kill : resumeBy.entrySet()) {
            HubTables hub = copyOf(base, "killed-at-" + kill.getKey().replace('.', '-'));
            ForgetAction.Options options = new ForgetAction.Options(hub, "e1", List.of(marie), List.of(), "ticket-4711", true);
            assertThatThrownBy(() -> new ForgetAction(spark(), options).afterEachStep(step -> {
                if (step.equals(kill.getKey())) {
                    throw new Killed(step);
                }
            }).execute()).isInstanceOf(Killed.class);
            assertThat(ErasuresTable.unfinished(spark(), hub)).as("pending after a kill at " + kill.getKey()).hasSize(1);

            if (kill.getValue().equals("night")) {
                ingestAndStandardize(hub, "r2");
                assertThat(text(spark().read().format("delta").load(hub.bronze("crm")).where(col("run_id").equalTo("r2"))))
                        .as("suppressed as soon as the request is recorded").doesNotContainIgnoringCase("dupont").contains("Martin");
                assertThat(text(spark().read().format("delta").load(hub.quarantine()).where(col("run_id").equalTo("r2"))))
                        .doesNotContainIgnoringCase("marie");
                assertThat(ForgetAction.finishPending(spark(), hub, "r2")).hasSize(1);
            } else {
                ForgetResult rerun = new ForgetAction(spark(), options).execute();
                assertThat(rerun.vacuumed()).isTrue();
            }

            assertThat(ErasuresTable.unfinished(spark(), hub)).as("finished after a kill at " + kill.getKey()).isEmpty();
            assertThat(leftovers(hub, marie)).as("tables after a kill at " + kill.getKey()).isEmpty();
            assertThat(filesMentioningMarie(hub, marie)).as("files and logs after a kill at " + kill.getKey()).isEmpty();
            io.customerhub.reader.GoldenReader reader = io.customerhub.reader.GoldenReader.open(hub.root());
            assertThat(reader.byGoldenId(marie)).isEmpty();
            assertThat(reader.bySourceRecord("crm", "C1")).isEmpty();
            assertThat(reader.bySourceRecord("crm", "C2")).as("others are still found").isPresent();
            assertThat(text(hub.erasures())).as("the sealed targets are dropped").doesNotContain("sealed_targets\":\"");
        }
    }

    @Test
    void theDeltaLogNamesNoValueOfTheErasure() throws IOException {
        HubTables hub = hub("log");
        night(hub, "r1");
        String marie = xref(hub).get("crm/C1");
        writeGoldenAndReviewQueue(hub, marie);

        new ForgetAction(spark(), new ForgetAction.Options(hub, "e1", List.of(marie), List.of(), "ticket-4711", false)).execute();

        // Without --vacuum older commits keep their file statistics; the erasure's own commits must name nothing.
        List<String> erasureCommits = new ArrayList<>();
        for (String table : tablePaths(hub)) {
            for (Row commit : spark().sql("DESCRIBE HISTORY delta.`" + table + "`")
                    .where(col("operation").isin("MERGE", "DELETE", "UPDATE")).collectAsList()) {
                erasureCommits.add(Path.of(table).getFileName() + " " + commit.getAs("operationParameters"));
            }
        }
        assertThat(erasureCommits).as("commits written by the erasure").hasSizeGreaterThan(8);
        assertThat(String.join("\n", erasureCommits)).doesNotContainIgnoringCase("marie").doesNotContainIgnoringCase("dupont")
                .doesNotContain("C1", "W1", "W9", marie, "G-old-marie");
    }

    @Test
    void anUnknownGoldenIdAndAFreeTextReasonAreRefused() throws IOException {
        HubTables hub = hub("refuse");
        spark().createDataFrame(List.of(RowFactory.create("crm/C1", "crm", "C1", "G1", 1, "r1", Timestamp.from(Instant.now()))),
                ClusterAction.XREF_SCHEMA).write().format("delta").save(hub.xref());
        assertThatThrownBy(() -> new ForgetAction(spark(), new ForgetAction.Options(hub, "e1", List.of("G-nobody"), List.of(), "t-1", false)).execute())
                .isInstanceOf(HubException.class).hasMessageContaining("no current records");
        assertThatThrownBy(() -> new ForgetAction.Options(hub, "e1", List.of("x"), List.of(), "asked by marie.dupont@example.fr", false))
                .isInstanceOf(HubException.class).hasMessageContaining("short code");
    }

    /** Strings that still name Marie anywhere in the latest version of any table under the hub root. */
    private List<String> leftovers(HubTables hub, String goldenId) {
        List<Pattern> needles = List.of(Pattern.compile("(?i)marie"), Pattern.compile("(?i)dupont"), Pattern.compile("12 rue de la Paix"),
                Pattern.compile("\\bC1\\b"), Pattern.compile("\\bW1\\b"), Pattern.compile("\\bW9\\b"),
                Pattern.compile(Pattern.quote(goldenId)), Pattern.compile("G-old-marie"));
        List<String> found = new ArrayList<>();
        for (String table : tablePaths(hub)) {
            for (String row : text(table).split("\n")) {
                needles.stream().filter(n -> n.matcher(row).find()).forEach(n -> found.add(Path.of(table).getFileName() + ": " + n));
            }
        }
        return found;
    }

    /** Every file under the hub root (data, change feed, transaction log, checkpoints) that still names Marie. */
    private List<String> filesMentioningMarie(HubTables hub, String goldenId) throws IOException {
        Pattern needle = Pattern.compile("(?i)marie|dupont|rue de la paix|\\b(C1|W1|W9)\\b|" + Pattern.quote(goldenId) + "|G-old-marie");
        List<String> found = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(Path.of(hub.root()))) {
            for (Path file : walk.filter(Files::isRegularFile).toList()) {
                String name = file.getFileName().toString();
                if (name.startsWith(".") || name.equals("_erasure_key")) {
                    continue; // Hadoop's checksum files; the key
                }
                String content = name.endsWith(".parquet") ? parquetText(file)
                        : new String(Files.readAllBytes(file), java.nio.charset.StandardCharsets.UTF_8);
                if (needle.matcher(content).find()) {
                    found.add(Path.of(hub.root()).relativize(file).toString());
                }
            }
        }
        return found;
    }

    /** A copy of a hub (and the contracts and extracts beside it), to try one kill point on each. */
    private HubTables copyOf(HubTables original, String name) throws IOException {
        Path from = Path.of(original.root()).getParent();
        Path to = Files.createDirectories(tempDir.resolve(name));
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path source : walk.toList()) {
                Path target = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target);
                }
            }
        }
        return new HubTables(to.resolve("hub").toString());
    }

    /** Every value of a Parquet file as text, read without a Spark job (a scan reads hundreds of files). */
    private static String parquetText(Path file) throws IOException {
        StringBuilder text = new StringBuilder();
        try (org.apache.parquet.hadoop.ParquetReader<org.apache.parquet.example.data.Group> reader = org.apache.parquet.hadoop.ParquetReader
                .builder(new org.apache.parquet.hadoop.example.GroupReadSupport(), new org.apache.hadoop.fs.Path(file.toString())).build()) {
            for (org.apache.parquet.example.data.Group row = reader.read(); row != null; row = reader.read()) {
                text.append(row).append('\n');
            }
        }
        return text.toString();
    }

    private static String text(String path) {
        return text(spark().read().format("delta").load(path));
    }

    /** Every column of every row as JSON text: nested arrays, maps and raw text included. */
    private static String text(Dataset<Row> rows) {
        Column[] all = java.util.Arrays.stream(rows.columns()).map(c -> col("`" + c + "`")).toArray(Column[]::new);
        return String.join("\n", rows.select(to_json(struct(all))).as(org.apache.spark.sql.Encoders.STRING()).collectAsList());
    }

    private static String readOrFail(java.util.concurrent.Callable<String> read) {
        try {
            return read.call();
        } catch (Exception e) {
            return ""; // the files of the old version are gone: nothing can be read
        }
    }

    private List<String> tablePaths(HubTables hub) {
        try (Stream<Path> walk = Files.walk(Path.of(hub.root()))) {
            return walk.filter(p -> Files.isDirectory(p.resolve("_delta_log"))).map(Path::toString).sorted().toList();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private Map<String, Long> rowCounts(HubTables hub) {
        Map<String, Long> counts = new TreeMap<>();
        for (String table : tablePaths(hub)) {
            String name = Path.of(hub.root()).relativize(Path.of(table)).toString();
            counts.put(name, spark().read().format("delta").load(table).count());
        }
        return counts;
    }

    /** Stand-ins for the golden and review_queue tables (key columns as specified, attributes with personal values). */
    private void writeGoldenAndReviewQueue(HubTables hub, String marie) {
        Dataset<Row> golden = spark().read().format("delta").load(hub.xref()).join(spark().read().format("delta").load(hub.records()), "record_key")
                .groupBy("golden_id").agg(first("given_name").as("given_name"), first("family_name").as("family_name"), first("email").as("email"))
                .select(col("golden_id"), lit("active").as("status"), lit(null).cast("string").as("successor_golden_id"),
                        col("given_name"), col("family_name"), col("email"));
        Dataset<Row> retired = spark().createDataFrame(List.of(RowFactory.create("G-old-marie", "retired", marie, null, null, null)), GOLDEN);
        golden.unionByName(retired).write().format("delta").option("delta.enableChangeDataFeed", "true").save(hub.table("golden"));
        spark().createDataFrame(List.of(RowFactory.create("G-old-marie", "MERGED_INTO", marie, "r0", Timestamp.from(Instant.now()))),
                ClusterAction.HISTORY_SCHEMA).write().format("delta").mode("append").save(hub.goldenIdHistory());
        Map<String, String> ids = xref(hub);
        spark().createDataFrame(List.of(
                RowFactory.create("crm", "C1", "web", "W7", marie, ids.get("web/W7"), scala.jdk.javaapi.CollectionConverters.asScala(List.of("crm/C1", "web/W7")).toSeq()),
                RowFactory.create("crm", "C3", "crm", "C4", ids.get("crm/C3"), ids.get("crm/C4"),
                        scala.jdk.javaapi.CollectionConverters.asScala(List.of("crm/C3", "crm/C4")).toSeq())), REVIEW)
                .write().format("delta").save(hub.table("review_queue"));
    }

    private void night(HubTables hub, String runId) throws IOException {
        ingestAndStandardize(hub, runId);
        new MatchAction(spark(), new MatchAction.Options(hub, runId, false, MatchAction.Options.DEFAULT_MAX_BLOCK_SIZE, null)).execute();
        new ClusterAction(spark(), new ClusterAction.Options(hub, runId, ClusterAction.Options.DEFAULT_MAX_CLUSTER_SIZE,
                ClusterAction.Options.DEFAULT_MAX_DRIVER_RECORDS)).execute();
    }

    private void ingestAndStandardize(HubTables hub, String runId) throws IOException {
        Path base = Path.of(hub.root()).getParent();
        Path contracts = Files.createDirectories(base.resolve("contracts"));
        Files.writeString(contracts.resolve("crm.json"), CRM_CONTRACT);
        Files.writeString(contracts.resolve("web.json"), WEB_CONTRACT);
        Files.writeString(base.resolve("crm.csv"), CRM);
        Files.writeString(base.resolve("web.jsonl"), WEB);
        IngestJob.run(spark(), ContractLoader.loadAll(contracts.toString(), spark().sparkContext().hadoopConfiguration()),
                new IngestOptions(hub, runId, 0.5));
        new StandardizeAction(spark(), hub, runId).execute();
    }

    private HubTables hub(String name) throws IOException {
        return new HubTables(Files.createDirectories(tempDir.resolve(name)).resolve("hub").toString());
    }

    private static long lastVersion(String path) {
        return io.delta.tables.DeltaTable.forPath(spark(), path).history(1).select("version").first().getLong(0);
    }

    private Map<String, String> xref(HubTables hub) {
        Map<String, String> ids = new HashMap<>();
        for (Row row : spark().read().format("delta").load(hub.xref()).collectAsList()) {
            ids.put(row.getAs("record_key"), row.getAs("golden_id"));
        }
        return ids;
    }
}
