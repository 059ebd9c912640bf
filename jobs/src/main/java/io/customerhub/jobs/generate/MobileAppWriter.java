package io.customerhub.jobs.generate;

import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Mobile app users as plain Parquet files (not Delta). Rows are handed to Spark in batches so a
 * large run never holds the whole silo in memory; each batch becomes one part file.
 */
final class MobileAppWriter implements SiloWriter {

    static final StructType SCHEMA = new StructType(new StructField[] {
        DataTypes.createStructField("user_id", DataTypes.StringType, true),
        DataTypes.createStructField("given_name", DataTypes.StringType, true),
        DataTypes.createStructField("family_name", DataTypes.StringType, true),
        DataTypes.createStructField("mobile", DataTypes.StringType, true),
        DataTypes.createStructField("email", DataTypes.StringType, true),
        // The app stores what its form posted: ISO text, not a typed date.
        DataTypes.createStructField("dob", DataTypes.StringType, true),
        DataTypes.createStructField("push_optin", DataTypes.BooleanType, true),
        DataTypes.createStructField("sms_optin", DataTypes.BooleanType, true),
        DataTypes.createStructField("branch_customer_number", DataTypes.StringType, true),
        DataTypes.createStructField("last_seen", DataTypes.TimestampType, true),
    });

    private static final int BATCH_ROWS = 200_000;

    private final SparkSession spark;
    private final Path directory;
    private final List<Row> batch = new ArrayList<>();
    private boolean anyBatchWritten;

    MobileAppWriter(SparkSession spark, Path directory) {
        this.spark = spark;
        this.directory = directory;
    }

    @Override
    public void write(SiloRecord r, BadRowKind breakage) {
        String dob;
        if (breakage == BadRowKind.IMPOSSIBLE_DATE) {
            dob = BranchCrmWriter.birthYear(r) + "-02-30";
        } else {
            dob = r.birthDate() == null ? null : Texts.isoDate(new StringBuilder(10), r.birthDate()).toString();
        }
        batch.add(RowFactory.create(
                r.sourceId(),
                r.givenName(),
                breakage == BadRowKind.MISSING_REQUIRED_FIELD ? null : r.familyName(),
                r.phone(),
                r.email(),
                dob,
                r.secondConsent(),
                r.consent(),
                r.branchCustomerNumber(),
                Timestamp.from(r.updatedAt().toInstant(ZoneOffset.UTC))));
        if (batch.size() >= BATCH_ROWS) {
            flush();
        }
    }

    private void flush() {
        spark.createDataFrame(batch, SCHEMA).coalesce(1).write().mode(SaveMode.Append).parquet(directory.toString());
        batch.clear();
        anyBatchWritten = true;
    }

    @Override
    public void close() {
        // An empty silo still gets a (schema-only) file, so readers find the columns.
        if (!batch.isEmpty() || !anyBatchWritten) {
            flush();
        }
    }
}
