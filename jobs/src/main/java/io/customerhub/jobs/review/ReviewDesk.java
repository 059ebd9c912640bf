package io.customerhub.jobs.review;

import static org.apache.spark.sql.functions.col;

import io.customerhub.jobs.HubException;
import io.customerhub.jobs.table.HubTables;
import io.customerhub.jobs.table.StewardDecisions;
import io.delta.tables.DeltaTable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * What a steward does with the queue: answer an item (checked against the records as they are now),
 * undo an answer. Answers become {@link StewardDecisions} rows that every later run honours.
 */
public final class ReviewDesk {

    /** A steward's answer to an item. */
    public enum Answer {
        /** Pair: the same person. Cluster: all its records are one person. */
        SAME,
        /** Pair: not the same person. */
        DIFFERENT,
        /** Cluster: this record does not belong with the others. */
        REMOVE_RECORD
    }

    private final SparkSession spark;
    private final HubTables tables;

    public ReviewDesk(SparkSession spark, HubTables tables) {
        this.spark = spark;
        this.tables = tables;
    }

    /**
     * Records the answer once and marks the item decided. Refuses unknown items, stale items (a record
     * changed since the item was queued), answers that do not fit the item, and a different answer
     * already active for it.
     *
     * @param record the record to remove, as "source:id" or a record key; only for {@link Answer#REMOVE_RECORD}
     */
    public StewardDecisions.Recorded decide(String itemId, Answer answer, String record, String steward, String reason) {
        if (steward == null || steward.isBlank()) {
            throw HubException.of("no steward name", "every decision records who made it", "pass --steward NAME (default: $USER)");
        }
        if (reason == null || reason.isBlank()) {
            throw HubException.of("no reason given", "every decision records why, for the audit and for whoever reviews it later",
                    "pass --reason TEXT");
        }
        ReviewItem item = ReviewQueue.item(spark, tables, itemId);
        requireCurrent(item);
        StewardDecisions.ItemAnswer stored = toDecision(item, answer, record, steward.strip(), reason.strip());
        StewardDecisions.Recorded recorded = StewardDecisions.answer(spark, tables, stored);
        ReviewQueue.markDecided(spark, tables, itemId, recorded.decision().decisionId());
        return recorded;
    }

    /** Undoes a decision; its item, if any, is open again. Returns the decision as it was. */
    public StewardDecisions.Stored undo(String decisionId, String steward) {
        if (steward == null || steward.isBlank()) {
            throw HubException.of("no steward name", "an undo records who made it", "pass --steward NAME (default: $USER)");
        }
        StewardDecisions.Stored before = StewardDecisions.undo(spark, tables, decisionId, steward.strip());
        if (before.undoneAt() == null && before.itemId() != null) {
            ReviewQueue.markOpen(spark, tables, before.itemId(), decisionId);
        }
        return before;
    }

    /** The item's records and their versions now: for a cluster, the records holding its golden id now. */
    public Map<String, String> currentVersions(ReviewItem item) {
        List<String> keys = new ArrayList<>(item.recordKeys());
        if (!item.isPair() && DeltaTable.isDeltaTable(spark, tables.xref())) {
            keys = spark.read().format("delta").load(tables.xref()).where(col("golden_id").equalTo(item.goldenId()))
                    .select("record_key").collectAsList().stream().map(r -> r.getString(0)).toList();
        }
        Map<String, String> versions = new TreeMap<>();
        keys.forEach(k -> versions.put(k, ReviewItems.MISSING));
        for (Row row : spark.read().format("delta").load(tables.records()).where(col("record_key").isin(keys.toArray()))
                .select("record_key", "retired", "last_changed_run").collectAsList()) {
            versions.put(row.getString(0), row.getBoolean(1) ? ReviewItems.RETIRED : row.getString(2));
        }
        return versions;
    }

    /** The records that differ between the queued item and now, as "key: queued -> now" (keys and run ids only). */
    public List<String> changes(ReviewItem item) {
        Map<String, String> now = currentVersions(item);
        Map<String, String> all = new TreeMap<>(item.recordVersions());
        now.forEach(all::putIfAbsent);
        List<String> changes = new ArrayList<>();
        all.forEach((key, v) -> {
            String queued = item.recordVersions().getOrDefault(key, "not in the cluster");
            String current = now.getOrDefault(key, "not in the cluster");
            if (!queued.equals(current)) {
                changes.add(key + ": " + queued + " -> " + current);
            }
        });
        return changes;
    }

