package io.customerhub.jobs.table;

import static org.apache.spark.sql.functions.col;

import io.customerhub.matching.cluster.Link;
import io.delta.tables.DeltaTable;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The {@code steward_decisions} table: must-link and cannot-link decisions, appended with who, when
 * and why; an undone decision keeps its row with {@code undone_at} set. Every run honours the
 * active ones.
 */
public final class StewardDecisions {

    public static final String MUST_LINK = "MUST_LINK";
    public static final String CANNOT_LINK = "CANNOT_LINK";

    public static final StructType SCHEMA = new StructType()
            .add("decision_id", DataTypes.StringType, false)
            .add("kind", DataTypes.StringType, false)
            .add("left_key", DataTypes.StringType, false)
            .add("right_key", DataTypes.StringType, false)
            .add("steward", DataTypes.StringType, false)
            .add("reason", DataTypes.StringType, true)
            .add("decided_at", DataTypes.TimestampType, false)
            .add("undone_at", DataTypes.TimestampType, true);

    /** Active decisions split by kind, as links for the clustering. */
    public record Active(List<Link> mustLinks, List<Link> cannotLinks) {
    }

    private StewardDecisions() {
    }

    /** Appends a decision and returns its id. Who and why are kept; the records are named by key only. */
    public static String record(SparkSession spark, HubTables tables, String kind, String leftKey, String rightKey,
                                String steward, String reason) {
        if (!MUST_LINK.equals(kind) && !CANNOT_LINK.equals(kind)) {
            throw io.customerhub.jobs.HubException.of("decision kind '" + kind + "' is unknown", "stewards decide must-link or cannot-link",
                    "use " + MUST_LINK + " or " + CANNOT_LINK);
        }
        String id = java.util.UUID.randomUUID().toString();
        org.apache.spark.sql.Row row = org.apache.spark.sql.RowFactory.create(id, kind, leftKey, rightKey, steward, reason,
                java.sql.Timestamp.from(java.time.Instant.now()), null);
        spark.createDataFrame(List.of(row), SCHEMA).write().format("delta").mode("append").save(tables.stewardDecisions());
        return id;
    }

    /** Marks a decision undone; later runs no longer honour it. */
    public static void undo(SparkSession spark, HubTables tables, String decisionId) {
        DeltaTable.forPath(spark, tables.stewardDecisions()).updateExpr("decision_id = '" + decisionId.replace("'", "") + "' AND undone_at IS NULL",
                java.util.Map.of("undone_at", "current_timestamp()"));
    }

    public static Active active(SparkSession spark, HubTables tables) {
        List<Link> must = new ArrayList<>();
        List<Link> cannot = new ArrayList<>();
        if (!DeltaTable.isDeltaTable(spark, tables.stewardDecisions())) {
            return new Active(List.of(), List.of());
        }
        // Steward decisions are made by people one at a time: a small table, safe to collect.
        List<Row> rows = spark.read().format("delta").load(tables.stewardDecisions())
                .where(col("undone_at").isNull()).select("kind", "left_key", "right_key").collectAsList();
        for (Row row : rows) {
            if (row.getString(1).equals(row.getString(2))) {
                continue;
            }
            Link link = new Link(row.getString(1), row.getString(2), 1.0);
            (MUST_LINK.equals(row.getString(0)) ? must : cannot).add(link);
        }
        return new Active(List.copyOf(must), List.copyOf(cannot));
    }
}
