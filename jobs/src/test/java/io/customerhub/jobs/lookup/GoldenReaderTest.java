package io.customerhub.jobs.lookup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.customerhub.jobs.cli.HubCli;
import io.customerhub.jobs.spark.SparkTestBase;
import io.customerhub.reader.GoldenChanges;
import io.customerhub.reader.GoldenLookup;
import io.customerhub.reader.GoldenReader;
import io.customerhub.reader.GoldenRow;
import io.customerhub.reader.HubReaderException;
import io.delta.tables.DeltaTable;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** Tables written by Spark and Delta, read back by the Spark-free reader (Delta Kernel). */
class GoldenReaderTest extends SparkTestBase {

    private static final StructType GOLDEN = new StructType()
            .add("golden_id", DataTypes.StringType, false).add("status", DataTypes.StringType, false)
            .add("successor_golden_id", DataTypes.StringType, true).add("family_name", DataTypes.StringType, true)
            .add("record_count", DataTypes.IntegerType, true).add("updated_at", DataTypes.TimestampType, true)
            .add("emails", DataTypes.createArrayType(DataTypes.StringType), true);
    private static final StructType XREF = new StructType()
            .add("record_key", DataTypes.StringType, false).add("source_system", DataTypes.StringType, false)
            .add("source_id", DataTypes.StringType, false).add("golden_id", DataTypes.StringType, false);
    private static final Instant UPDATED = Instant.parse("2026-11-20T10:15:30.123456Z");

    @Test
    void readsAGoldenRowByIdAndFollowsRetiredIdsToTheLiveSuccessor() {
        String root = hub();
        GoldenReader reader = GoldenReader.open(root);

        GoldenLookup live = reader.byGoldenId("G1").orElseThrow();
        assertThat(live.redirected()).isFalse();
        assertThat(live.row().values()).containsEntry("family_name", "Dupont").containsEntry("record_count", 2)
                .containsEntry("updated_at", UPDATED).containsEntry("emails", List.of("a@example.org", "b@example.org"));
        assertThatThrownBy(() -> live.row().values().put("x", 1)).isInstanceOf(UnsupportedOperationException.class);

        GoldenLookup redirected = reader.byGoldenId("G2").orElseThrow();
        assertThat(redirected.row().goldenId()).isEqualTo("G1");
        assertThat(redirected.redirectedFrom()).containsExactly("G2", "G3");
        assertThat(redirected.goldenVersion()).isEqualTo(reader.goldenVersion());
        assertThat(reader.byGoldenId("G-unknown")).isEmpty();

        assertThat(reader.bySourceRecord("crm", "C1").orElseThrow().row().goldenId()).isEqualTo("G1");
        assertThat(reader.bySourceRecord("web", "W5").orElseThrow().row().goldenId()).isEqualTo("G4");
        assertThat(reader.bySourceRecord("web", "C1")).isEmpty();
    }

    @Test
    void changesSinceAVersionListChangedAndRemovedRows() {
        String root = hub();
        GoldenReader reader = GoldenReader.open(root);
        long v0 = reader.goldenVersion();
        assertThat(reader.changesSince(v0).upserted()).isEmpty();

        DeltaTable golden = DeltaTable.forPath(spark(), root + "/golden");
        golden.updateExpr("golden_id = 'G4'", java.util.Map.of("family_name", "'Martin-Durand'"));
        golden.delete("golden_id = 'G5'");
        spark().createDataFrame(List.of(row("G6", "active", null, "Petit")), GOLDEN).write().format("delta").mode("append").save(root + "/golden");

        GoldenChanges changes = reader.changesSince(v0);
        assertThat(changes.toVersion()).isEqualTo(v0 + 3);
        assertThat(changes.upserted()).extracting(GoldenRow::goldenId).containsExactlyInAnyOrder("G4", "G6");
        assertThat(changes.upserted()).filteredOn(r -> r.goldenId().equals("G4")).first()
                .extracting(r -> r.get("family_name")).isEqualTo("Martin-Durand");
        assertThat(changes.removedIds()).containsExactly("G5");
        assertThat(reader.changesSince(v0 + 2).upserted()).extracting(GoldenRow::goldenId).containsExactly("G6");

        spark().conf().set("spark.databricks.delta.retentionDurationCheck.enabled", "false");
        try {
            golden.vacuum(0);
        } finally {
            spark().conf().set("spark.databricks.delta.retentionDurationCheck.enabled", "true");
        }
        assertThatThrownBy(() -> reader.changesSince(v0)).isInstanceOf(HubReaderException.class).hasMessageContaining("vacuum");
    }

    @Test
    void aMissingGoldenTableIsReportedWithAFix() {
        GoldenReader reader = GoldenReader.open(tempDir.resolve("empty").toString());
        assertThatThrownBy(() -> reader.byGoldenId("G1")).isInstanceOf(HubReaderException.class).hasMessageContaining("no golden table");
    }

    @Test
    void hubLookupPrintsTheRowAndTheRedirection() {
        String root = hub();
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream original = System.out;
        int code;
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            code = new CommandLine(new HubCli()).execute("lookup", "--hub-root", root, "--golden-id", "G2");
        } finally {
            System.setOut(original);
        }
        assertThat(code).isZero();
        assertThat(captured.toString(StandardCharsets.UTF_8)).contains("redirected: G2 -> G3 -> G1").contains("Dupont");
        assertThat(new CommandLine(new HubCli()).execute("lookup", "--hub-root", root, "--source", "crm", "--source-id", "nobody")).isEqualTo(1);
    }

    private String hub() {
        String root = tempDir.resolve("hub").toString();
        spark().createDataFrame(List.of(
                row("G1", "active", null, "Dupont"),
                row("G2", "retired", "G3", null),
                row("G3", "retired", "G1", null),
                row("G4", "active", null, "Martin"),
                row("G5", "active", null, "Durand")), GOLDEN).repartition(2).write().format("delta").save(root + "/golden");
        spark().createDataFrame(List.of(
                RowFactory.create("crm/C1", "crm", "C1", "G1"),
                RowFactory.create("web/W1", "web", "W1", "G1"),
                RowFactory.create("web/W5", "web", "W5", "G4")), XREF).write().format("delta").save(root + "/xref");
        return root;
    }

    private static Row row(String id, String status, String successor, String family) {
        boolean live = "active".equals(status);
        return RowFactory.create(id, status, successor, family, live ? 2 : null, live ? Timestamp.from(UPDATED) : null,
                live ? scala.jdk.javaapi.CollectionConverters.asScala(List.of("a@example.org", "b@example.org")).toSeq() : null);
    }
}
