package io.customerhub.jobs.table;

import io.customerhub.jobs.HubException;
import java.util.List;
import java.util.regex.Pattern;
import org.apache.hadoop.fs.Path;

/**
 * Where the hub's Delta tables live under one hub root (local folder or any Hadoop URI). Path-based
 * tables: no metastore is needed.
 */
public record HubTables(String root) {

    public static final String DEFAULT_ROOT = "./hub-data";
    private static final Pattern TABLE_NAME = Pattern.compile("^[a-z][a-z0-9_]*(/[a-z][a-z0-9_]*)?$");
    /** Tables a user may name in {@code hub export}; bronze tables are named bronze/&lt;source&gt;. */
    public static final List<String> NAMED_TABLES =
            List.of("quarantine", "runs", "records", "pairs", "xref", "golden", "golden_id_history", "retired_xref", "review_queue", "steward_decisions", "erasures");

    public HubTables {
        if (root == null || root.isBlank()) {
            throw HubException.of("no hub root", "--hub-root is empty", "pass a folder or URI, e.g. ./hub-data or s3a://bucket/hub");
        }
        root = root.endsWith("/") ? root.substring(0, root.length() - 1) : root;
    }

    public String bronze(String source) {
        return table("bronze/" + source);
    }

    public String quarantine() {
        return table("quarantine");
    }

    public String runs() {
        return table("runs");
    }

    public String records() {
        return table("records");
    }

    public String pairs() {
        return table("pairs");
    }

    public String xref() {
        return table("xref");
    }

    public String golden() {
        return table("golden");
    }

    public String goldenIdHistory() {
        return table("golden_id_history");
    }

    /** The last golden id of each retired record (written by cluster, read when the record returns). */
    public String retiredXref() {
        return table("retired_xref");
    }

    public String stewardDecisions() {
        return table("steward_decisions");
    }

    public String reviewQueue() {
        return table("review_queue");
    }

    public String models() {
        return table("models");
    }

    /** Folder of the run reports (HTML and metrics.json per run), not a Delta table. */
    public String reports() {
        return table("reports");
    }

    public String erasures() {
        return table("erasures");
    }

    /** The path of a table named as in {@code hub export}: "quarantine", "bronze/branch_crm", ... */
    public String table(String name) {
        if (!TABLE_NAME.matcher(name).matches()) {
            throw HubException.of("'" + name + "' is not a table name", "table names are snake_case, bronze tables are bronze/<source>",
                    "use one of " + NAMED_TABLES + " or bronze/<source>");
        }
        return new Path(root, name).toString();
    }
}
