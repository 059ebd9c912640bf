package io.customerhub.reader;

import io.delta.kernel.Snapshot;
import io.delta.kernel.TableManager;
import io.delta.kernel.defaults.engine.DefaultEngine;
import io.delta.kernel.engine.Engine;
import io.delta.kernel.exceptions.TableNotFoundException;
import io.delta.kernel.expressions.And;
import io.delta.kernel.expressions.Column;
import io.delta.kernel.expressions.Literal;
import io.delta.kernel.expressions.Predicate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;

/**
 * Reads the hub's golden table and cross-reference without Spark (Delta Kernel), for a channel
 * service: a golden record by id (following retired ids to their live successor), by source record,
 * and the changes since a table version. Every call reads the latest committed version; lookups
 * let Kernel skip files by their statistics, so a call costs a few files, not the table.
 */
public final class GoldenReader {

    private static final int MAX_REDIRECTS = 100;

    private final String hubRoot;
    private final Engine engine;

    private GoldenReader(String hubRoot, Engine engine) {
        this.hubRoot = hubRoot.endsWith("/") ? hubRoot.substring(0, hubRoot.length() - 1) : hubRoot;
        this.engine = engine;
    }

    /** A reader of the hub at {@code hubRoot} (folder or Hadoop URI) with a default Hadoop configuration. */
    public static GoldenReader open(String hubRoot) {
        return open(hubRoot, new Configuration());
    }

    /** As {@link #open(String)}, with the Hadoop configuration that reaches the storage (s3a, abfss keys ...). */
    public static GoldenReader open(String hubRoot, Configuration hadoop) {
        return new GoldenReader(Objects.requireNonNull(hubRoot, "hubRoot"), DefaultEngine.create(hadoop));
    }

    /** The golden row of an id; a retired id is followed to its live successor and the redirection reported. */
    public Optional<GoldenLookup> byGoldenId(String goldenId) {
        Snapshot golden = snapshot("golden", -1);
        List<String> followed = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        String id = goldenId;
        GoldenRow last = null;
        while (id != null && seen.add(id) && seen.size() <= MAX_REDIRECTS) {
            Optional<GoldenRow> row = goldenRow(golden, id);
            if (row.isEmpty()) {
                break;
            }
            last = row.get();
            if (!last.retired() || last.successorGoldenId().isEmpty()) {
                break;
            }
            followed.add(id);
            id = last.successorGoldenId().get();
        }
        if (last == null) {
            return Optional.empty();
        }
        // A chain that ends at a missing successor (or loops) reports the last row it reached.
        String reached = last.goldenId();
        List<String> redirectedFrom = followed.stream().filter(x -> !x.equals(reached)).toList();
        return Optional.of(new GoldenLookup(goldenId, last, redirectedFrom, golden.getVersion()));
    }

    /** The golden row of a source record, through the cross-reference; empty when the record is unknown. */
    public Optional<GoldenLookup> bySourceRecord(String sourceSystem, String sourceId) {
        Snapshot xref = snapshot("xref", -1);
        Predicate match = new And(equal("source_system", sourceSystem), equal("source_id", sourceId));
        List<Map<String, Object>> rows = DeltaRows.read(engine, xref, Optional.of(match),
                row -> sourceSystem.equals(row.get("source_system")) && sourceId.equals(row.get("source_id")));
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        return byGoldenId((String) rows.get(0).get("golden_id"));
    }

    /** The golden table's latest version. */
    public long goldenVersion() {
        return snapshot("golden", -1).getVersion();
    }

    /**
     * Net changes of the golden table from {@code version} to the latest version, found by comparing
     * the two snapshots by golden id (Delta Kernel 4.3.1's Java API exposes a table's change data
     * feed only as raw log actions, not as rows). Needs the old version's files: after a VACUUM
     * (e.g. {@code hub forget --vacuum}) an older version cannot be read and this fails with a fix.
     */
    public GoldenChanges changesSince(long version) {
        Snapshot latest = snapshot("golden", -1);
        if (version >= latest.getVersion()) {
            return new GoldenChanges(version, latest.getVersion(), List.of(), List.of());
        }
        Snapshot old = snapshot("golden", version);
        Map<String, Map<String, Object>> before = new HashMap<>();
        try {
            DeltaRows.read(engine, old, Optional.empty(), row -> true).forEach(row -> before.put((String) row.get(GoldenRow.GOLDEN_ID), row));
        } catch (RuntimeException e) {
            throw HubReaderException.of("version " + version + " of the golden table cannot be read any more",
                    "its files were vacuumed (VACUUM, hub forget --vacuum)", "read the whole table again and continue from version " + latest.getVersion(), e);
        }
        List<GoldenRow> upserted = new ArrayList<>();
        for (Map<String, Object> row : DeltaRows.read(engine, latest, Optional.empty(), r -> true)) {
            Map<String, Object> was = before.remove((String) row.get(GoldenRow.GOLDEN_ID));
            if (!row.equals(was)) {
                upserted.add(new GoldenRow(row));
            }
        }
        return new GoldenChanges(version, latest.getVersion(), upserted, before.keySet().stream().sorted().toList());
    }

    private Optional<GoldenRow> goldenRow(Snapshot golden, String id) {
        List<Map<String, Object>> rows = DeltaRows.read(engine, golden, Optional.of(equal(GoldenRow.GOLDEN_ID, id)),
                row -> id.equals(row.get(GoldenRow.GOLDEN_ID)));
        return rows.stream().findFirst().map(GoldenRow::new);
    }

    private Snapshot snapshot(String table, long version) {
        String path = hubRoot + "/" + table;
        try {
            var builder = TableManager.loadSnapshot(path);
            return (version < 0 ? builder : builder.atVersion(version)).build(engine);
        } catch (TableNotFoundException e) {
            throw HubReaderException.of("no " + table + " table under " + hubRoot, "the hub's jobs have not written it yet",
                    "check the hub root; run the nightly pipeline (the golden step writes golden)", e);
        } catch (RuntimeException e) {
            if (version >= 0) {
                throw HubReaderException.of("version " + version + " of " + table + " is not available", e.getClass().getSimpleName(),
                        "use a version between the oldest kept and the latest", e);
            }
            throw e;
        }
    }

    private static Predicate equal(String column, String value) {
        return new Predicate("=", new Column(column), Literal.ofString(value));
    }
}
