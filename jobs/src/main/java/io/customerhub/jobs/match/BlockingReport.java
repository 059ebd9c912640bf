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
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * What each blocking rule would produce on the current records, before running the match step:
 * pairs per rule (before removing pairs an earlier rule already produced), blocks, the largest
 * block, and the blocks the size limit would skip.
 */
public final class BlockingReport {

    /** One rule's figures. */
    public record RuleFigures(String rule, long recordsWithKey, long blocks, long largestBlock, long pairs,
                              long cappedBlocks, long recordsInCappedBlocks) {
    }

    private BlockingReport() {
    }

    public static List<RuleFigures> compute(SparkSession spark, HubTables tables, int maxBlockSize, String settingsFile) {
        Settings settings = ModelStore.current(spark, tables, settingsFile);
        Dataset<Row> current = spark.read().format("delta").load(tables.records()).where(col("retired").equalTo(false))
                .withColumn("changed", lit(true));
        Dataset<Row> sizes = MatchAction.blockingKeys(current, settings).groupBy("rule", "block_key").agg(count(lit(1)).as("n"));
        List<Row> rows = sizes.groupBy("rule").agg(
                sum("n"), count(lit(1)), max("n"),
                sum(when(col("n").leq(maxBlockSize), col("n").multiply(col("n").minus(1)).divide(2)).otherwise(0)).cast("long"),
                count(when(col("n").gt(maxBlockSize), 1)),
                sum(when(col("n").gt(maxBlockSize), col("n")).otherwise(0))).orderBy("rule").collectAsList();
        List<RuleFigures> figures = new ArrayList<>();
        for (Row row : rows) {
            figures.add(new RuleFigures(settings.blockingRules().get(row.getInt(0)).name(), row.getLong(1), row.getLong(2),
                    row.getLong(3), row.getLong(4), row.getLong(5), row.getLong(6)));
        }
        return figures;
    }
}
