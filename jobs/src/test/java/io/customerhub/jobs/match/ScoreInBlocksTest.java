package io.customerhub.jobs.match;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.assertj.core.api.Assertions.assertThat;

import io.customerhub.jobs.spark.SparkTestBase;
import io.customerhub.jobs.table.HubTables;
import io.customerhub.jobs.table.RecordsTable;
import io.customerhub.matching.record.StandardizedRecord;
import io.customerhub.matching.settings.DefaultSettings;
import io.customerhub.matching.settings.Settings;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

/**
 * The match step scores pairs inside the blocks; the pairs it stores are exactly the candidate
 * pairs of the blocking rules (each once, for its first rule, oversized blocks skipped), on a full
 * and on an incremental run, with crowded blocks so that several rules and the cap are in play.
 */
class ScoreInBlocksTest extends SparkTestBase {

    private static final int RECORDS = 600;
    private static final int MAX_BLOCK_SIZE = 25;

    @Test
    void theStoredPairsAreTheBlockingRulesCandidatePairsOnAFullAndAnIncrementalRun() {
        HubTables hub = new HubTables(tempDir.resolve("hub").toString());
        writeRecords(hub, "r1", Set.of());
        MatchResult full = new MatchAction(spark(), new MatchAction.Options(hub, "r1", true, MAX_BLOCK_SIZE, null)).execute();
        Map<String, Long> cappedBlocks = new TreeMap<>();
        Set<String> expected = candidatePairs(hub, true, cappedBlocks);
        assertThat(expected).as("a crowded hub: pairs under several rules").hasSizeGreaterThan(1000);
        assertThat(expected.stream().map(p -> p.substring(p.lastIndexOf('|'))).distinct().count()).isGreaterThan(3);
        assertThat(cappedBlocks).as("some blocks over the cap").isNotEmpty();
        assertThat(full.cappedBlocks()).isEqualTo(cappedBlocks);
        assertThat(storedPairs(hub, "r1")).isEqualTo(expected);
        assertThat(full.pairs()).isEqualTo(expected.size());
        assertThat(statisticsColumnsOfPairFiles(hub)).as("file statistics only on the columns readers filter by")
                .containsExactlyInAnyOrder("left_key", "right_key", "run_id");

        Set<String> changed = Set.of("s/3", "s/10", "s/11", "s/250", "s/599");
        writeRecords(hub, "r2", changed);
        MatchResult incremental = new MatchAction(spark(), new MatchAction.Options(hub, "r2", false, MAX_BLOCK_SIZE, null)).execute();
        Set<String> expectedIncremental = candidatePairs(hub, false, new TreeMap<>());
        assertThat(expectedIncremental).isNotEmpty().allSatisfy(p -> assertThat(changed).containsAnyOf(p.split("\\|")[0], p.split("\\|")[1]));
        assertThat(storedPairs(hub, "r2")).isEqualTo(expectedIncremental);
        assertThat(incremental.pairs()).isEqualTo(expectedIncremental.size());
    }

    /** Records from small pools of values (crowded blocks); those named changed are marked changed in this run. */
    private void writeRecords(HubTables hub, String run, Set<String> changed) {
        Random random = new Random(7);
        String[] given = {"marie", "jean", "paul", "lucie", "camille", "hugo"};
        String[] family = {"dupont", "martin", "durand", "petit", "bernard"};
        String[] postcodes = {"75002", "69006", "33000", "59000"};
        String[] cities = {"paris", "lyon", "bordeaux", "lille"};
        StructType schema = new StructType().add("record_key", DataTypes.StringType, false)
                .add("source_system", DataTypes.StringType, false).add("source_id", DataTypes.StringType, false);
        for (var field : RecordsTable.STD_SCHEMA.fields()) {
            schema = schema.add(field);
        }
        schema = schema.add("retired", DataTypes.BooleanType, false).add("last_changed_run", DataTypes.StringType, false);
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < RECORDS; i++) {
            String g = given[random.nextInt(given.length)];
            String f = family[random.nextInt(family.length)];
            int place = random.nextInt(postcodes.length);
            String dob = String.format("19%02d-%02d-%02d", 50 + random.nextInt(8), 1 + random.nextInt(3), 1 + random.nextInt(4));
            String email = random.nextInt(4) == 0 ? g + "." + f + "@example.fr" : null;
            StandardizedRecord record = new StandardizedRecord("s", Integer.toString(i), g, f, null, g.substring(0, 2).toUpperCase(),
                    f.substring(0, 3).toUpperCase(), dob, null, email, null, null, (1 + random.nextInt(5)) + " rue de la paix",
                    Integer.toString(1 + random.nextInt(5)), postcodes[place], cities[place], "FR", null, List.of());
            Object[] std = RecordsTable.stdValues(record);
            Object[] values = new Object[3 + std.length + 2];
            String key = RecordsTable.recordKey("s", Integer.toString(i));
            values[0] = key;
            values[1] = "s";
            values[2] = Integer.toString(i);
            System.arraycopy(std, 0, values, 3, std.length);
            values[3 + std.length] = false;
            values[4 + std.length] = changed.contains(key) ? run : "r1";
            rows.add(RowFactory.create(values));
        }
        spark().createDataFrame(rows, schema).write().format("delta").mode("overwrite").save(hub.records());
    }

    /** The candidate pairs of the blocking rules over the records, as "left|right|rule". */
    private Set<String> candidatePairs(HubTables hub, boolean full, Map<String, Long> cappedBlocks) {
        Settings settings = DefaultSettings.build();
        List<Column> columns = new ArrayList<>(MatchAction.SCORED_COLUMNS.stream().map(org.apache.spark.sql.functions::col).toList());
        columns.add((full ? lit(true) : col("last_changed_run").equalTo("r2")).as("changed"));
        Dataset<Row> current = spark().read().format("delta").load(hub.records()).select(columns.toArray(Column[]::new));
        List<String> rules = settings.blockingRules().stream().map(r -> r.name()).toList();
        return MatchAction.candidatePairs(MatchAction.blockingKeys(current, settings), RECORDS, MAX_BLOCK_SIZE, settings,
                        cappedBlocks, new TreeMap<>())
                .collectAsList().stream()
                .map(r -> r.getString(0) + "|" + r.getString(1) + "|" + rules.get(r.getInt(2)))
                .collect(Collectors.toSet());
    }

    /** The columns with min/max statistics in the pairs table's data files (from the Delta log). */
    private Set<String> statisticsColumnsOfPairFiles(HubTables hub) {
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        Set<String> columns = new java.util.TreeSet<>();
        for (Row row : spark().read().json(hub.pairs() + "/_delta_log/*.json").where(col("add.stats").isNotNull())
                .select("add.stats").collectAsList()) {
            try {
                json.readTree(row.getString(0)).path("minValues").fieldNames().forEachRemaining(columns::add);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
        return columns;
    }

    private Set<String> storedPairs(HubTables hub, String run) {
        return spark().read().format("delta").load(hub.pairs()).where(col("run_id").equalTo(run)).collectAsList().stream()
                .map(r -> r.<String>getAs("left_key") + "|" + r.<String>getAs("right_key") + "|" + r.<String>getAs("blocking_rule"))
                .collect(Collectors.toSet());
    }
}
