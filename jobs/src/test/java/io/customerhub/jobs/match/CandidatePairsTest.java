package io.customerhub.jobs.match;

import static org.assertj.core.api.Assertions.assertThat;

import io.customerhub.jobs.spark.SparkTestBase;
import io.customerhub.matching.settings.DefaultSettings;
import io.customerhub.matching.settings.Settings;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.junit.jupiter.api.Test;

/** Candidate pairs on Spark: the fixed block-size cap and the pair budget, with what they skip counted per rule. */
class CandidatePairsTest extends SparkTestBase {

    @Test
    void theLooseRulesBigBlockIsSkippedWhenItExceedsItsShareOfThePairBudget() {
        Settings settings = DefaultSettings.build();
        List<Row> keys = new ArrayList<>();
        // Rule 0: one block of 10 records (45 pairs). Rule 1: ten blocks of 2 other records (10 pairs).
        for (int i = 0; i < 10; i++) {
            keys.add(RowFactory.create(0, "big", "a/" + i, true));
        }
        for (int i = 0; i < 20; i++) {
            keys.add(RowFactory.create(1, "small-" + i / 2, "b/" + i, true));
        }
        Dataset<Row> frame = spark().createDataFrame(keys, MatchAction.KEY_SCHEMA);
        String loose = settings.blockingRules().get(0).name();

        Map<String, Long> cappedBlocks = new TreeMap<>();
        Map<String, Long> cappedRecords = new TreeMap<>();
        long unbounded = MatchAction.candidatePairs(frame, 30, 500, 1.0, settings, cappedBlocks, cappedRecords).count();
        assertThat(unbounded).as("a small hub stays under the 2 M floor: every pair").isEqualTo(55);
        assertThat(cappedBlocks).isEmpty();

        // Budget 1 pair per record, no floor: 30 pairs. Rule 1 keeps its 10; rule 0's 45 exceed the 20 left.
        List<Row> pairs = MatchAction.candidatePairs(frame, 30, 500, 1.0, 0, settings, cappedBlocks, cappedRecords).collectAsList();
        assertThat(pairs).hasSize(10).allSatisfy(p -> assertThat(p.<String>getAs("left_key")).startsWith("b/"));
        assertThat(cappedBlocks).containsExactly(Map.entry(loose, 1L));
        assertThat(cappedRecords).containsExactly(Map.entry(loose, 10L));

        cappedBlocks.clear();
        cappedRecords.clear();
        assertThat(MatchAction.candidatePairs(frame, 30, 9, 20.0, settings, cappedBlocks, cappedRecords).count())
                .as("the fixed cap alone").isEqualTo(10);
        assertThat(cappedRecords).containsExactly(Map.entry(loose, 10L));
    }
}
