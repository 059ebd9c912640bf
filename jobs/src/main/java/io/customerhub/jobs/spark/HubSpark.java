package io.customerhub.jobs.spark;

import org.apache.spark.sql.SparkSession;

/** Builds the SparkSession every hub job runs in: Delta on, path-based tables, no Hive metastore. */
public final class HubSpark {

    private HubSpark() {
    }

    /**
     * The session for a hub job. When the JVM was started by spark-submit a master is already set
     * and kept; otherwise an embedded local session with settings that suit a small machine.
     */
    public static SparkSession session(String appName) {
        SparkSession.Builder builder = SparkSession.builder()
                .appName(appName)
                .config("spark.sql.extensions", "io.delta.sql.DeltaSparkSessionExtension")
                .config("spark.sql.catalog.spark_catalog", "org.apache.spark.sql.delta.catalog.DeltaCatalog")
                .config("spark.sql.catalogImplementation", "in-memory")
                .config("spark.databricks.delta.schema.autoMerge.enabled", "false")
                .config("spark.sql.session.timeZone", "UTC");
        if (System.getProperty("spark.master") == null) {
            int cores = Runtime.getRuntime().availableProcessors();
            builder.master("local[" + cores + "]")
                    .config("spark.ui.enabled", "false")
                    .config("spark.sql.shuffle.partitions", String.valueOf(Math.max(4, cores * 2)))
                    .config("spark.databricks.delta.snapshotPartitions", "2")
                    .config("spark.sql.warehouse.dir", System.getProperty("java.io.tmpdir") + "/customer-hub-warehouse")
                    .config("spark.driver.host", "127.0.0.1");
        }
        return builder.getOrCreate();
    }
}
