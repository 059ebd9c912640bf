package io.customerhub.jobs.cli;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;

import io.customerhub.jobs.spark.SparkTestBase;
import io.customerhub.jobs.table.HubLock;
import io.customerhub.jobs.table.HubTables;
import io.customerhub.jobs.table.RunsTable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

class HubCliTest extends SparkTestBase {

    private static CliRun hub(String... args) {
        return CliRun.hub(args);
    }

    /** The README's first command, with relative paths as a user in a fresh checkout has them. */
    @Test
    void theDemoRunsEndToEndOnRelativePaths() throws IOException {
        Path base = Path.of("target", "demo-cli-test");
        org.apache.commons.io.FileUtils.deleteDirectory(base.toFile());

        CliRun demo = hub("demo", "--people", "150", "--data", base.resolve("data").toString(),
                "--hub-root", base.resolve("hub").toString(), "--run-id", "demo-1");

        assertThat(demo.exitCode()).as(demo.err()).isZero();
        assertThat(demo.out()).contains("golden", "report", "lookup (Spark-free reader): a ");
        long goldenIds = spark().read().format("delta").load(base.resolve("hub/xref").toString())
                .select("golden_id").distinct().count();
        long activeGolden = spark().read().format("delta").load(base.resolve("hub/golden").toString())
                .where("status = 'active'").count();
        assertThat(activeGolden).isPositive().isEqualTo(goldenIds);
        assertThat(base.resolve("hub/reports/demo-1/report.html")).isRegularFile();

        // A channel reading the same golden row without Spark sees the same nested values.
        org.apache.spark.sql.Row withEmails = spark().read().format("delta").load(base.resolve("hub/golden").toString())
                .where("status = 'active' AND size(emails) > 0").orderBy("golden_id")
                .selectExpr("golden_id", "transform(emails, e -> e.value) AS email_values", "emails[0].sources AS first_sources").first();
        io.customerhub.reader.GoldenRow read = io.customerhub.reader.GoldenReader.open(base.resolve("hub").toString())
                .byGoldenId(withEmails.getString(0)).orElseThrow().row();
        List<?> emails = (List<?>) read.get("emails");
        assertThat(emails.stream().map(e -> ((java.util.Map<?, ?>) e).get("value")).toList())
                .isEqualTo(withEmails.getList(1));
        assertThat(((java.util.Map<?, ?>) emails.get(0)).get("sources")).isEqualTo(withEmails.getList(2));
    }

    @Test
    void everySubcommandHasHelp() {
        for (String sub : List.of("demo", "generate", "ingest", "standardize", "match", "cluster", "golden", "nightly", "train", "blocking-report",
                "evaluate", "check-contract", "export", "runs", "report", "review", "forget", "lookup", "promote-model", "unlock")) {
            CliRun outcome = hub(sub, "--help");
            assertThat(outcome.exitCode()).as(sub).isZero();
            assertThat(outcome.out()).as(sub).contains("Usage: hub " + sub);
        }
    }

    @Test
    void checkContractCountsWhatASampleWouldQuarantineWithoutPrintingValues() throws IOException {
        Files.writeString(tempDir.resolve("crm.csv"), "id;nom;naissance\nC1;Secretname;13/02/1980\nC2;Othername;31/02/1980\n");
        Path contract = tempDir.resolve("crm.json");
        Files.writeString(contract, """
                {"name": "crm", "format": "csv", "path": "crm.csv", "csv": {"delimiter": ";"}, "idColumn": "id",
                 "fields": [{"column": "nom", "target": "family_name"},
                            {"column": "naissance", "target": "date_of_birth", "datePatterns": ["dd/MM/yyyy"]}]}
                """);

        CliRun outcome = hub("check-contract", contract.toString());

        assertThat(outcome.exitCode()).isEqualTo(HubCommand.EXIT_FAILED);
        assertThat(outcome.out()).contains("valid (source 'crm'", "2 rows read, 1 accepted, 1 quarantined", "INVALID_DATE");
        assertThat(outcome.out() + outcome.err()).doesNotContain("Othername", "31/02");
    }

