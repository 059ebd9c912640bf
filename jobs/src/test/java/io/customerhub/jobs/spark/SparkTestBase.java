package io.customerhub.jobs.spark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.io.TempDir;

/**
 * One shared local[2] SparkSession per test JVM (UI off, few shuffle partitions, Delta on) and a
 * fresh temp directory per test.
 */
public abstract class SparkTestBase {

    private static SparkSession shared;

    @TempDir
    protected Path tempDir;

    protected static synchronized SparkSession spark() {
        if (shared == null) {
            try {
                Path warehouse = Files.createTempDirectory("hub-test-warehouse");
                shared = SparkSession.builder()
                        .appName("customer-hub-tests")
                        .master("local[2]")
                        .config("spark.ui.enabled", "false")
                        .config("spark.sql.shuffle.partitions", "2")
                        .config("spark.default.parallelism", "2")
                        .config("spark.sql.extensions", "io.delta.sql.DeltaSparkSessionExtension")
                        .config("spark.sql.catalog.spark_catalog", "org.apache.spark.sql.delta.catalog.DeltaCatalog")
                        .config("spark.sql.catalogImplementation", "in-memory")
                        .config("spark.databricks.delta.snapshotPartitions", "2")
                        .config("spark.sql.session.timeZone", "UTC")
                        .config("spark.sql.warehouse.dir", warehouse.toString())
                        .config("spark.driver.host", "127.0.0.1")
                        .getOrCreate();
            } catch (IOException e) {
                throw new IllegalStateException("cannot create the test warehouse directory", e);
            }
        }
        return shared;
    }
}
