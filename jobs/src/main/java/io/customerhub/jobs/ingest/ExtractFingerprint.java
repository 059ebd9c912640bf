package io.customerhub.jobs.ingest;

import io.customerhub.jobs.HubException;
import io.customerhub.jobs.contract.ContractLoader.LoadedContract;
import io.customerhub.jobs.table.DeltaTableProperties;
import io.customerhub.jobs.table.HubTables;
import io.customerhub.jobs.table.RecordsTable;
import io.customerhub.matching.record.CanonicalField;
import io.delta.tables.DeltaTable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SparkSession;

/**
 * What one source's extract is, as far as ingesting it goes: a SHA-256 over the contract file, the
 * extract files' names and bytes, the columns ingest and standardize produce, and the erasures so
 * far. Bronze keeps the fingerprint of the extract it last published and the run that read it; an
 * extract with the same fingerprint holds nothing new (a silo that re-sends yesterday's snapshot),
 * so it is not read again and its records stay as they are.
 */
public final class ExtractFingerprint {

    /** Bronze table property: "<fingerprint> <run id>" of the extract the table last published. */
    public static final String PROPERTY = "customerhub.extract.fingerprint";
    private static final int BUFFER = 1 << 16;

    private ExtractFingerprint() {
    }

    /** The fingerprint of the extract {@code files} read with {@code loaded}'s contract, on this hub. */
    static String of(SparkSession spark, LoadedContract loaded, List<String> files, HubTables tables) {
        Configuration conf = spark.sparkContext().hadoopConfiguration();
        MessageDigest digest = sha256();
        update(digest, "customer-hub extract v1");
        // Columns ingest and standardize write: a release that adds one reads every extract again.
        for (CanonicalField field : CanonicalField.values()) {
            update(digest, field.columnName());
        }
        RecordsTable.STD_COLUMNS.forEach(c -> update(digest, c));
        update(digest, loaded.contractFile());
        digestFile(digest, loaded.contractFile(), conf);
        for (String file : files) {
            update(digest, file);
            digestFile(digest, file, conf);
        }
        // A new erasure must suppress rows of the same bytes: the erasures table's version is part of it.
        update(digest, erasuresVersion(spark, tables));
        return HexFormat.of().formatHex(digest.digest());
    }

    /** The run that last published an extract with this fingerprint into the source's bronze table, if any. */
    static Optional<String> publishedBy(SparkSession spark, String bronzePath, String fingerprint) {
        if (!DeltaTable.isDeltaTable(spark, bronzePath)) {
            return Optional.empty();
        }
        String stored = DeltaTableProperties.of(spark, bronzePath).get(PROPERTY);
        if (stored == null) {
            return Optional.empty();
        }
        int space = stored.indexOf(' ');
        return space > 0 && stored.substring(0, space).equals(fingerprint)
                ? Optional.of(stored.substring(space + 1)) : Optional.empty();
    }

    /** Records that {@code runId} published the extract with this fingerprint. */
    static void recordPublished(SparkSession spark, String bronzePath, String fingerprint, String runId) {
        DeltaTableProperties.set(spark, bronzePath, PROPERTY, fingerprint + " " + runId);
    }

    private static String erasuresVersion(SparkSession spark, HubTables tables) {
        if (!DeltaTable.isDeltaTable(spark, tables.erasures())) {
            return "no erasures";
        }
        return "erasures version " + DeltaTable.forPath(spark, tables.erasures()).history(1).select("version").first().getLong(0);
    }

    private static void digestFile(MessageDigest digest, String file, Configuration conf) {
        Path path = new Path(file);
        try (InputStream in = path.getFileSystem(conf).open(path)) {
            byte[] buffer = new byte[BUFFER];
            long length = 0;
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                digest.update(buffer, 0, n);
                length += n;
            }
            update(digest, Long.toString(length));
        } catch (IOException e) {
            throw HubException.of("cannot read " + file + " to fingerprint it", e.getMessage(),
                    "check that the file is readable and not being written", e);
        }
    }

    private static void update(MessageDigest digest, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        digest.update(Integer.toString(bytes.length).getBytes(StandardCharsets.US_ASCII));
        digest.update((byte) ':');
        digest.update(bytes);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JVM lacks SHA-256", e);
        }
    }
}
