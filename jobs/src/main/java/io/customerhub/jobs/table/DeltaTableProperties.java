package io.customerhub.jobs.table;

import io.customerhub.jobs.HubException;
import io.delta.tables.DeltaTable;
import java.io.IOException;
import java.util.Map;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SparkSession;

/** Table properties of the hub's path-based Delta tables. */
public final class DeltaTableProperties {

    public static final String DELETION_VECTORS = "delta.enableDeletionVectors";

    private DeltaTableProperties() {
    }

    /** The table's properties as they stand now. */
    public static Map<String, String> of(SparkSession spark, String path) {
        return DeltaTable.forPath(spark, path).detail().select("properties").first().getJavaMap(0);
    }

    /** Sets one property (a no-op commit is avoided when it already has the value). */
    public static void set(SparkSession spark, String path, String name, String value) {
        if (value.equals(of(spark, path).get(name))) {
            return;
        }
        spark.sql("ALTER TABLE delta.`" + qualified(spark, path).replace("`", "``") + "` SET TBLPROPERTIES ("
                + sqlString(name) + " = " + sqlString(value) + ")");
    }

    /**
     * Once per table (hubs created before this setting): later MERGEs and replaces then mark the
     * rows they replace instead of copying whole files.
     */
    public static void enableDeletionVectors(SparkSession spark, String path) {
        set(spark, path, DELETION_VECTORS, "true");
    }

    /** SQL names a path table by its qualified location: a relative one is not found. */
    public static String qualified(SparkSession spark, String path) {
        Path location = new Path(path);
        try {
            return location.getFileSystem(spark.sparkContext().hadoopConfiguration()).makeQualified(location).toString();
        } catch (IOException e) {
            throw HubException.of("cannot reach the table location " + path, e.getMessage(),
                    "check --hub-root and the file system's credentials", e);
        }
    }

    /** A Spark SQL string literal (backslash escapes are on by default). */
    public static String sqlString(String value) {
        return "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }
}
