package io.customerhub.jobs.export;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.to_json;
import static org.apache.spark.sql.functions.when;

import io.customerhub.jobs.HubException;
import io.customerhub.jobs.table.HubTables;
import io.delta.tables.DeltaTable;
import java.util.Arrays;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.DataFrameWriter;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.MapType;
import org.apache.spark.sql.types.StringType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Writes a hub table as CSV (with header; nested values as JSON text) or JSON Lines, for systems
 * that only take files. The output is a folder of part files, one per {@code partitions}.
 *
 * <p>CSV follows RFC 4180 (every field quoted, a quote doubled, LF line ends, values kept as they
 * are, blanks included) and is safe to open in a spreadsheet: a text cell starting with a formula
 * character gets a leading {@code '} as OWASP advises against CSV injection.
 */
public final class ExportAction {

    /** What a spreadsheet reads as the start of a formula (OWASP, CSV injection). */
    static final String FORMULA_START = "^[=+\\-@\t\r]";

    /** Export formats. */
    public enum Format { CSV, JSONL }

    /** What was written. */
    public record Result(String table, String out, long rows) {
    }

    private final SparkSession spark;
    private final HubTables tables;

    public ExportAction(SparkSession spark, HubTables tables) {
        this.spark = spark;
        this.tables = tables;
    }

    public Result export(String table, Format format, String out, String runId, int partitions, boolean overwrite) {
        String path = tables.table(table);
        if (!DeltaTable.isDeltaTable(spark, path)) {
            throw HubException.of("table '" + table + "' does not exist under " + tables.root(),
                    "no run has written it yet (or --hub-root points elsewhere)",
                    "run the step that writes it (e.g. `hub ingest`), or check --hub-root; tables: " + HubTables.NAMED_TABLES
                            + " and bronze/<source>");
        }
        if (!overwrite && exists(out)) {
            throw HubException.of("export target " + out + " already exists", "exports never overwrite by accident",
                    "remove it, choose another --out, or pass --overwrite");
        }
        spark.sparkContext().setJobGroup("export:" + table, "export " + table + " as " + format, false);
        try {
            Dataset<Row> data = spark.read().format("delta").load(path);
            if (runId != null) {
                if (!Arrays.asList(data.columns()).contains("run_id")) {
                    throw HubException.of("table '" + table + "' has no run_id column", "--run-id filters on it",
                            "export without --run-id");
                }
                data = data.where(col("run_id").equalTo(runId));
            }
            Dataset<Row> shaped = (format == Format.CSV ? spreadsheetSafe(data) : data).coalesce(Math.max(1, partitions));
            long rows = shaped.count();
            DataFrameWriter<Row> writer = shaped.write().mode(overwrite ? "overwrite" : "errorifexists");
            if (format == Format.CSV) {
                // Spark's defaults escape a quote with a backslash and trim values; RFC 4180 doubles it and keeps them.
                writer.option("header", "true").option("quote", "\"").option("escape", "\"").option("quoteAll", "true")
                        .option("ignoreLeadingWhiteSpace", "false").option("ignoreTrailingWhiteSpace", "false")
                        .option("lineSep", "\n").format("csv");
            } else {
                writer.format("json");
            }
            writer.save(out);
            return new Result(table, out, rows);
        } finally {
            spark.sparkContext().clearJobGroup();
        }
    }

    private boolean exists(String out) {
        org.apache.hadoop.fs.Path path = new org.apache.hadoop.fs.Path(out);
        try {
            return path.getFileSystem(spark.sparkContext().hadoopConfiguration()).exists(path);
        } catch (java.io.IOException e) {
            throw HubException.of("cannot check export target " + out, e.getMessage(), "check the path and its file system", e);
        }
    }

    /** Nested values as JSON text, and every text cell that a spreadsheet would run as a formula neutralised. */
    private static Dataset<Row> spreadsheetSafe(Dataset<Row> data) {
        StructType schema = data.schema();
        Column[] columns = new Column[schema.fields().length];
        for (int i = 0; i < columns.length; i++) {
            StructField field = schema.fields()[i];
            boolean nested = field.dataType() instanceof ArrayType || field.dataType() instanceof MapType
                    || field.dataType() instanceof StructType;
            Column value = nested ? to_json(col(field.name())) : col(field.name());
            columns[i] = nested || field.dataType() instanceof StringType ? withoutFormula(value).as(field.name()) : value;
        }
        return data.select(columns);
    }

    /** OWASP's rule for CSV injection: a cell starting with = + - @ tab or CR is prefixed with a single quote. */
    static Column withoutFormula(Column text) {
        return when(text.rlike(FORMULA_START), concat(lit("'"), text)).otherwise(text);
    }
}
