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
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
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
    private static final int GCM_IV_BYTES = 12;

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
        return HexFormat.of().formatHex(sha256(key + SEPARATOR + record.sourceSystem() + SEPARATOR + record.sourceId()));
    }

    /** The keyed hash of a golden id asked for by an erasure (an empty source: never equal to a record's hash). */
    public static String hashGoldenId(String key, String goldenId) {
        return HexFormat.of().formatHex(sha256(key + SEPARATOR + SEPARATOR + "golden_id" + SEPARATOR + goldenId));
    }

    /**
     * Encrypts (AES-GCM, with a key derived from the erasure key) what a pending erasure must still
     * remove, so the erasures table holds it opaque until the erasure completes and drops it.
     */
    public static String seal(String key, String plainText) {
        try {
            byte[] iv = new byte[GCM_IV_BYTES];
            new SecureRandom().nextBytes(iv);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, sealingKey(key), new GCMParameterSpec(128, iv));
            byte[] sealed = cipher.doFinal(plainText.getBytes(StandardCharsets.UTF_8));
            byte[] out = new byte[iv.length + sealed.length];
            System.arraycopy(iv, 0, out, 0, iv.length);
            System.arraycopy(sealed, 0, out, iv.length, sealed.length);
            return Base64.getEncoder().encodeToString(out);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is part of every JVM", e);
        }
    }

    /** The text {@link #seal} sealed with the same key. */
    public static String unseal(String key, String sealed) {
        byte[] in = Base64.getDecoder().decode(sealed);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, sealingKey(key), new GCMParameterSpec(128, in, 0, GCM_IV_BYTES));
            return new String(cipher.doFinal(in, GCM_IV_BYTES, in.length - GCM_IV_BYTES), StandardCharsets.UTF_8);
        } catch (AEADBadTagException e) {
            throw HubException.of("a pending erasure cannot be read with this erasure key", "the key changed since the erasure was requested",
                    "restore the erasure key it was requested with (the " + FILE + " file or " + ENV + ") and rerun `hub forget`", e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is part of every JVM", e);
        }
    }

    private static SecretKeySpec sealingKey(String key) {
        return new SecretKeySpec(sha256("seal" + SEPARATOR + key), "AES");
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JVM", e);
        }
    }

    /** The keyed hash of a source's id column, computed by Spark. */
    public static Column hashColumn(String key, String sourceSystem, Column sourceId) {
        return sha2(concat(lit(key + SEPARATOR + sourceSystem + SEPARATOR), sourceId), 256);
    }
}