    @Test
    void invalidSurvivorshipSettingsFailTheGoldenStepWithEveryProblemAndAFix() throws IOException {
        Path settings = tempDir.resolve("survivorship.json");
        Files.writeString(settings, "{\"attributes\": {\"nickname\": [\"most_recent\"], \"gender\": [\"newest\"]}}");

        CliRun outcome = hub("golden", "--contracts", "no-such-dir", "--survivorship", settings.toString(),
                "--hub-root", tempDir.resolve("hub").toString());

        assertThat(outcome.exitCode()).isEqualTo(HubCommand.EXIT_FAILED);
        assertThat(outcome.err()).contains("survivorship settings", "nickname is not an attribute", "'newest' is not a rule", "fix:");
    }

    @Test
    void anInvalidContractFailsWithProblemCauseAndFix() throws IOException {
        Path contract = tempDir.resolve("bad.json");
        Files.writeString(contract, """
                {"name": "crm", "format": "csv", "path": "crm.csv", "idColumn": "id",
                 "fields": [{"column": "religion", "target": "title"}]}
                """);

        CliRun outcome = hub("check-contract", contract.toString());

        assertThat(outcome.exitCode()).isEqualTo(HubCommand.EXIT_FAILED);
        assertThat(outcome.err()).contains("is invalid", "special-category data (religion)", "fix:");
    }

    @Test
    void ingestThenExportWritesTheQuarantineAsCsv() throws IOException {
        Files.writeString(tempDir.resolve("crm.csv"), "id;nom\nC1;Martin\n;Durand\n");
        Path contracts = Files.createDirectories(tempDir.resolve("contracts"));
        Files.writeString(contracts.resolve("crm.json"), """
                {"name": "crm", "format": "csv", "path": "../crm.csv", "csv": {"delimiter": ";"}, "idColumn": "id",
                 "fields": [{"column": "nom", "target": "family_name"}]}
                """);
        String root = tempDir.resolve("hub").toString();

        CliRun ingest = hub("ingest", "--contracts", contracts.toString(), "--hub-root", root, "--run-id", "r1", "--max-reject-rate", "0.6");
        CliRun export = hub("export", "quarantine", "--hub-root", root, "--out", tempDir.resolve("out").toString());
        CliRun again = hub("export", "quarantine", "--hub-root", root, "--out", tempDir.resolve("out").toString());

        assertThat(ingest.exitCode()).isZero();
        assertThat(ingest.out()).contains("crm", "read = accepted + quarantined: yes");
        assertThat(export.exitCode()).isZero();
        assertThat(export.out()).contains("exported 1 rows of quarantine");
        try (Stream<Path> parts = Files.list(tempDir.resolve("out"))) {
            Path csv = parts.filter(p -> p.getFileName().toString().endsWith(".csv")).findFirst().orElseThrow();
            List<String> lines = Files.readAllLines(csv);
            assertThat(lines.get(0)).startsWith("\"run_id\",\"source_system\",\"source_file\",\"source_line\",\"source_id\",\"reason_code\"");
            assertThat(lines).hasSize(2);
            assertThat(lines.get(1)).contains("EMPTY_SOURCE_ID");
        }
        assertThat(again.exitCode()).isEqualTo(HubCommand.EXIT_FAILED);
        assertThat(again.err()).contains("already exists", "--overwrite");
        assertThat(tempDir.resolve("hub/_lock/hub.lock")).as("lock released after the ingest").doesNotExist();
    }

