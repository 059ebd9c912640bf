package io.customerhub.jobs.forget;

import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sha2;

import io.customerhub.jobs.HubException;
import io.customerhub.jobs.table.HubTables;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Column;

/**
 * The secret that keys the hashes of erased source records, so the erasures table can suppress a
 * record at the next ingest without holding its id: without the key a hash cannot be tested
 * against guessed ids. Env {@code HUB_ERASURE_KEY} wins (keep it in a secret store); otherwise a
 * random key is created once at {@code <hub-root>/_erasure_key}.
 */
public final class ErasureKey {

    public static final String ENV = "HUB_ERASURE_KEY";
    private static final String FILE = "_erasure_key";
    private static final String SEPARATOR = "\u0000";

    private ErasureKey() {
    }

    /** The key, created when {@code create} and none exists yet; null when none exists and not created. */
    public static String load(HubTables tables, Configuration conf, boolean create) {
        String fromEnv = System.getenv(ENV);
        if (fromEnv != null && !fromEnv.isBlank()) {
            return fromEnv.trim();
        }
        Path path = new Path(tables.root(), FILE);
        try {
            FileSystem fs = path.getFileSystem(conf);
            if (fs.exists(path)) {
                try (InputStream in = fs.open(path)) {
                    return new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
                }
            }
            if (!create) {
                return null;
            }
            byte[] random = new byte[32];
            new SecureRandom().nextBytes(random);
            String key = HexFormat.of().formatHex(random);
            try (OutputStream out = fs.create(path, false)) {
                out.write(key.getBytes(StandardCharsets.UTF_8));
            }
            return key;
        } catch (IOException e) {
            throw HubException.of("cannot read or create the erasure key at " + path, e.getMessage(),
                    "check the hub root's permissions or set " + ENV, e);
        }
    }

    /** SHA-256 of key, source and id: the same value as {@link #hashColumn}. */
    public static String hash(String key, SourceKey record) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest((key + SEPARATOR + record.sourceSystem() + SEPARATOR + record.sourceId()).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JVM", e);
        }
    }

    /** The keyed hash of a source's id column, computed by Spark. */
    public static Column hashColumn(String key, String sourceSystem, Column sourceId) {
        return sha2(concat(lit(key + SEPARATOR + sourceSystem + SEPARATOR), sourceId), 256);
    }
}
