package io.customerhub.jobs.review;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import io.customerhub.jobs.HubException;
import io.customerhub.jobs.table.HubTables;
import io.delta.tables.DeltaTable;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.delta.DeltaConcurrentModificationException;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The {@code review_queue} table: rebuilt by each run's review step; a steward's answer flips an
 * item's status at once (the decision itself lives in {@code steward_decisions}, the source of
 * truth the next build reads). Records are named by key; their values are read at display time.
 */
public final class ReviewQueue {

    public static final StructType SCHEMA = new StructType()
            .add("item_id", DataTypes.StringType, false)
            .add("kind", DataTypes.StringType, false)
            .add("priority", DataTypes.DoubleType, false)
            .add("status", DataTypes.StringType, false)
            .add("left_key", DataTypes.StringType, true)
            .add("left_source_system", DataTypes.StringType, true)
            .add("left_source_id", DataTypes.StringType, true)
            .add("right_key", DataTypes.StringType, true)
            .add("right_source_system", DataTypes.StringType, true)
            .add("right_source_id", DataTypes.StringType, true)
            .add("golden_id", DataTypes.StringType, true)
            .add("cluster_size", DataTypes.IntegerType, true)
            .add("probability", DataTypes.DoubleType, true)
            .add("reasons", DataTypes.createArrayType(DataTypes.StringType), false)
            .add("explanation", DataTypes.StringType, true)
            .add("model_version", DataTypes.StringType, true)
            .add("record_versions", DataTypes.createMapType(DataTypes.StringType, DataTypes.StringType), false)
            .add("decision_id", DataTypes.StringType, true)
            .add("run_id", DataTypes.StringType, false);

    private static final int MAX_ATTEMPTS = 8;

    private ReviewQueue() {
    }

    public static boolean exists(SparkSession spark, HubTables tables) {
        return DeltaTable.isDeltaTable(spark, tables.reviewQueue());
    }

    public static Dataset<Row> read(SparkSession spark, HubTables tables) {
        if (!exists(spark, tables)) {
            throw HubException.of("there is no review queue under " + tables.root(), "the review step has not run on this hub yet",
                    "run `hub review build` (the nightly run does it after cluster)");
        }
        return spark.read().format("delta").load(tables.reviewQueue());
    }

    /** The item, or a clear error when the id is not in the queue. */
    public static ReviewItem item(SparkSession spark, HubTables tables, String itemId) {
        List<Row> rows = read(spark, tables).where(col("item_id").equalTo(lit(itemId))).collectAsList();
        if (rows.isEmpty()) {
            throw HubException.of("review item '" + itemId + "' is not in the queue",
                    "ids look like p-0123456789ab (pair) or c-0123456789ab (cluster); an item leaves the queue when its pair or cluster no longer needs review",
                    "list the current items with `hub review list`");
        }
        return ReviewItem.fromRow(rows.get(0));
    }

    /** The whole queue replaced in one commit, retried when a steward's status update got in first. */
    public static void replace(SparkSession spark, HubTables tables, Dataset<Row> items) {
        retrying(() -> {
            items.write().format("delta").mode("overwrite").option("overwriteSchema", "true").save(tables.reviewQueue());
            return null;
        });
    }

    public static void markDecided(SparkSession spark, HubTables tables, String itemId, String decisionId) {
        update(spark, tables, col("item_id").equalTo(lit(itemId)), Map.of("status", ReviewItems.DECIDED, "decision_id", decisionId));
    }

    /** After an undo: the item is open again (unless another decision answered it since). */
    public static void markOpen(SparkSession spark, HubTables tables, String itemId, String undoneDecisionId) {
        update(spark, tables, col("item_id").equalTo(lit(itemId)).and(col("decision_id").equalTo(lit(undoneDecisionId))),
                java.util.Collections.singletonMap("status", ReviewItems.OPEN));
    }

    private static void update(SparkSession spark, HubTables tables, org.apache.spark.sql.Column where, Map<String, String> values) {
        if (!exists(spark, tables)) {
            return;
        }
        Map<String, org.apache.spark.sql.Column> set = new java.util.HashMap<>();
        values.forEach((k, v) -> set.put(k, lit(v)));
        if (values.containsKey("status") && ReviewItems.OPEN.equals(values.get("status"))) {
            set.put("decision_id", lit(null).cast(DataTypes.StringType));
        }
        retrying(() -> {
            DeltaTable.forPath(spark, tables.reviewQueue()).update(where, set);
            return null;
        });
    }

    /** Delta's optimistic concurrency: the nightly build and stewards write here; the loser retries. */
    private static <T> T retrying(Supplier<T> write) {
        for (int attempt = 1; ; attempt++) {
            try {
                return write.get();
            } catch (DeltaConcurrentModificationException e) {
                if (attempt == MAX_ATTEMPTS) {
                    throw HubException.of("review_queue stayed busy", "other writers kept committing while this one retried " + MAX_ATTEMPTS + " times",
                            "run the command again; decisions already recorded are kept in steward_decisions", e);
                }
                try {
                    Thread.sleep(50L * attempt);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }
}