    @Test
    void aSecondWriterIsRefusedWithoutTouchingTablesAndTheLockIsReleasedAfterAFailure() throws Exception {
        Path contracts = Files.createDirectories(tempDir.resolve("contracts"));
        Files.writeString(contracts.resolve("crm.json"), """
                {"name": "crm", "format": "csv", "path": "../crm.csv", "csv": {"delimiter": ";"}, "idColumn": "id",
                 "fields": [{"column": "nom", "target": "family_name"}]}
                """);
        Path root = tempDir.resolve("hub");

        try (HubLock nightly = HubLock.acquire(new HubTables(root.toString()), "night-a", "nightly", HubLock.DEFAULT_LEASE,
                new Configuration(), System.out)) {
            CliRun refused = hub("golden", "--contracts", contracts.toString(), "--hub-root", root.toString(), "--run-id", "night-b");
            // The same refusal in a second JVM, as two scheduled nightlies meet.
            Process other = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), HubCli.class.getName(),
                    "standardize", "--hub-root", root.toString(), "--run-id", "night-b").redirectErrorStream(true).start();
            String otherOutput = new String(other.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);

            assertThat(refused.exitCode()).isEqualTo(HubCommand.EXIT_FAILED);
            assertThat(refused.err()).contains("error: the hub is being written by run night-a (hub nightly, pid ", "its lease ends at ",
                    "fix:   wait until that run finishes").doesNotContain("Exception", "\tat ");
            assertThat(other.waitFor()).as(otherOutput).isEqualTo(HubCommand.EXIT_FAILED);
            assertThat(otherOutput).contains("error: the hub is being written by run night-a");
        }
        try (Stream<Path> written = Files.list(root)) {
            assertThat(written.map(p -> p.getFileName().toString())).as("no table touched").containsExactly("_lock");
        }

        CliRun failed = hub("golden", "--contracts", contracts.toString(), "--hub-root", root.toString(), "--run-id", "night-b");

        assertThat(failed.exitCode()).isEqualTo(HubCommand.EXIT_FAILED);
        assertThat(failed.err()).contains("no xref or records table");
        assertThat(root.resolve("_lock/hub.lock")).as("lock released after a failure").doesNotExist();
    }

    @Test
    void unlockShowsTheHolderAndForceBreaksTheLock() {
        Path root = tempDir.resolve("hub");
        try (HubLock nightly = HubLock.acquire(new HubTables(root.toString()), "night-a", "nightly", HubLock.DEFAULT_LEASE,
                new Configuration(), System.out)) {
            CliRun shown = hub("unlock", "--hub-root", root.toString());
            CliRun broken = hub("unlock", "--force", "--hub-root", root.toString());

            assertThat(shown.out()).contains("hub lock: held by run night-a (hub nightly", "hub unlock --force");
            assertThat(root.resolve("_lock")).doesNotExist();
            assertThat(broken.exitCode()).isZero();
            assertThat(hub("unlock", "--hub-root", root.toString()).out()).contains("hub lock: not held");
        }
    }

    @Test
    void aDeltaWriteConflictEndsInAClearErrorWithoutTheConflictingValues() {
        CliRun conflict = CliRun.of(new ConflictingWrite());

        assertThat(conflict.exitCode()).isEqualTo(HubCommand.EXIT_FAILED);
        assertThat(conflict.err()).contains("error: another process changed a hub table while this command wrote it",
                "(ConcurrentAppendException)", "fix:   make sure one job writes the hub at a time").doesNotContain("someone@example.org", "\tat ");
    }

    /** A command whose write lost to another writer: the Delta conflict wrapped in the failure of the write. */
    @picocli.CommandLine.Command(name = "conflicting-write")
    static final class ConflictingWrite extends HubCommand {
        @Override
        protected int run() {
            throw new IllegalStateException("write failed",
                    new io.delta.exceptions.ConcurrentAppendException("Files were added matching 'email = someone@example.org'"));
        }
    }

    @Test
    void aStrictRejectLimitFailsTheIngestWithExitCodeOne() throws IOException {
        Files.writeString(tempDir.resolve("crm.csv"), "id;nom\nC1;Martin\n;Durand\n");
        Path contract = tempDir.resolve("crm.json");
        Files.writeString(contract, """
                {"name": "crm", "format": "csv", "path": "crm.csv", "csv": {"delimiter": ";"}, "idColumn": "id",
                 "fields": [{"column": "nom", "target": "family_name"}]}
                """);

        CliRun ingest = hub("ingest", "--contracts", contract.toString(), "--hub-root", tempDir.resolve("hub").toString(), "--run-id", "r1");

        assertThat(ingest.exitCode()).isEqualTo(HubCommand.EXIT_FAILED);
        assertThat(ingest.err()).contains("1 of 2 rows (50.00 %) were quarantined", "nothing was published");
    }

    @Test
    void aCutShortSnapshotStopsTheNightlyAndLosesNothingUntilItsRerunWithAnOverride() throws IOException {
        Path contracts = Files.createDirectories(tempDir.resolve("contracts"));
        Files.writeString(contracts.resolve("crm.json"), """
                {"name": "crm", "format": "csv", "path": "../crm.csv", "csv": {"delimiter": ";"}, "idColumn": "id",
                 "fields": [{"column": "nom", "target": "family_name", "required": true}, {"column": "prenom", "target": "given_name"},
                            {"column": "naissance", "target": "date_of_birth", "datePatterns": ["dd/MM/yyyy"]}]}
                """);
        String root = tempDir.resolve("hub").toString();
        HubTables tables = new HubTables(root);
        writeCrm(40);
        assertThat(nightly(contracts, root, "r1").exitCode()).isZero();
        Map<String, List<String>> before = hubState(tables);

        writeCrm(4);
        CliRun cutShort = nightly(contracts, root, "r2");

        assertThat(cutShort.exitCode()).isEqualTo(HubCommand.EXIT_FAILED);
        assertThat(cutShort.err()).contains("source 'crm': the full snapshot would retire 36 of its 40 current records (90.00 %)",
                "above the limit of 10.00 %", "nothing was published", "--max-retired-share 0.90");
        assertThat(hubState(tables)).as("bronze, records, xref and golden as the night before").isEqualTo(before);
        Row run = RunsTable.read(spark(), tables).where(col("run_id").equalTo("r2").and(col("step").equalTo("ingest"))).first();
        assertThat(run.<String>getAs("status")).isEqualTo("FAILED");
        assertThat(run.<String, Long>getJavaMap(run.fieldIndex("counts")))
                .containsEntry("snapshot.current_records", 40L).containsEntry("snapshot.retiring", 36L);

        CliRun overridden = nightly(contracts, root, "r2", "--max-retired-share", "0.9");

        assertThat(overridden.exitCode()).as(overridden.err()).isZero();
        assertThat(spark().read().format("delta").load(tables.records()).where(col("retired")).count()).isEqualTo(36);
    }

    private void writeCrm(int people) throws IOException {
        StringBuilder csv = new StringBuilder("id;nom;prenom;naissance\n");
        String[] given = {"Marie", "Jean", "Paul", "Camille", "Hugo", "Lucie", "Louis", "Emma"};
        String[] family = {"Dupont", "Martin", "Durand", "Petit", "Lambert"};
        for (int i = 0; i < people; i++) {
            csv.append(String.format(java.util.Locale.ROOT, "C%d;%s;%s;%02d/%02d/19%d%n",
                    i, family[i % family.length], given[i % given.length], 1 + i % 28, 1 + i % 12, 50 + i));
        }
        Files.writeString(tempDir.resolve("crm.csv"), csv);
    }

    private static CliRun nightly(Path contracts, String root, String runId, String... more) {
        List<String> args = new java.util.ArrayList<>(List.of("nightly", "--contracts", contracts.toString(), "--hub-root", root,
                "--run-id", runId));
        args.addAll(List.of(more));
        return hub(args.toArray(String[]::new));
    }

    /** Each table's rows as text, sorted, without the columns that say when a row was written. */
    private static Map<String, List<String>> hubState(HubTables tables) {
        Map<String, List<String>> state = new java.util.TreeMap<>();
        for (String table : List.of(tables.bronze("crm"), tables.records(), tables.xref(), tables.golden())) {
            Dataset<Row> rows = spark().read().format("delta").load(table);
            state.put(table, rows.collectAsList().stream().map(Row::toString).sorted().toList());
        }
        return state;
    }
}
