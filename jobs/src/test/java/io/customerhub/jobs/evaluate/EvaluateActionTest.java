package io.customerhub.jobs.evaluate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.customerhub.jobs.HubException;
import io.customerhub.jobs.spark.SparkTestBase;
import io.customerhub.jobs.table.HubTables;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

class EvaluateActionTest extends SparkTestBase {

    static final StructType XREF = new StructType()
            .add("record_key", DataTypes.StringType)
            .add("source_system", DataTypes.StringType)
            .add("source_id", DataTypes.StringType)
            .add("golden_id", DataTypes.StringType)
            .add("cluster_size", DataTypes.IntegerType)
            .add("assigned_run", DataTypes.StringType)
            .add("assigned_at", DataTypes.TimestampType);

    /**
     * The hand-made case of {@link ClusteringComparisonTest}, spread over two sources: truth A={crm/1,crm/2,web/1}
     * B={web/2,web/3} C={crm/3}; golden X={crm/1,crm/2} Y={web/1,web/2,web/3} Z={crm/3}; plus crm/9 clustered
     * without a label and web/8 labelled but never clustered.
     */
    static HubTables writeHub(Path root) {
        List<Row> rows = new ArrayList<>();
        String[][] xref = {{"crm", "1", "X"}, {"crm", "2", "X"}, {"web", "1", "Y"}, {"web", "2", "Y"}, {"web", "3", "Y"},
                {"crm", "3", "Z"}, {"crm", "9", "Z9"}};
        for (String[] r : xref) {
            rows.add(RowFactory.create(r[0] + ":" + r[1], r[0], r[1], r[2], 1, "bench", Timestamp.valueOf("2025-01-01 00:00:00")));
        }
        HubTables tables = new HubTables(root.toString());
        spark().createDataFrame(rows, XREF).write().format("delta").save(tables.table("xref"));
        return tables;
    }

    static Path writeTruth(Path file) throws IOException {
        Files.writeString(file, """
                source_system,source_id,person_id
                crm,1,A
                crm,2,A
                web,1,A
                web,2,B
                web,3,B
                crm,3,C
                web,8,B
                """);
        return file;
    }

    @Test
    void scoresTheXrefAgainstTheTruthLikeTheInMemoryReference() throws IOException {
        HubTables tables = writeHub(tempDir.resolve("hub"));
        Path truth = writeTruth(tempDir.resolve("truth.csv"));

        EvaluationResult result = EvaluateAction.evaluate(spark(), tables, truth.toString());

        ClusteringMetrics m = result.metrics();
        assertThat(result.predictedRecords()).isEqualTo(7);
        assertThat(result.truthRecords()).isEqualTo(7);
        assertThat(result.evaluatedRecords()).isEqualTo(6);
        assertThat(result.predictedOnly()).isEqualTo(1);
        assertThat(result.truthOnly()).isEqualTo(1);
        assertThat(m.sums().predictedPairs()).isEqualTo(4);
        assertThat(m.sums().truePairs()).isEqualTo(4);
        assertThat(m.sums().correctPairs()).isEqualTo(2);
        assertThat(m.sums().predictedClusters()).isEqualTo(3);
        assertThat(m.sums().trueEntities()).isEqualTo(3);
        assertThat(m.sums().overMergedClusters()).isEqualTo(1);
        assertThat(m.sums().splitEntities()).isEqualTo(1);
        assertThat(m.pairwiseF1()).isCloseTo(0.5, within(1e-12));
        assertThat(m.bcubedPrecision()).isCloseTo(7.0 / 9, within(1e-12));
        assertThat(m.bcubedRecall()).isCloseTo(7.0 / 9, within(1e-12));
        // end to end, web/8 joins B: labelled pairs C(3,2)+C(3,2)=6, correct 2 -> recall 1/3, F1 2*(1/2)(1/3)/(5/6) = 0.4
        assertThat(result.labelledPairs()).isEqualTo(6);
        assertThat(result.endToEndRecall()).isCloseTo(1.0 / 3, within(1e-12));
        assertThat(result.endToEndF1()).isCloseTo(0.4, within(1e-12));
    }

    @Test
    void aTruthFileWithoutTheRequiredHeaderFailsWithAFix() throws IOException {
        HubTables tables = writeHub(tempDir.resolve("hub"));
        Path truth = tempDir.resolve("truth.csv");
        Files.writeString(truth, "source,id,person\ncrm,1,A\n");

        assertThatThrownBy(() -> EvaluateAction.evaluate(spark(), tables, truth.toString()))
                .isInstanceOf(HubException.class)
                .hasMessageContaining("lacks a required column")
                .hasMessageContaining("fix:");
    }

    @Test
    void aRecordListedTwiceInTheTruthIsRefused() throws IOException {
        HubTables tables = writeHub(tempDir.resolve("hub"));
        Path truth = tempDir.resolve("truth.csv");
        Files.writeString(truth, "source_system,source_id,person_id\ncrm,1,A\ncrm,1,B\ncrm,2,\n");

        assertThatThrownBy(() -> EvaluateAction.evaluate(spark(), tables, truth.toString()))
                .isInstanceOf(HubException.class)
                .hasMessageContaining("1 repeated (source_system, source_id) rows")
                .hasMessageContaining("1 rows without a person_id");
    }

    @Test
    void truthRowsWithoutASourceIdAndIdenticalRepeatsAreLeftOut() throws IOException {
        HubTables tables = writeHub(tempDir.resolve("hub"));
        Path plain = writeTruth(tempDir.resolve("truth.csv"));
        // As a generator's truth lists every extract row: a row with an empty id, a duplicated-id row.
        Path withBadRows = tempDir.resolve("truth-with-bad-rows.csv");
        Files.writeString(withBadRows, Files.readString(plain) + "crm,,A\nweb,2,B\n");

        EvaluationResult expected = EvaluateAction.evaluate(spark(), tables, plain.toString());
        EvaluationResult actual = EvaluateAction.evaluate(spark(), tables, withBadRows.toString());

        assertThat(actual.truthRecords()).isEqualTo(7);
        assertThat(actual).isEqualTo(expected);
    }

    @Test
    void aHubWithoutXrefFailsWithAFix() throws IOException {
        Path truth = writeTruth(tempDir.resolve("truth.csv"));
        HubTables empty = new HubTables(tempDir.resolve("empty-hub").toString());

        assertThatThrownBy(() -> EvaluateAction.evaluate(spark(), empty, truth.toString()))
                .isInstanceOf(HubException.class)
                .hasMessageContaining("no xref table")
                .hasMessageContaining("hub cluster");
    }
}
