package io.customerhub.jobs.match;

import static org.apache.spark.sql.functions.col;

import io.customerhub.jobs.HubException;
import io.customerhub.jobs.table.HubTables;
import io.customerhub.matching.settings.Settings;
import io.customerhub.matching.settings.SettingsException;
import io.delta.tables.DeltaTable;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The {@code models} table: every trained settings version (JSON), and which one the nightly run
 * uses. Without a promoted model the shipped defaults are used: they work without any labels.
 */
public final class ModelStore {

    public static final StructType SCHEMA = new StructType()
            .add("version", DataTypes.StringType, false)
            .add("trained_at", DataTypes.TimestampType, false)
            .add("run_id", DataTypes.StringType, false)
            .add("settings_json", DataTypes.StringType, false)
            .add("promoted", DataTypes.BooleanType, false);

    private ModelStore() {
    }

    /** The settings the match step uses: an explicit file, else the last promoted model, else the defaults. */
    public static Settings current(SparkSession spark, HubTables tables, String settingsFile) {
        if (settingsFile != null) {
            try {
                return Settings.load(java.nio.file.Path.of(settingsFile));
            } catch (java.io.IOException e) {
                throw HubException.of("cannot read settings " + settingsFile, e.getMessage(), "check the path", e);
            } catch (SettingsException e) {
                throw HubException.of("settings " + settingsFile + " are invalid", e.getMessage(), "correct the file (see matching/MODEL.md)", e);
            }
        }
        if (DeltaTable.isDeltaTable(spark, tables.models())) {
            List<Row> promoted = spark.read().format("delta").load(tables.models()).where(col("promoted"))
                    .orderBy(col("trained_at").desc()).limit(1).collectAsList();
            if (!promoted.isEmpty()) {
                return Settings.fromJson(promoted.get(0).getAs("settings_json"));
            }
        }
        return Settings.defaults();
    }

    public static void save(SparkSession spark, HubTables tables, Settings settings, String runId, boolean promote) {
        Row row = RowFactory.create(settings.version(), Timestamp.from(Instant.now()), runId, settings.toJson(), promote);
        spark.createDataFrame(List.of(row), SCHEMA).write().format("delta").mode("append").save(tables.models());
    }

    /** Marks a saved version promoted: the match step uses it from then on. Promoting it again changes nothing. */
    public static void promote(SparkSession spark, HubTables tables, String version) {
        DeltaTable.forPath(spark, tables.models()).update(col("version").equalTo(version).and(col("promoted").equalTo(false)),
                java.util.Map.of("promoted", org.apache.spark.sql.functions.lit(true)));
    }
}