    private void requireCurrent(ReviewItem item) {
        List<String> changes = changes(item);
        if (!changes.isEmpty()) {
            throw HubException.of("review item " + item.itemId() + " is stale: its records changed since it was queued in run " + item.runId()
                            + " (" + String.join("; ", changes.subList(0, Math.min(5, changes.size())))
                            + (changes.size() > 5 ? "; " + (changes.size() - 5) + " more" : "") + ")",
                    "a steward's answer holds for the records as they were shown; these are no longer the same",
                    "run `hub review build` (or wait for the next nightly run), then look at the item again with `hub review show`");
        }
    }

    private static StewardDecisions.ItemAnswer toDecision(ReviewItem item, Answer answer, String record, String steward, String reason) {
        String versions = ReviewItems.fingerprint(item.recordVersions());
        List<StewardDecisions.KeyPair> pairs = new ArrayList<>();
        String kind;
        if (answer != Answer.REMOVE_RECORD && record != null) {
            throw HubException.of("a record was named with --" + answer.name().toLowerCase(java.util.Locale.ROOT),
                    "only --remove-record takes a record", "drop the record, or use --remove-record S:ID alone");
        }
        if (item.isPair()) {
            if (answer == Answer.REMOVE_RECORD) {
                throw HubException.of("--remove-record does not apply to pair " + item.itemId(), "a pair is answered same or different",
                        "use --same or --different");
            }
            kind = answer == Answer.SAME ? StewardDecisions.MUST_LINK : StewardDecisions.CANNOT_LINK;
            pairs.add(new StewardDecisions.KeyPair(item.leftKey(), item.rightKey()));
        } else if (answer == Answer.SAME) {
            kind = StewardDecisions.MUST_LINK;
            List<String> keys = item.recordKeys();
            keys.subList(1, keys.size()).forEach(k -> pairs.add(new StewardDecisions.KeyPair(keys.get(0), k)));
        } else if (answer == Answer.REMOVE_RECORD) {
            String removed = recordKey(record);
            if (!item.recordVersions().containsKey(removed)) {
                throw HubException.of("record " + removed + " is not in cluster " + item.itemId(),
                        "--remove-record names one of the cluster's records", "pick one of: " + String.join(", ", item.recordKeys()));
            }
            kind = StewardDecisions.CANNOT_LINK;
            item.recordKeys().stream().filter(k -> !k.equals(removed)).forEach(k -> pairs.add(new StewardDecisions.KeyPair(removed, k)));
        } else {
            throw HubException.of("--different does not apply to cluster " + item.itemId(),
                    "a cluster is split by naming the records that do not belong",
                    "use --remove-record S:ID for each record to take out (or --same to confirm the cluster)");
        }
        return new StewardDecisions.ItemAnswer(item.itemId(), answer.name(), versions, kind, pairs, steward, reason);
    }

    /** "crm:C1" or "crm/C1" -> the record key "crm/C1" (source names are snake_case, so the first other character separates). */
    public static String recordKey(String record) {
        if (record == null || !record.matches("[a-z][a-z0-9_]*[:/].+")) {
            throw HubException.of("'" + record + "' does not name a record", "a record is named as SOURCE:ID, e.g. branch_crm:C123",
                    "copy the record as `hub review show ITEM` prints it");
        }
        int separator = 0;
        while (Character.isLowerCase(record.charAt(separator)) || Character.isDigit(record.charAt(separator)) || record.charAt(separator) == '_') {
            separator++;
        }
        return record.substring(0, separator) + "/" + record.substring(separator + 1);
    }

    /** Decisions recorded for an item, newest first (active and undone). */
    public List<StewardDecisions.Stored> history(String itemId) {
        if (!DeltaTable.isDeltaTable(spark, tables.stewardDecisions())
                || !List.of(spark.read().format("delta").load(tables.stewardDecisions()).columns()).contains("item_id")) {
            return List.of();
        }
        Map<String, StewardDecisions.Stored> byId = new HashMap<>();
        for (Row row : spark.read().format("delta").load(tables.stewardDecisions()).where(col("item_id").equalTo(itemId))
                .select("decision_id").distinct().collectAsList()) {
            byId.put(row.getString(0), StewardDecisions.find(spark, tables, row.getString(0)));
        }
        return byId.values().stream().sorted(java.util.Comparator.comparing(StewardDecisions.Stored::decidedAt).reversed()).toList();
    }
}
