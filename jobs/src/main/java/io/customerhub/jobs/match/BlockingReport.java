package io.customerhub.jobs.match;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import io.customerhub.jobs.table.HubTables;
import io.customerhub.matching.settings.Settings;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;

/**
 * What each blocking rule would produce on the current records, before running the match step:
 * pairs per rule (before removing pairs an earlier rule already produced), blocks, the largest
 * block, each rule's size cap (the limit, lowered by the pair budget) and the blocks it would skip.
 */
public final class BlockingReport {

    /** One rule's figures; {@code cap} is the largest block it compares (the size limit, lowered by the pair budget). */
    public record RuleFigures(String rule, long recordsWithKey, long blocks, long largestBlock, long cap, long pairs,
                              long cappedBlocks, long recordsInCappedBlocks) {
    }

    private BlockingReport() {
    }

    public static List<RuleFigures> compute(SparkSession spark, HubTables tables, int maxBlockSize, double pairsPerRecord, String settingsFile) {
        Settings settings = ModelStore.current(spark, tables, settingsFile);
        Dataset<Row> current = spark.read().format("delta").load(tables.records()).where(col("retired").equalTo(false))
                .withColumn("changed", lit(true));
        Dataset<Row> keys = MatchAction.blockingKeys(current, settings).persist(StorageLevel.MEMORY_AND_DISK());
        try {
            Dataset<Row> sizes = keys.groupBy("rule", "block_key").agg(count(lit(1)).as("size")).persist(StorageLevel.MEMORY_AND_DISK());
            int[] caps = MatchAction.blockCaps(sizes, current.count(), maxBlockSize, pairsPerRecord,
                    io.customerhub.matching.blocking.PairBudget.FLOOR, settings);
            Column cap = lit(maxBlockSize);
            for (int r = caps.length - 1; r >= 0; r--) {
                cap = when(col("rule").equalTo(r), lit(caps[r])).otherwise(cap);
            }
            List<Row> rows = sizes.withColumn("cap", cap).groupBy("rule").agg(
                    sum("size"), count(lit(1)), max("size"),
                    sum(when(col("size").leq(col("cap")), col("size").multiply(col("size").minus(1)).divide(2)).otherwise(0)).cast("long"),
                    count(when(col("size").gt(col("cap")), 1)),
                    sum(when(col("size").gt(col("cap")), col("size")).otherwise(0))).orderBy("rule").collectAsList();
            sizes.unpersist();
            List<RuleFigures> figures = new ArrayList<>();
            for (Row row : rows) {
                figures.add(new RuleFigures(settings.blockingRules().get(row.getInt(0)).name(), row.getLong(1), row.getLong(2),
                        row.getLong(3), caps[row.getInt(0)], row.getLong(4), row.getLong(5), row.getLong(6)));
            }
            return figures;
        } finally {
            keys.unpersist();
        }
    }
}
